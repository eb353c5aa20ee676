/// Stage one of reading: what comes before the rows.
extension LongListReader {
    /// The head of a long list: its encoding so far as the first bytes tell, the delimiter, the header
    /// record, and where the rows begin.
    struct Head {
        /// The bytes as UTF-8 when the file was UTF-16 (transcoded whole); nil otherwise.
        var transcoded: ByteSource?
        /// The encoding a byte-order mark (or the transcoding) fixed; nil leaves it to the rows.
        var fixedEncoding: SourceEncoding?
        /// The size of the file as it is on disk.
        var byteCount: Int
        var delimiter: UInt8
        /// Physical line of the header record.
        var headerLine: Int
        /// The header cells as written (unquoted) and as shown (decoded, trimmed).
        var headerFields: [[UInt8]]
        var headers: [String]
        var headerIsUTF8: Bool
        /// Well-formed multi-byte UTF-8 sequences in the header (evidence that the file is UTF-8).
        var headerMultiByteSequences: Int
        var headerTerminator: RecordScanner.Terminator
        /// Where the first row starts, and its physical line.
        var dataStart: Int
        var firstDataLine: Int

        /// Reads the head of `source`.
        ///
        /// - Throws: ``LongListError`` for an empty file, one holding only a byte-order mark, UTF-16
        ///   without a byte-order mark, a header whose quote never closes, or a blank first row.
        static func read(source: ByteSource, file: String, delimiter given: UInt8?) throws(LongListError) -> Head {
            func fail(_ kind: ReadProblem.Kind, line: Int? = nil, column: Int? = nil, _ message: String) -> LongListError {
                LongListError(ReadProblem(kind, file: file, line: line, column: column, message: message))
            }
            guard source.count > 0 else { throw fail(.emptyFile, "the file is empty") }
            let first4 = source.bytes(in: 0..<min(source.count, 4))
            var data = source
            var transcoded: ByteSource?
            var fixedEncoding: SourceEncoding?
            var start = 0
            if first4.starts(with: [0xFF, 0xFE]) || first4.starts(with: [0xFE, 0xFF]) {
                let littleEndian = first4[0] == 0xFF
                let utf8 = try transcodeUTF16(source.bytes(in: 2..<source.count), littleEndian: littleEndian, file: file)
                data = ByteSource(bytes: utf8)
                transcoded = data
                fixedEncoding = littleEndian ? .utf16LittleEndian : .utf16BigEndian
                guard data.count > 0 else { throw fail(.emptyFile, "the file holds only a byte-order mark") }
            } else if first4.starts(with: [0xEF, 0xBB, 0xBF]) {
                fixedEncoding = .utf8WithBOM
                start = 3
            } else if first4.count >= 2 && (first4[0] == 0 || first4[1] == 0) {
                throw fail(.unsupportedEncoding, line: 1, "the file looks like UTF-16 without a byte-order mark; save it as \"CSV UTF-8\"")
            }
            guard data.count > start else { throw fail(.emptyFile, "the file holds only a byte-order mark") }

            // Excel's `sep=;` line, then the header.
            let first = firstLine(of: data, from: start)
            var headerLine = 1
            var delimiter = given
            if first.text.count == 5, first.text.prefix(4).map({ $0 | 0x20 }) == Array("sep=".utf8) {
                delimiter = delimiter ?? first.text[4]
                start = first.next
                headerLine = 2
            }
            let headerText = headerLine == 1 ? first.text : firstLine(of: data, from: start).text
            let chosen = delimiter ?? detectDelimiter(headerText)

            var scanner = RecordScanner(delimiter: chosen)
            var buffer = ScanBuffer(capacity: 1 << 16)
            while true {
                buffer.count = 0
                _ = buffer.fill(from: data, at: start)
                let isFinal = start + buffer.count >= data.count
                let outcome = buffer.withBytes { scanner.scan($0, from: 0, isFinal: isFinal) }
                switch outcome {
                case .needMoreData:
                    buffer.keepTail(from: 0)
                    if buffer.capacity > 64 << 20 { throw fail(.unterminatedQuote, line: headerLine, "the header row never ends") }
                    continue
                case .unterminatedQuote(_, let field):
                    throw fail(.unterminatedQuote, line: headerLine, column: field + 1, "a quoted header cell never closes")
                case .record(let next):
                    let fields = (0..<scanner.fieldCount).map { scanner.value(of: $0, in: buffer.unsafeBytes) }
                    let isUTF8 = fields.allSatisfy { field in field.withUnsafeBytes { isValidUTF8($0) } }
                    let headers = fields.map { bytes in
                        (isUTF8 ? String(decoding: bytes, as: UTF8.self) : Windows1252.decode(bytes)).trimmingSpaces()
                    }
                    if headers.allSatisfy(\.isEmpty) { throw fail(.emptyFile, line: headerLine, "the first row is blank: no header") }
                    return Head(
                        transcoded: transcoded, fixedEncoding: fixedEncoding, byteCount: source.count, delimiter: chosen,
                        headerLine: headerLine, headerFields: fields, headers: headers, headerIsUTF8: isUTF8,
                        headerMultiByteSequences: fields.reduce(0) { $0 + $1.withUnsafeBytes { UTF8Validation.multiByteSequences($0) } },
                        headerTerminator: scanner.terminator, dataStart: start + next,
                        firstDataLine: headerLine + 1 + scanner.embeddedLineBreaks)
                }
            }
        }
    }

    /// The first physical line from `offset` (without its terminator, at most 64 KiB) and where the next begins.
    static func firstLine(of source: ByteSource, from offset: Int) -> (text: [UInt8], next: Int) {
        let window = source.bytes(in: offset..<min(source.count, offset + (1 << 16)))
        guard let end = window.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return (window, offset + window.count) }
        var next = end + 1
        if window[end] == 0x0D && next < window.count && window[next] == 0x0A { next += 1 }
        return (Array(window[..<end]), offset + next)
    }

    /// The delimiter the header line uses most, outside quotes: comma, semicolon or tab (comma on a tie).
    static func detectDelimiter(_ line: [UInt8]) -> UInt8 {
        var counts = Dictionary(uniqueKeysWithValues: Delimiter.named.map { ($0.byte, 0) })
        var inQuotes = false
        for byte in line {
            if byte == 0x22 { inQuotes.toggle() } else if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
        }
        // The first of the most frequent, in the order Delimiter.named lists them.
        var best = Delimiter.comma
        for (_, byte) in Delimiter.named where counts[byte]! > counts[best]! { best = byte }
        return best
    }

    /// UTF-16 (after its byte-order mark) to UTF-8, or an error at the first unpaired surrogate.
    static func transcodeUTF16(_ bytes: [UInt8], littleEndian: Bool, file: String) throws(LongListError) -> [UInt8] {
        guard bytes.count % 2 == 0 else {
            throw LongListError(ReadProblem(.undecodableBytes, file: file, message: "a UTF-16 file with an odd number of bytes"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | (b << 8) : (a << 8) | b)
            i += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        var line = 1
        var decoder = UTF16()
        var iterator = units.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                UTF8.encode(scalar) { output.append($0) }
                if scalar == "\n" { line += 1 }
            case .emptyInput:
                return output
            case .error:
                throw LongListError(ReadProblem(
                    .undecodableBytes, file: file, line: line,
                    message: "an unpaired UTF-16 surrogate; re-save the file as \"CSV UTF-8\""))
            }
        }
    }
}

func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    if case .valid = UTF8Validation.validate(bytes) { return true }
    return false
}
