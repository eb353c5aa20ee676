/// Every record of a small CSV text as strings: for findings files, returned lists and tests.
///
/// Strict RFC 4180 with the long-list reader's scanner: a quote fault is an error that names the
/// physical line and field. Blank lines are skipped. Line endings LF, CRLF and CR are all accepted.
package enum CSVRecords {
    /// A record with the physical line it starts on.
    package struct Record: Sendable, Equatable {
        package var line: Int
        package var fields: [String]
    }

    /// Parses UTF-8 (a leading BOM is dropped) or, when not valid UTF-8, Windows-1252 bytes.
    package static func parse(_ bytes: [UInt8], file: String, delimiter: UInt8 = 0x2C, keepBlankLines: Bool = false) throws(LongListError) -> [Record] {
        var data = bytes
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        let isUTF8 = data.withUnsafeBytes { isValidUTF8($0) }
        let count = data.count
        data.append(contentsOf: repeatElement(0, count: 8))
        var scanner = RecordScanner(delimiter: delimiter)
        var records: [Record] = []
        var position = 0
        var line = 1
        while position < count {
            let outcome = data.withUnsafeBytes { scanner.scan(UnsafeRawBufferPointer(rebasing: $0[0..<count]), from: position, isFinal: true) }
            switch outcome {
            case .needMoreData:
                preconditionFailure("a final scan never asks for more data")
            case .unterminatedQuote(_, let field):
                throw LongListError(ReadProblem(.unterminatedQuote, file: file, line: line, column: field + 1,
                                                message: "a quoted field opens here and never closes"))
            case .record(let next):
                if let fault = scanner.faults.first {
                    throw LongListError(ReadProblem(
                        fault.kind == .strayQuote ? .strayQuote : .textAfterClosingQuote, file: file, line: line,
                        column: fault.field + 1,
                        message: fault.kind == .strayQuote ? "a quote inside an unquoted field" : "text after the closing quote of a field"))
                }
                let fields = data.withUnsafeBytes { scanner.decodedFields(in: $0, encoding: isUTF8 ? .utf8 : .windows1252) }
                let isBlank = fields.count == 1 && fields[0].isEmpty && !scanner.flags[0].contains(.quoted)
                if keepBlankLines || !isBlank { records.append(Record(line: line, fields: fields)) }
                line += 1 + scanner.embeddedLineBreaks
                position = next
            }
        }
        return records
    }
}
