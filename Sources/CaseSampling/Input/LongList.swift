/// A long list as read: where it came from, how it was written, and compact per-row state.
///
/// Rows are numbered from 0 in file order. Per row the list keeps only the case reference's hash (8
/// bytes); every ``ChunkParser/checkpointSpacing``-th row also keeps where it starts, so that any row
/// can be found again and written out with its original text. Coded columns are dictionary-encoded:
/// their distinct values are decoded once each, and their per-row codes are kept only when the reader
/// was asked to (``LongListReader/read(path:columns:options:)`` keeps them; the population's reader
/// keeps only what a draw needs).
public struct LongList: Sendable {
    /// The name used in messages (the path as given).
    public internal(set) var file: String
    public internal(set) var encoding: SourceEncoding
    public internal(set) var delimiter: UInt8
    public internal(set) var lineEndings: LineEndings
    /// The header cells, trimmed, in file order.
    public internal(set) var headers: [String]
    /// Physical line of the header.
    public internal(set) var headerLine: Int
    /// Field index (0-based) of each role found.
    public internal(set) var columnIndex: [String: Int]
    public internal(set) var blankRowsSkipped: Int
    /// Problems found, in line order: errors (which make their rows invalid) and warnings.
    public internal(set) var problems: [ReadProblem]
    /// Size of the file in bytes.
    public internal(set) var byteCount: Int
    public internal(set) var rowCount: Int

    /// Per row, the hash from ``CaseReference`` (``CaseReference/emptyHash`` when the job has no
    /// case-reference role).
    var caseReferenceHashes: [UInt64]
    var categorical: [String: CategoricalColumn]
    /// Distinct values of the columns the job did not ask for, by header index; nil for free text.
    var profiles: [Int: [ValueCount]?]
    /// Rows made invalid by an error, with the index of the first such problem in ``problems``.
    var invalidRows: [Int: Int]
    /// Where every ``ChunkParser/checkpointSpacing``-th row starts, and the rows at chunk starts.
    var checkpoints: [RowCheckpoint]
    let source: ByteSource
    /// The role of each coded column, in slot order.
    var slotRoles: [String]

    /// The categorical column for `role`, if the list has it.
    public func column(_ role: String) -> CategoricalColumn? { categorical[role] }

    /// Drops the per-row codes of every categorical column but those of `roles`; their distinct values stay.
    mutating func releaseRowCodes(keeping roles: Set<String>) {
        for (role, column) in categorical where !roles.contains(role) && column.hasRowCodes {
            categorical[role] = CategoricalColumn(values: column.values, codes: nil)
        }
    }

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

/// Where a row starts in the file: its byte offset and its physical line (1-based).
struct RowCheckpoint: Sendable {
    var row: Int
    var offset: Int
    var line: Int
}

/// A distinct value and how many rows have it.
public struct ValueCount: Sendable, Codable, Equatable {
    public var value: String
    public var count: Int
    /// Physical line where the value first appears.
    public var firstLine: Int
}

/// One dictionary-encoded column: its distinct values and, when kept, a code per row.
public struct CategoricalColumn: Sendable {
    /// Distinct values as written (unquoted, not trimmed), in order of first appearance.
    public let values: [ValueCount]
    let codes: CodeStore?

    /// Whether the reader kept each row's code (``code(of:)``).
    public var hasRowCodes: Bool { codes != nil }

    /// The code of `row`'s value: an index into ``values``. Only for a column whose row codes were kept.
    @inline(__always)
    public func code(of row: Int) -> Int {
        guard let codes else { preconditionFailure("the reader did not keep this column's row codes") }
        return codes[row]
    }
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
        var fields: [String] = []
        forEachRawRecord(rows: [row]) { _, record in fields = record.decodedFields() }
        return fields
    }
}
