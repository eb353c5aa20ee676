extension CSVWriter {
    /// Appends a long-list record from the bytes it was read from, then fields already encoded, then CRLF.
    ///
    /// The result is the same bytes as `append(record:)` given the record's fields as strings (exactly
    /// `width` of them: cut after `width`, missing ones empty) followed by the encoded fields' text. Each
    /// field goes through the same neutralising and quoting, but as UTF-8 bytes read in place, so no
    /// `String` is built (see ``RawRecord``).
    ///
    /// Most records of a long list need no change at all: comma-separated, no field quoted, and no field
    /// that the writer would neutralise or quote. Such a record is copied as one run of bytes (see
    /// ``isVerbatim(_:width:)``); any other record is written field by field.
    ///
    /// - Parameters:
    ///   - record: the record, valid for the duration of the call.
    ///   - width: the number of fields to write from the record (the header's).
    ///   - trailing: fields from ``encodedField(_:)``, written after the record's.
    ///   - scratch: storage reused from call to call.
    /// - Complexity: O(*n*) in the record's bytes.
    mutating func append(_ record: RawRecord, width: Int, thenEncoded trailing: [[UInt8]], scratch: inout [UInt8]) {
        if Self.isVerbatim(record, width: width) {
            appendEncoded(record.text(ofFields: 0..<width))
        } else {
            for field in 0..<width {
                if field > 0 { appendFieldSeparator() }
                if field < record.fieldCount {
                    record.withValue(of: field, scratch: &scratch) { appendField(utf8: $0) }
                }
            }
        }
        for (index, field) in trailing.enumerated() {
            if index > 0 || width > 0 { appendFieldSeparator() }
            appendEncoded(field)
        }
        endRecord()
    }

    /// Whether the first `width` fields of `record`, as they lie in the file with their delimiters, are
    /// exactly what ``append(record:)`` would write for their values.
    ///
    /// True when the delimiter is a comma, the record has at least `width` fields, each is a plain value
    /// (``RawRecord/plainValue(of:)``) that the writer would not neutralise
    /// (``CSVWriter/needsNeutralising(_:)``) and that neither starts nor ends with a space, and the fields hold no semicolon,
    /// quote, CR or LF. Such values are neither neutralised nor quoted (the type's rules), and commas
    /// appear only as the delimiters. The test is conservative: a false answer only means the record is
    /// written field by field.
    static func isVerbatim(_ record: RawRecord, width: Int) -> Bool {
        guard width > 0, record.delimiter == ASCII.comma, record.fieldCount >= width else { return false }
        for field in 0..<width {
            guard let value = record.plainValue(of: field) else { return false }
            guard let first = value.first, let last = value.last else { continue }
            if first == ASCII.space || last == ASCII.space || CSVWriter.needsNeutralising(value) { return false }
        }
        for byte in record.text(ofFields: 0..<width) {
            switch byte {
            case ASCII.semicolon, ASCII.quote, ASCII.carriageReturn, ASCII.lineFeed: return false
            default: continue
            }
        }
        return true
    }
}
