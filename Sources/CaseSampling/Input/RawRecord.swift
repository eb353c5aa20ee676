/// One record of a long list as it lies in the reader's buffer: each field's value reached as UTF-8
/// bytes, without building a `String` per field.
///
/// A raw record is lent to the closure of ``LongList/forEachRawRecord(rows:_:)`` and is valid only
/// during that call: it points into the reader's buffer and the scanner's field offsets, which the next
/// record overwrites. Do not store it or let it escape.
///
/// ```swift
/// var scratch: [UInt8] = []
/// list.forEachRawRecord(rows: [0, 5]) { row, record in
///     record.withValue(of: 1, scratch: &scratch) { utf8 in print(row, utf8.count) }
/// }
/// ```
///
/// A field's value is the same as ``LongList/recordFields(row:)`` gives, encoded as UTF-8: a quoted
/// field without its quotes and with each `""` collapsed to `"`, any other field exactly as written,
/// and a Windows-1252 file's bytes transcoded. Only the fields that need work (a doubled quote, a
/// non-ASCII byte in a Windows-1252 file) are rewritten, into `scratch`; every other value is the
/// file's own bytes, read in place (see ``plainValue(of:)``). A UTF-8 or UTF-16 file's values are valid
/// UTF-8: the reader rejects a file with invalid sequences, and transcodes UTF-16 before parsing.
struct RawRecord {
    /// How the file's bytes are encoded (UTF-16 files are already UTF-8 here).
    let encoding: SourceEncoding
    /// The field delimiter of the file.
    let delimiter: UInt8
    /// The number of fields; 0 for a record whose quoted field never closes.
    let fieldCount: Int
    private let bytes: UnsafeRawBufferPointer
    private let starts: UnsafeBufferPointer<Int>
    private let ends: UnsafeBufferPointer<Int>
    private let flags: UnsafeBufferPointer<RecordScanner.FieldFlags>

    /// The record `scanner` found last in `bytes`; valid while neither changes.
    init(scanner: RecordScanner, in bytes: UnsafeRawBufferPointer, encoding: SourceEncoding) {
        self.encoding = encoding
        delimiter = scanner.delimiter
        self.bytes = bytes
        fieldCount = scanner.fieldCount
        starts = scanner.starts
        ends = scanner.ends
        flags = scanner.flags
    }

    /// A record of no fields, standing for one whose quoted field never closes.
    init(unscannableIn encoding: SourceEncoding, delimiter: UInt8) {
        self.encoding = encoding
        self.delimiter = delimiter
        fieldCount = 0
        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        starts = UnsafeBufferPointer(start: nil, count: 0)
        ends = starts
        flags = UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The content of field `field` as it lies in the file, between any quotes.
    private func span(_ field: Int) -> UnsafeRawBufferPointer {
        precondition(field >= 0 && field < fieldCount, "field index out of range")
        return UnsafeRawBufferPointer(rebasing: bytes[starts[field]..<ends[field]])
    }

    /// The value of field `field` when it is written in the file exactly as it is: not quoted, and
    /// ASCII or in a UTF-8 file. Nil when the file's text differs from the value (quotes around it,
    /// doubled quotes, bytes to transcode). Valid as long as the record.
    func plainValue(of field: Int) -> UnsafeRawBufferPointer? {
        let fieldFlags = flags[field]
        if fieldFlags.contains(.quoted) || (encoding == .windows1252 && fieldFlags.contains(.nonASCII)) { return nil }
        return span(field)
    }

    /// The file's bytes from the start of field `fields.lowerBound` to the end of field
    /// `fields.upperBound - 1`, delimiters between included. Valid as long as the record.
    func text(ofFields fields: Range<Int>) -> UnsafeRawBufferPointer {
        precondition(!fields.isEmpty && fields.upperBound <= fieldCount, "field range out of range")
        return UnsafeRawBufferPointer(rebasing: bytes[starts[fields.lowerBound]..<ends[fields.upperBound - 1]])
    }

    /// Calls `body` with the UTF-8 bytes of field `field`'s value (see the type's discussion).
    ///
    /// - Parameters:
    ///   - field: a field index below ``fieldCount``.
    ///   - scratch: storage reused from call to call for values that must be rewritten.
    ///   - body: receives the value; the buffer is valid only during the call.
    func withValue<R>(of field: Int, scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let content = span(field)
        let isEscaped = flags[field].contains(.escapedQuote)
        let needsTranscoding = encoding == .windows1252 && flags[field].contains(.nonASCII)
        guard isEscaped || needsTranscoding else { return try body(content) }
        scratch.removeAll(keepingCapacity: true)
        if needsTranscoding {
            Windows1252.appendUTF8(of: RecordScanner.value(of: content, flags: flags[field]), to: &scratch)
        } else {
            RecordScanner.unescape(content, into: &scratch)
        }
        return try scratch.withUnsafeBytes(body)
    }

    /// Every field's value as a `String`, decoded from the field's bytes with ``Windows1252/decode(_:)``
    /// or as UTF-8: the reader's way of fetching a record, independent of ``withValue(of:scratch:_:)``
    /// so that each can check the other.
    func decodedFields() -> [String] {
        (0..<fieldCount).map { field in
            let value = RecordScanner.value(of: span(field), flags: flags[field])
            return encoding == .windows1252 ? Windows1252.decode(value) : String(decoding: value, as: UTF8.self)
        }
    }

    /// Field `field`'s value as a `String` (see ``decodedFields()``).
    func decodedField(_ field: Int) -> String {
        let value = RecordScanner.value(of: span(field), flags: flags[field])
        return encoding == .windows1252 ? Windows1252.decode(value) : String(decoding: value, as: UTF8.self)
    }
}
