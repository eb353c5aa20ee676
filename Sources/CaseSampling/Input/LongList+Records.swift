extension LongList {
    /// Calls `body` with the fields of each row in `rows` (ascending), reading the file forwards once.
    public func forEachRecord(rows: [Int], _ body: (Int, [String]) throws -> Void) rethrows {
        try forEachRawRecord(rows: rows) { row, record in try body(row, record.decodedFields()) }
    }

    /// Calls `body` with each row in `rows` (ascending) as a ``RawRecord`` and the physical line it
    /// starts on, its fields' bytes read in place. A row whose quoted field never closes comes as a
    /// record of no fields.
    ///
    /// Rows are found from the nearest checkpoint before them, reading forwards: the file is read
    /// once however many rows are asked for. The record lent to `body` is valid only during that call.
    func forEachRawRecord<Rows: Collection<Int>>(rows: Rows, _ body: (Int, RawRecord) throws -> Void) rethrows {
        try forEachRawRecordWithLine(rows: rows) { row, _, record in try body(row, record) }
    }

    /// ``forEachRawRecord(rows:_:)`` with each row's physical line.
    func forEachRawRecordWithLine<Rows: Collection<Int>>(rows: Rows, _ body: (Int, Int, RawRecord) throws -> Void) rethrows {
        guard !rows.isEmpty else { return }
        var walker = RowWalker(list: self)
        for row in rows {
            precondition(row >= 0 && row < rowCount, "row out of range")
            try walker.advance(to: row) { record, line in try body(row, line, record) }
        }
    }

    /// The physical line (1-based, as problems cite it) on which each of `rows` (ascending) starts.
    func physicalLines<Rows: Collection<Int>>(of rows: Rows) -> [Int] {
        var lines: [Int] = []
        lines.reserveCapacity(rows.count)
        forEachRawRecordWithLine(rows: rows) { _, line, _ in lines.append(line) }
        return lines
    }
}

/// Walks a long list's rows forwards from checkpoints, as the reader parsed them (blank rows skipped),
/// keeping the physical line.
struct RowWalker: ~Copyable {
    private let list: LongList
    private var scanner: RecordScanner
    private var buffer = ScanBuffer(capacity: 64 << 10)
    /// Structural positions of `buffer` from where the walk last (re)started in it.
    private var index = StructuralIndex()
    private var bufferStart = 0
    /// The next row to be read, where it starts, and its line.
    private var row = Int.max
    private var offset = 0
    private var line = 0

    init(list: LongList) {
        self.list = list
        scanner = RecordScanner(delimiter: list.delimiter)
        index.delimiter = list.delimiter
    }

    /// Reads forwards to `target` and calls `body` with its record and line.
    mutating func advance(to target: Int, _ body: (RawRecord, Int) throws -> Void) rethrows {
        if target < row || target - row > ChunkParser<StoredCodes>.checkpointSpacing {
            // The last checkpoint at or before the target.
            var low = 0, high = list.checkpoints.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if list.checkpoints[middle].row <= target { low = middle } else { high = middle - 1 }
            }
            let checkpoint = list.checkpoints[low]
            if !(checkpoint.row <= row && row <= target) {
                (row, offset, line) = (checkpoint.row, checkpoint.offset, checkpoint.line)
                index.reset(to: max(0, offset - bufferStart))
            }
        }
        while true {
            var local = offset - bufferStart
            if local < 0 || local >= buffer.count {
                bufferStart = offset
                buffer.count = 0
                _ = buffer.fill(from: list.source, at: bufferStart)
                local = 0
                index.reset(to: 0)
            }
            let isFinal = bufferStart + buffer.count >= list.source.count
            let outcome = scanner.scan(buffer.unsafeBytes, from: local, isFinal: isFinal, index: &index)
            switch outcome {
            case .needMoreData:
                buffer.keepTail(from: local)
                bufferStart = offset
                _ = buffer.fill(from: list.source, at: bufferStart + buffer.count)
                index.reset(to: 0)
                continue
            case .unterminatedQuote:
                if row == target { try body(RawRecord(unscannableIn: list.encoding, delimiter: list.delimiter), line) }
                row = Int.max
                return
            case .record(let next):
                let isBlank = scanner.faults.isEmpty && (0..<scanner.fieldCount).allSatisfy { scanner.ends[$0] == scanner.starts[$0] }
                if !isBlank && row == target {
                    try body(RawRecord(scanner: scanner, in: buffer.unsafeBytes, encoding: list.encoding), line)
                }
                offset = bufferStart + next
                line += 1 + scanner.embeddedLineBreaks
                if !isBlank {
                    if row == target {
                        row += 1
                        return
                    }
                    row += 1
                }
            }
        }
    }
}
