import Foundation

/// A CSV file that casesample wrote (UTF-8 with BOM, CRLF), read back whole: its header and records,
/// each with the physical line it starts on.
struct OutputTable: Sendable {
    /// The path as given, for messages.
    let file: String
    let bytes: [UInt8]
    let headers: [String]
    let records: [CSVRecords.Record]

    /// Reads `path`.
    ///
    /// - Throws: ``FinalizeError`` when the file is missing, not CSV, or has no header.
    static func read(_ path: String) throws(FinalizeError) -> OutputTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FinalizeError(ReadProblem(.cannotOpen, file: path, message: "cannot read the file"))
        }
        return try parse([UInt8](data), file: path)
    }

    static func parse(_ bytes: [UInt8], file: String) throws(FinalizeError) -> OutputTable {
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.parse(bytes, file: file)
        } catch {
            throw FinalizeError(reading: error, what: file)
        }
        guard let header = records.first else { throw FinalizeError(ReadProblem(.emptyFile, file: file, message: "the file is empty")) }
        return OutputTable(file: file, bytes: bytes, headers: header.fields, records: Array(records.dropFirst()))
    }

    /// Whether the headers end with `trailing` after `width` original columns.
    func hasTrailingColumns(_ trailing: [String], after width: Int) -> Bool {
        headers.count == width + trailing.count && Array(headers[width...]) == trailing
    }
}
