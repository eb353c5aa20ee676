extension LongList {
    /// Calls `body` with the fields of each row in `rows` (ascending), reading the file forwards once
    /// through one sliding buffer: for writing many rows (such as every excluded row) without a read per row.
    public func forEachRecord(rows: [Int], _ body: (Int, [String]) throws -> Void) rethrows {
        try forEachRawRecord(rows: rows) { row, record in try body(row, record.decodedFields()) }
    }

    /// Calls `body` with each row in `rows` (ascending) as a ``RawRecord``, its fields' bytes read in
    /// place, through one sliding buffer read forwards once. A row whose quoted field never closes comes
    /// as a record of no fields.
    ///
    /// The record lent to `body` is valid only during that call. The buffer is 4 MiB, or 64 KiB when
    /// the rows are on average more than a MiB apart, so that a few scattered rows do not each cost a
    /// large read; it grows for a record longer than that.
    func forEachRawRecord<Rows: RandomAccessCollection<Int>>(rows: Rows, _ body: (Int, RawRecord) throws -> Void) rethrows {
        guard let first = rows.first, let last = rows.last else { return }
        var scanner = RecordScanner(delimiter: delimiter)
        let averageGap = (Int(rowOffsets[last]) - Int(rowOffsets[first])) / max(1, rows.count - 1)
        var buffer = ScanBuffer(capacity: averageGap > 1 << 20 ? 64 << 10 : 4 << 20)
        var bufferStart = Int(rowOffsets[first])
        _ = buffer.fill(from: source, at: bufferStart)
        var index = rows.startIndex
        while index < rows.endIndex {
            let row = rows[index]
            let offset = Int(rowOffsets[row])
            var local = offset - bufferStart
            if local < 0 || local >= buffer.count {
                bufferStart = offset
                buffer.count = 0
                _ = buffer.fill(from: source, at: bufferStart)
                local = 0
            }
            let isFinal = bufferStart + buffer.count >= source.count
            let outcome = buffer.withBytes { scanner.scan($0, from: local, isFinal: isFinal) }
            switch outcome {
            case .needMoreData:
                buffer.keepTail(from: local)
                bufferStart = offset
                _ = buffer.fill(from: source, at: bufferStart + buffer.count)
                continue
            case .unterminatedQuote:
                try body(row, RawRecord(unscannableIn: encoding, delimiter: delimiter))
            case .record:
                try buffer.withBytes { bytes in try body(row, RawRecord(scanner: scanner, in: bytes, encoding: encoding)) }
            }
            index = rows.index(after: index)
        }
    }
}
