extension LongList {
    /// The physical line (1-based, as problems cite it) on which each row starts, in row order.
    ///
    /// - Complexity: one pass over the file.
    public func physicalLines() -> [Int] {
        let lines = LongListReader.physicalLines(of: rowOffsets, in: source)
        return rowOffsets.map { lines[$0] ?? 0 }
    }
}
