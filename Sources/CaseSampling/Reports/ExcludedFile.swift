/// `excluded.csv`: the header and `Reason`, then every excluded row in file order, written from the
/// bytes it was read from (``CSVWriter/append(_:width:thenEncoded:scratch:)``), with its reason.
///
/// It is the draw's largest output (a fifth of a long list, often), so it is made in parts on every core
/// while the sample is drawn, each part from its own stretch of rows, and written and hashed part by
/// part in file order (``InOrder``): it is never held in memory whole.
///
/// ```swift
/// let digest = try ExcludedFile.write(of: population, to: staged.createFile("excluded.csv"))
/// ```
enum ExcludedFile {
    /// The rows of each part are about this many bytes in the long list, or fewer.
    static let defaultPartSize = 4 << 20

    /// Writes the file to `sink` and returns its SHA-256 (hexadecimal).
    ///
    /// - Parameter partSize: roughly how many bytes of the long list each part covers; tests make it
    ///   small to check that the parts join up.
    /// - Throws: what `sink` throws; nothing more is written after that.
    static func write(of population: Population, to sink: some ByteSink, partSize: Int = defaultPartSize) throws(OutputError) -> String {
        let list = population.list
        let reasonCells = population.reasons.map { [CSVWriter.encodedField("\($0.code): \($0.text)")] }
        let parts = self.parts(of: population, size: partSize)
        var digest = SHA256()
        var header = CSVWriter()
        header.append(record: list.headers + ["Reason"])
        try sink.write(header.bytes)
        digest.update(header.bytes)
        try InOrder.run(parts: parts.count) { index in
            let part = parts[index]
            var writer = CSVWriter(continuationReservingCapacity: part.estimatedBytes + part.estimatedBytes / 32 + 256)
            var scratch: [UInt8] = []
            list.forEachRawRecord(rows: part.rows) { row, record in
                let reason = reasonCells[Int(population.disposition[row]) - 1]
                writer.append(record, width: list.headers.count, thenEncoded: reason, scratch: &scratch)
            }
            return writer.bytes
        } consume: { (bytes) throws(OutputError) in
            try sink.write(bytes)
            digest.update(bytes)
        }
        return digest.hexDigest()
    }

    /// A stretch of excluded rows, ascending, and the size of their output estimated from their length
    /// in the long list.
    struct Part {
        var rows: ArraySlice<Int>
        var estimatedBytes: Int
    }

    /// The excluded rows in stretches that each span at most about `size` bytes of the long list (at
    /// least one row each).
    static func parts(of population: Population, size: Int) -> [Part] {
        let list = population.list
        let reasonLengths = population.reasons.map { $0.code.utf8.count + $0.text.utf8.count + 8 }
        var rows: [Int] = []
        rows.reserveCapacity(population.excludedCount)
        var stretches: [(rows: Range<Int>, estimatedBytes: Int)] = []
        var partStart = 0, partOffset = 0, estimate = 0
        for row in 0..<population.rowCount {
            let disposition = population.disposition[row]
            guard disposition != Population.eligible, disposition != Population.invalid else { continue }
            let offset = Int(list.rowOffsets[row])
            let end = row + 1 < list.rowCount ? Int(list.rowOffsets[row + 1]) : list.source.count
            if rows.count > partStart && end - partOffset > size {
                stretches.append((partStart..<rows.count, estimate))
                partStart = rows.count
                estimate = 0
            }
            if rows.count == partStart { partOffset = offset }
            rows.append(row)
            estimate += end - offset + reasonLengths[Int(disposition) - 1] + 3
        }
        if rows.count > partStart { stretches.append((partStart..<rows.count, estimate)) }
        return stretches.map { Part(rows: rows[$0.rows], estimatedBytes: $0.estimatedBytes) }
    }
}
