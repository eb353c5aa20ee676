/// A long list as read: where it came from, how it was written, and compact per-row state.
///
/// Rows are numbered from 0 in file order. Per row the list keeps only the byte offset of the record
/// (so the record can be fetched again and written out with its original text), the case reference's
/// hash, and a small integer code for each categorical column. Values are decoded once per distinct
/// value, not once per row.
public struct LongList: Sendable {
    /// The name used in messages (the path as given).
    public let file: String
    public let encoding: SourceEncoding
    public let delimiter: UInt8
    public let lineEndings: LineEndings
    /// The header cells, trimmed, in file order.
    public let headers: [String]
    /// Physical line of the header.
    public let headerLine: Int
    /// Field index (0-based) of each role found.
    public let columnIndex: [String: Int]
    public let blankRowsSkipped: Int
    /// Problems found, in line order: errors (which make their rows invalid) and warnings.
    public let problems: [ReadProblem]
    /// Size of the file in bytes.
    public let byteCount: Int

    let rowOffsets: [UInt64]
    /// Per row, the hash from ``CaseReference`` (empty when the job has no case-reference role).
    let caseReferenceHashes: [UInt64]
    let categorical: [String: CategoricalColumn]
    /// Distinct values of the columns the job did not ask for, by header index; nil for free text.
    let profiles: [Int: [ValueCount]?]
    /// Rows made invalid by an error, with the index of the first such problem in ``problems``.
    let invalidRows: [Int: Int]
    let source: ByteSource

    public var rowCount: Int { rowOffsets.count }

    /// The categorical column for `role`, if the list has it.
    public func column(_ role: String) -> CategoricalColumn? { categorical[role] }

    /// Whether `row` has an error that keeps it out of any sample.
    public func isInvalid(_ row: Int) -> Bool { invalidRows[row] != nil }

    /// The problem that made `row` invalid.
    public func invalidity(of row: Int) -> ReadProblem? { invalidRows[row].map { problems[$0] } }

    /// Number of invalid rows.
    public var invalidRowCount: Int { invalidRows.count }

    /// The case-reference hash of `row`.
    public func caseReferenceHash(of row: Int) -> UInt64 { caseReferenceHashes[row] }

    /// Errors only.
    public var errors: [ReadProblem] { problems.filter { $0.severity == .error } }
}

/// A distinct value and how many rows have it.
public struct ValueCount: Sendable, Codable, Equatable {
    public var value: String
    public var count: Int
    /// Physical line where the value first appears.
    public var firstLine: Int
}

/// One dictionary-encoded column: its distinct values and a code per row.
public struct CategoricalColumn: Sendable {
    /// Distinct values as written (unquoted, not trimmed), in order of first appearance.
    public let values: [ValueCount]
    let codes: CodeStore

    /// The code of `row`'s value: an index into ``values``.
    @inline(__always)
    public func code(of row: Int) -> Int { codes[row] }
}

/// Which line endings the file used, and how often.
public struct LineEndings: Sendable, Codable, Equatable, CustomStringConvertible {
    public var lf: Int
    public var crlf: Int
    public var cr: Int

    public var description: String {
        let used = [("CRLF", crlf), ("LF", lf), ("CR", cr)].filter { $0.1 > 0 }
        switch used.count {
        case 0: return "none"
        case 1: return used[0].0
        default: return "mixed (" + used.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")"
        }
    }
}

extension LongList {
    /// The fields of `row` as written in the file (unquoted, decoded to Unicode), read again from the file.
    public func recordFields(row: Int) -> [String] {
        RecordFetcher(source: source, delimiter: delimiter, encoding: encoding).fields(at: Int(rowOffsets[row]))
    }
}
