extension LongListSource {
    /// Reads the list for `spec`: the spec's columns with `input`'s `--column` mappings, and the
    /// spec's date columns read in `input`'s order (``InputOptions/dateOrder``) or the order they show.
    ///
    /// - Throws: ``LongListError`` when the list cannot be read as a table with the spec's columns;
    ///   ``ColumnMappingError`` when a `--column` names a role the spec does not have.
    public func read(for spec: SampleSpec, options: ReadOptions = ReadOptions(), input: InputOptions = InputOptions()) throws -> LongList {
        var input = input
        input.dateRoles = spec.columns.filter { $0.kind == .date }.map(\.role)
        return try read(columns: spec.columnRequests, options: options, input: input)
    }
}
