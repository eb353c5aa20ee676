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

    /// The excluded rows in stretches of about `size` bytes of the long list each (at least one row),
    /// sized from the list's mean row length.
    static func parts(of population: Population, size: Int) -> [Part] {
        let list = population.list
        let meanRowBytes = max(1, list.source.count / max(1, list.rowCount))
        let reasonLengths = population.reasons.map { $0.code.utf8.count + $0.text.utf8.count + 8 }
        var rows: [Int] = []
        var estimates: [Int] = []
        rows.reserveCapacity(population.excludedCount)
        estimates.reserveCapacity(population.excludedCount)
        for row in 0..<population.rowCount {
            let disposition = population.disposition[row]
            guard disposition != Population.eligible, disposition != Population.invalid else { continue }
            rows.append(row)
            estimates.append(meanRowBytes + reasonLengths[Int(disposition) - 1] + 3)
        }
        let rowsPerPart = max(1, size / meanRowBytes)
        return stride(from: 0, to: rows.count, by: rowsPerPart).map { start in
            let range = start..<min(start + rowsPerPart, rows.count)
            return Part(rows: rows[range], estimatedBytes: estimates[range].reduce(0, +))
        }
    }
}
