/// The unsafe core of the reader: finds the fields of one CSV record in a byte buffer.
///
/// The scanner works on raw bytes. Every byte it must recognise (delimiter, `"`, LF, CR) is ASCII,
/// and so means the same in UTF-8 and in Windows-1252, so records are found before the encoding is
/// known. Unquoted field content is skipped eight bytes at a time (SWAR): a word is XORed with each
/// special byte broadcast to all lanes, and the classic "has a zero byte" test marks the lanes that
/// matched; the lowest marked lane is exact.
///
/// For the record `a,"b ""c""",d\r\n` the scanner reports three fields with content ranges `a`,
/// `b ""c""` (flagged quoted and escaped) and `d`, and an end just past `\r\n`.
///
/// Buffers passed in must have at least 8 readable bytes past `count` (see ``ScanBuffer``) so that
/// word loads never read outside the allocation.
struct RecordScanner {
    /// What one field looked like.
    struct FieldFlags: OptionSet {
        let rawValue: UInt8
        /// The field was enclosed in quotes; its range excludes them.
        static let quoted = FieldFlags(rawValue: 1)
        /// The field holds a doubled quote `""` that stands for one `"`.
        static let escapedQuote = FieldFlags(rawValue: 2)
        /// The field holds a byte above 0x7F.
        static let nonASCII = FieldFlags(rawValue: 4)
    }

    /// A fault found inside a record. The scanner recovers and finds the record's end regardless.
    struct Fault: Equatable {
        enum Kind: Equatable {
            /// A `"` inside an unquoted field.
            case strayQuote
            /// Characters between a closing quote and the next delimiter or line end.
            case textAfterClosingQuote
        }
        var kind: Kind
        /// Byte offset of the faulty byte.
        var offset: Int
        /// 0-based index of the field it is in.
        var field: Int
    }

    enum Outcome: Equatable {
        /// A complete record; `next` is the offset just past its terminator (or the end of the data).
        case record(next: Int)
        /// The record runs past the end of the bytes available; call again with more data.
        case needMoreData
        /// A quoted field that opens at `offset` never closes before the end of the data.
        case unterminatedQuote(offset: Int, field: Int)
    }

    /// How a record ended.
    enum Terminator: UInt8 { case lf, crlf, cr, endOfData }

    /// Field offsets and flags of the last record, in storage reused from record to record and
    /// doubled when a record has more fields than it holds. A scanner has one owner: copies would
    /// share this storage.
    final class FieldStorage {
        let capacity: Int
        let starts: UnsafeMutablePointer<Int>
        let ends: UnsafeMutablePointer<Int>
        let flags: UnsafeMutablePointer<FieldFlags>

        init(capacity: Int) {
            self.capacity = capacity
            starts = .allocate(capacity: capacity)
            ends = .allocate(capacity: capacity)
            flags = .allocate(capacity: capacity)
        }

        deinit {
            starts.deallocate()
            ends.deallocate()
            flags.deallocate()
        }
    }

