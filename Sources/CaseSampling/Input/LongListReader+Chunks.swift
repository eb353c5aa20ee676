/// Stage three of reading: the rows, in chunks parsed on every core and merged in file order.
extension LongListReader {
    /// The chunks merged so far, in file order, with rows and lines counted from the start of the file.
    struct MergedChunks: ~Copyable {
        var values: ValueTables
        var profiles: ValueTables
        var profileSaturated: [Bool]
        var keyHashes: [UInt64] = []
        var checkpoints: [RowCheckpoint] = []
        var problems: [AbsoluteProblem] = []
        var blankRows = 0
        var blankRowLines: [Int] = []
        var terminatorCounts = [0, 0, 0]  // LF, CRLF, CR
        var validMultiByteSequences = 0
        var invalidUTF8Fields = 0
        var firstInvalidUTF8: (line: Int, column: Int)?
        var firstUndefined1252: (line: Int, column: Int)?
        var rowsWithTrailingDelimiters = 0
        var scientificReferences = 0
        var firstScientificReference: Int?
        var unterminatedQuote: (line: Int, column: Int)?
        var rowCount = 0
        /// The physical line of the next chunk's first record.
        var nextLine: Int
        /// Where the last merged record ended: where the next chunk must start.
        var end = 0

        init(plan: Plan, firstLine: Int) {
            values = ValueTables(slotCount: plan.columns.codedCount)
            profiles = ValueTables(slotCount: plan.columns.profileCount)
            profileSaturated = Array(repeating: false, count: plan.columns.profileCount)
            nextLine = firstLine
        }
    }

    /// A problem with its physical line and row in the whole file.
    struct AbsoluteProblem {
        var kind: ReadProblem.Kind
        var severity: ReadProblem.Severity
        var line: Int
        var column: Int?
        var message: String
        var row: Int?
    }

    /// A finished chunk parser, handed from the thread that parsed it to the one that merges it.
    final class ParsedChunk<Consumer: RowConsumer>: @unchecked Sendable {
        var parser: ChunkParser<Consumer>
        let limit: Int
        init(_ parser: consuming ChunkParser<Consumer>, limit: Int) {
            self.parser = parser
            self.limit = limit
        }
    }

    /// Parses the rows of `data` from `head.dataStart` in chunks and merges them into `merged`,
    /// handing each chunk's consumer to `merge` in file order.
    static func parseChunks<Consumer: RowConsumer>(
        _ data: ByteSource, plan: Plan, head: Head, options: ReadOptions, into merged: inout MergedChunks,
        makeConsumer: @escaping @Sendable () -> Consumer, merge: (ChunkMerge<Consumer>) throws(LongListError) -> Void
    ) throws(LongListError) {
        let dataStart = head.dataStart
        merged.end = dataStart
        guard data.count > dataStart else { return }
        let chunkSize = options.isParallel ? options.chunkSize : data.count
        let count = (data.count - dataStart + chunkSize - 1) / chunkSize
        let columns = plan.columns
        let delimiter = head.delimiter
        let size = data.count
        @Sendable func limit(_ index: Int) -> Int { min(size, dataStart + (index + 1) * chunkSize) }
        try InOrder.run(parts: count) { index -> ParsedChunk<Consumer> in
            let chunkStart = dataStart + index * chunkSize
            let start = index == 0 ? dataStart : (recordBoundaryGuess(in: data, after: chunkStart - 1) ?? data.count)
            var parser = ChunkParser(source: data, plan: columns, delimiter: delimiter, start: start, consumer: makeConsumer())
            parser.parse(until: limit(index))
            return ParsedChunk(parser, limit: limit(index))
        } consume: { (chunk: ParsedChunk<Consumer>) throws(LongListError) in
            if chunk.parser.start != merged.end {
                // The guess was inside a quoted field: parse the chunk again from where the last record ended.
                var parser = ChunkParser(source: data, plan: columns, delimiter: delimiter, start: merged.end, consumer: makeConsumer())
                parser.parse(until: chunk.limit)
                chunk.parser = parser
            }
            try absorb(&chunk.parser, into: &merged, bytesAfterStart: size - dataStart, merge: merge)
        }
    }

