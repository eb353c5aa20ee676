extension LongList {
    /// The physical line (1-based, as problems cite it) on which each row starts, in row order.
    ///
    /// - Complexity: one pass over the file.
    public func physicalLines() -> [Int] { physicalLines(of: 0..<rowCount) }
}