    let delimiter: UInt8
    private var storage = FieldStorage(capacity: 64)
    /// Number of fields in the last record.
    private(set) var fieldCount = 0
    /// Content start offsets of the fields of the last record.
    var starts: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: storage.starts, count: fieldCount) }
    /// Content end offsets (exclusive).
    var ends: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: storage.ends, count: fieldCount) }
    var flags: UnsafeBufferPointer<FieldFlags> { UnsafeBufferPointer(start: storage.flags, count: fieldCount) }
    /// Faults in the last record.
    private(set) var faults: [Fault] = []
    /// Line breaks inside quoted fields of the last record (CRLF counts once).
    private(set) var embeddedLineBreaks = 0
    /// Whether a field of the last record has a byte above 0x7F.
    private(set) var hasNonASCIIField = false
    private(set) var terminator: Terminator = .endOfData

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    @inline(__always)
    private mutating func appendField(start: Int, end: Int, flags fieldFlags: FieldFlags) {
        if fieldCount == storage.capacity {
            let bigger = FieldStorage(capacity: storage.capacity * 2)
            bigger.starts.update(from: storage.starts, count: fieldCount)
            bigger.ends.update(from: storage.ends, count: fieldCount)
            bigger.flags.update(from: storage.flags, count: fieldCount)
            storage = bigger
        }
        storage.starts[fieldCount] = start
        storage.ends[fieldCount] = end
        storage.flags[fieldCount] = fieldFlags
        fieldCount += 1
    }

    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func lanesEqual(_ word: UInt64, _ broadcast: UInt64) -> UInt64 {
        let x = word ^ broadcast
        return (x &- ones) & ~x & highs
    }

    /// Scans the record that starts at `start`.
    ///
    /// - Parameters:
    ///   - bytes: the data; `count` bytes are valid and 8 more are readable.
    ///   - isFinal: whether the data ends at `bytes.count` (end of file) rather than at a buffer edge.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, isFinal: Bool) -> Outcome {
        fieldCount = 0
        faults.removeAll(keepingCapacity: true)
        embeddedLineBreaks = 0
        hasNonASCIIField = false
        let count = bytes.count
        let delimiterWord = UInt64(delimiter) &* Self.ones
        let quoteWord = UInt64(Self.quote) &* Self.ones
        let lfWord = UInt64(Self.lf) &* Self.ones
        let crWord = UInt64(Self.cr) &* Self.ones
        var i = start
        var field = 0
        while true {
            // At the start of a field.
            var fieldFlags = FieldFlags()
            let contentStart: Int
            var contentEnd: Int
            if i < count && bytes[i] == Self.quote {
                fieldFlags.insert(.quoted)
                i += 1
                contentStart = i
                // Find the closing quote, counting line breaks inside.
                while true {
                    // Skip eight bytes at a time while none is a quote or line break.
                    while i + 8 <= count {
                        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                        let hits = Self.lanesEqual(word, quoteWord) | Self.lanesEqual(word, lfWord)
                            | Self.lanesEqual(word, crWord)
                        if hits != 0 {
                            i += hits.trailingZeroBitCount >> 3
                            break
                        }
                        i += 8
                    }
                    guard i < count else {
                        return isFinal ? .unterminatedQuote(offset: contentStart - 1, field: field) : .needMoreData
                    }
                    let b = bytes[i]
                    if b == Self.quote {
                        if i + 1 < count && bytes[i + 1] == Self.quote {
                            fieldFlags.insert(.escapedQuote)
                            i += 2
                            continue
                        }
                        if i + 1 >= count && !isFinal { return .needMoreData }
                        contentEnd = i
                        i += 1
                        break
                    } else if b == Self.lf {
                        embeddedLineBreaks += 1
                        i += 1
                    } else if b == Self.cr {
                        if i + 1 >= count && !isFinal { return .needMoreData }
                        if !(i + 1 < count && bytes[i + 1] == Self.lf) { embeddedLineBreaks += 1 }
                        i += 1
                    } else {
                        i += 1
                    }
                }
                // After the closing quote: expect a delimiter, a line end or the end of data.
                if i < count {
                    let b = bytes[i]
                    if b != delimiter && b != Self.lf && b != Self.cr {
                        faults.append(Fault(kind: .textAfterClosingQuote, offset: i, field: field))
                        // Recover: keep the extra text in the field, up to the next delimiter or line end.
                        while i < count {
                            let c = bytes[i]
                            if c == delimiter || c == Self.lf || c == Self.cr { break }
                            i += 1
                        }
                        contentEnd = i
                    }
                }
            } else {
                contentStart = i
                while true {
                    while i + 8 <= count {
                        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                        let hits = Self.lanesEqual(word, delimiterWord) | Self.lanesEqual(word, quoteWord)
                            | Self.lanesEqual(word, lfWord) | Self.lanesEqual(word, crWord)
                        if hits != 0 {
                            i += hits.trailingZeroBitCount >> 3
                            break
                        }
                        i += 8
                    }
                    while i < count {
                        let b = bytes[i]
                        if b == delimiter || b == Self.quote || b == Self.lf || b == Self.cr { break }
                        i += 1
                    }
                    if i < count && bytes[i] == Self.quote {
                        if faults.last?.field != field { faults.append(Fault(kind: .strayQuote, offset: i, field: field)) }
                        i += 1
                        continue
                    }
                    break
                }
                contentEnd = i
            }
            // Flag bytes above 0x7F in the content.
            var j = contentStart
            var high: UInt64 = 0
            while j + 8 <= contentEnd {
                high |= bytes.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                j += 8
            }
            while j < contentEnd { high |= UInt64(bytes[j]); j += 1 }
            if high & Self.highs != 0 {
                fieldFlags.insert(.nonASCII)
                hasNonASCIIField = true
            }
            appendField(start: contentStart, end: contentEnd, flags: fieldFlags)
            // After the field.
            guard i < count else {
                if !isFinal { return .needMoreData }
                terminator = .endOfData
                return .record(next: i)
            }
            let b = bytes[i]
            if b == delimiter {
                i += 1
                field += 1
                if i >= count && !isFinal { return .needMoreData }
                continue
            }
            if b == Self.lf {
                terminator = .lf
                return .record(next: i + 1)
            }
            // b == CR
            if i + 1 < count {
                if bytes[i + 1] == Self.lf {
                    terminator = .crlf
                    return .record(next: i + 2)
                }
                terminator = .cr
                return .record(next: i + 1)
            }
            if !isFinal { return .needMoreData }
            terminator = .cr
            return .record(next: i + 1)
        }
    }
}