    /// Merges one chunk, the next in file order.
    private static func absorb<Consumer: RowConsumer>(
        _ parser: inout ChunkParser<Consumer>, into merged: inout MergedChunks, bytesAfterStart: Int,
        merge: (ChunkMerge<Consumer>) throws(LongListError) -> Void
    ) throws(LongListError) {
        let lineBase = merged.nextLine, rowBase = merged.rowCount
        var estimatedRowCount: Int?
        if rowBase == 0 && parser.rowCount > 0 {
            let bytesPerRow = Double(max(1, parser.position - parser.start)) / Double(parser.rowCount)
            // No more rows than a row of empty fields (one byte per field) would allow.
            let most = Double(bytesAfterStart / max(1, parser.plan.headers.count))
            let estimate = Int(min(most, Double(bytesAfterStart) / bytesPerRow * 1.02)) + 1024
            estimatedRowCount = estimate
            merged.keyHashes.reserveCapacity(estimate)
        }
        var translations: [[UInt32]] = []
        for slot in 0..<parser.values.slotCount {
            translations.append(merged.values.absorb(slot, from: parser.values, slot: slot, lineOffset: lineBase))
        }
        for slot in 0..<parser.profiles.slotCount where !merged.profileSaturated[slot] {
            _ = merged.profiles.absorb(slot, from: parser.profiles, slot: slot, lineOffset: lineBase)
            merged.profileSaturated[slot] = parser.profileSaturated[slot] || merged.profiles.count(slot) > ColumnPlan.profileLimit
        }
        merged.keyHashes.append(contentsOf: UnsafeBufferPointer(start: parser.keyHashes.base, count: parser.keyHashes.count))
        for (k, checkpoint) in parser.checkpoints.enumerated() {
            merged.checkpoints.append(RowCheckpoint(
                row: rowBase + k * ChunkParser<Consumer>.checkpointSpacing, offset: checkpoint.offset, line: lineBase + checkpoint.line))
        }
        for problem in parser.problems {
            merged.problems.append(AbsoluteProblem(
                kind: problem.kind, severity: problem.severity, line: problem.line + lineBase, column: problem.column,
                message: problem.message, row: problem.row.map { $0 + rowBase }))
        }
        merged.blankRows += parser.blankRows
        for line in parser.blankRowLines where merged.blankRowLines.count < 20 { merged.blankRowLines.append(line + lineBase) }
        for i in 0..<3 { merged.terminatorCounts[i] += parser.terminatorCounts[i] }
        merged.validMultiByteSequences += parser.validMultiByteSequences
        merged.invalidUTF8Fields += parser.invalidUTF8Fields
        if merged.firstInvalidUTF8 == nil, let first = parser.firstInvalidUTF8 { merged.firstInvalidUTF8 = (first.line + lineBase, first.column) }
        if merged.firstUndefined1252 == nil, let first = parser.firstUndefined1252 { merged.firstUndefined1252 = (first.line + lineBase, first.column) }
        merged.rowsWithTrailingDelimiters += parser.rowsWithTrailingDelimiters
        merged.scientificReferences += parser.scientificReferences
        if merged.firstScientificReference == nil, let line = parser.firstScientificReference { merged.firstScientificReference = line + lineBase }
        if merged.unterminatedQuote == nil, let quote = parser.unterminatedQuote { merged.unterminatedQuote = (quote.line + lineBase, quote.column) }
        merged.rowCount += parser.rowCount
        merged.nextLine += parser.linesConsumed
        merged.end = parser.position
        try merge(ChunkMerge(
            consumer: parser.consumer, translations: translations, rowBase: rowBase, lineBase: lineBase,
            estimatedRowCount: estimatedRowCount))
    }

    /// A guess at a record boundary: just past the first line break at or after `offset`.
    static func recordBoundaryGuess(in source: ByteSource, after offset: Int) -> Int? {
        var position = offset
        while position < source.count {
            let window = source.bytes(in: position..<min(source.count, position + (1 << 16)))
            if let index = window.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                var next = position + index + 1
                if window[index] == 0x0D {
                    let after = source.bytes(in: next..<min(source.count, next + 1))
                    if after.first == 0x0A { next += 1 }
                }
                return next < source.count ? next : nil
            }
            position += window.count
        }
        return nil
    }
}
