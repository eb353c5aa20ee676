extension LongList {
    /// The errors that make `row` invalid, in column order; empty for a valid row.
    ///
    /// The reader locates every error of a row on the row's first physical line and keeps
    /// ``problems`` in line order, so a row's errors are the run of errors on that line that starts
    /// with the first one (``invalidity(of:)``).
    func errors(ofRow row: Int) -> ArraySlice<ReadProblem> {
        guard let first = invalidRows[row] else { return [] }
        let line = problems[first].line
        var end = first + 1
        while end < problems.count, problems[end].line == line, problems[end].severity == .error { end += 1 }
        return problems[first..<end]
    }
}
