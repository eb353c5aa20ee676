/// What the reader hands on about each row of a long list as it parses it, and to whom.
///
/// The reader parses a long list in chunks on every core; each chunk gets a consumer of its own (so
/// consumers need no locks) and tells it, in file order within the chunk, every new distinct value of
/// a coded column and every row. The layers above decide what to keep: the per-row codes
/// (``StoredCodes``, for `LongList.column(_:)`), or only what a draw needs (the population's
/// classifier). Chunks are then merged in file order (``LongListReader/read(source:file:columns:options:consumer:merge:)``).
protocol RowConsumer {
    /// Value `code` (chunk-local, in order of first appearance) of coded column `slot` is new; its
    /// bytes (unquoted, undecoded) are valid during the call, and `isUTF8` says whether they are
    /// well-formed UTF-8 (else they are read as Windows-1252).
    mutating func valueAdded(slot: Int, code: Int, bytes: UnsafeRawBufferPointer, isUTF8: Bool)

    /// One row, in file order.
    mutating func take(_ row: ParsedRow)
}

/// One row as the reader parsed it; valid only during ``RowConsumer/take(_:)``.
struct ParsedRow {
    /// The row's index within its chunk, from 0.
    var index: Int
    /// The physical line it starts on, within its chunk (from 0).
    var line: Int
    /// Per coded column (slot), the value's chunk-local code (a field the row does not have counts as
    /// blank).
    var codes: UnsafeBufferPointer<UInt32>
    /// ``CaseReference`` hash of the case reference; ``CaseReference/emptyHash`` when blank or when
    /// the job has no case-reference column.
    var keyHash: UInt64
    /// Whether an error in the row itself (not a duplicate, found later) makes it invalid.
    var isInvalid: Bool
    /// Whether the row's fields may sit in the wrong columns: too many or too few, or a repeated header.
    var isShifted: Bool
    /// 0-based fields with a quoting fault.
    var faultyFields: UnsafeBufferPointer<Int>
    /// The record's bytes and fields, for writing it out again.
    var record: RawRecord
}

/// A consumer that keeps every row's code of every coded column: the default, for
/// ``LongList/column(_:)``. The codes lie row by row, one 32-bit code per slot, until the merge
/// moves each slot's into its ``CodeStore``.
struct StoredCodes: RowConsumer {
    let slotCount: Int
    private(set) var rows: [UInt32] = []

    init(slotCount: Int) {
        self.slotCount = slotCount
    }

    mutating func valueAdded(slot: Int, code: Int, bytes: UnsafeRawBufferPointer, isUTF8: Bool) {}

    mutating func take(_ row: ParsedRow) {
        rows.append(contentsOf: row.codes)
    }

    /// Appends slot `slot`'s codes, each translated through `translation`, to `store`.
    func appendCodes(of slot: Int, to store: inout CodeStore, translatedBy translation: [UInt32]) {
        guard slotCount > 0 else { return }
        rows.withUnsafeBufferPointer { rows in
            store.append(rows.count / slotCount, of: rows, first: slot, stride: slotCount, translatedBy: translation)
        }
    }
}