extension RecordScanner {
    /// Scans the record that starts at `start` as ``scan(_:from:isFinal:)`` does, giving the same
    /// outcome, fields, flags and terminator, but taking the field boundaries from `index` while the
    /// record holds no quote: most records of a long list hold none, and then no byte between two
    /// delimiters is looked at. A record with a quote, or one that runs to the end of `bytes`, is
    /// scanned again by ``scan(_:from:isFinal:)``.
    ///
    /// - Parameter index: the structural bytes of `bytes` (see ``StructuralIndex``).
    @inline(__always)
    mutating func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, isFinal: Bool, index: inout StructuralIndex) -> Outcome {
        fieldCount = 0
        var fieldStart = start
        let count = bytes.count
        while true {
            guard let position = index.next(atOrAfter: fieldStart, in: bytes) else {
                return scan(bytes, from: start, isFinal: isFinal)
            }
            let byte = bytes[position]
            if byte == delimiter {
                appendField(start: fieldStart, end: position, flags: [])
                fieldStart = position + 1
                continue
            }
            if byte == Self.lf {
                appendField(start: fieldStart, end: position, flags: [])
                finishFastRecord(bytes, from: start, to: position, terminator: .lf)
                return .record(next: position + 1)
            }
            if byte == Self.cr && position + 1 < count {
                appendField(start: fieldStart, end: position, flags: [])
                let isCRLF = bytes[position + 1] == Self.lf
                finishFastRecord(bytes, from: start, to: position, terminator: isCRLF ? .crlf : .cr)
                return .record(next: position + (isCRLF ? 2 : 1))
            }
            // A quote, or a CR at the end of the bytes: the exact scan decides.
            return scan(bytes, from: start, isFinal: isFinal)
        }
    }

    /// Completes a record found by the fast path: no faults, no embedded line breaks, and the
    /// `nonASCII` flag on each field that has a byte above 0x7F.
    @inline(__always)
    private mutating func finishFastRecord(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, terminator: Terminator) {
        if !faults.isEmpty { faults.removeAll(keepingCapacity: true) }
        embeddedLineBreaks = 0
        self.terminator = terminator
        hasNonASCIIField = Self.hasHighByte(bytes, start, end)
        guard hasNonASCIIField else { return }
        for field in 0..<fieldCount where Self.hasHighByte(bytes, storage.starts[field], storage.ends[field]) {
            storage.flags[field].insert(.nonASCII)
        }
    }

    /// Whether a byte of `bytes[start..<end]` is above 0x7F, eight bytes at a time.
    @inline(__always)
    private static func hasHighByte(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var any: UInt64 = 0
        var i = start
        while i + 8 <= end {
            any |= bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < end {
            any |= UInt64(bytes[i])
            i += 1
        }
        return any & highs != 0
    }
}

extension RecordScanner {
    /// The value of field `field` of the last record: a quoted field with each `""` collapsed to `"`,
    /// any other field exactly as written (a stray `""` in an unquoted field stays two quotes, as the
    /// reader's dictionary keeps it).
    func value(of field: Int, in bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Self.value(of: UnsafeRawBufferPointer(rebasing: bytes[starts[field]..<ends[field]]), flags: flags[field])
    }

    /// The value of a field whose content is `span` and whose flags are `flags` (see ``value(of:in:)``).
    static func value(of span: UnsafeRawBufferPointer, flags: FieldFlags) -> [UInt8] {
        guard flags.contains(.escapedQuote) else { return Array(span) }
        var out: [UInt8] = []
        out.reserveCapacity(span.count)
        RecordScanner.unescape(span, into: &out)
        return out
    }

    /// Every field of the last record, decoded from UTF-8 or, for a Windows-1252 file, from that.
    func decodedFields(in bytes: UnsafeRawBufferPointer, encoding: SourceEncoding) -> [String] {
        RawRecord(scanner: self, in: bytes, encoding: encoding).decodedFields()
    }
}
