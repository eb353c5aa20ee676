/// What `casesample inspect` reports about a long list.
public struct InspectReport: Sendable {
    public struct Column: Sendable {
        public var index: Int
        public var header: String
        /// The spec role it fills, if any.
        public var role: String?
        /// Distinct values with counts; nil for identifying, case-reference and free-text columns.
        public var values: [ValueCount]?
        /// Why values are not shown.
        public var hiddenBecause: String?
    }

    public var file: String
    /// The worksheet read, when the long list is an Excel workbook.
    public var sheet: String?
    public var list: LongList
    public var columns: [Column]
    /// Problems: the reader's, then the spec's classification errors.
    public var problems: [ReadProblem]
    /// The classified population, when the values all mapped.
    public var population: Population?

    public var isReadable: Bool { !problems.contains { $0.severity == .error } }

    /// Reads and classifies `path` with `spec`.
    ///
    /// - Throws: ``LongListError`` when the file cannot be read as a table with the spec's columns.
    public init(path: String, spec: SampleSpec, delimiter: UInt8?) throws(LongListError) {
        do {
            try self.init(source: LongListSource(path: path), spec: spec, delimiter: delimiter)
        } catch let error as LongListError {
            throw error
        } catch {
            preconditionFailure("no --column mappings, so no ColumnMappingError: \(error)")
        }
    }

    /// Reads and classifies `source` with `spec` and `input`'s sheet, columns and date order.
    ///
    /// - Throws: ``LongListError`` when the list cannot be read as a table with the spec's columns;
    ///   ``ColumnMappingError`` when a `--column` names a role the spec does not have.
    public init(source: LongListSource, spec: SampleSpec, delimiter: UInt8?, input: InputOptions = InputOptions()) throws {
        let options = ReadOptions(delimiter: delimiter, profileOtherColumns: true, identifyingColumns: spec.identifyingColumns)
        let list = try source.read(for: spec, options: options, input: input)
        let path = source.name
        self.file = path
        sheet = source.sheet
        self.list = list
        let identifying = Set(spec.identifyingColumns.map(HeaderName.key))
        let roleOfField = Dictionary(list.columnIndex.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        columns = list.headers.indices.map { index in
            let header = list.headers[index]
            let role = roleOfField[index]
            var column = Column(index: index + 1, header: header, role: role, values: nil, hiddenBecause: nil)
            if identifying.contains(HeaderName.key(header)) {
                column.hiddenBecause = "personal data"
            } else if let role, spec.column(role)?.kind == .caseReference {
                column.hiddenBecause = "case reference"
            } else if let role, spec.column(role)?.kind == .date {
                column.hiddenBecause = "dates"
            } else if let role, let values = list.column(role)?.values {
                if values.count <= ColumnPlan.profileLimit {
                    column.values = Self.shown(values, of: role, spec: spec)
                } else {
                    column.hiddenBecause = "more than \(ColumnPlan.profileLimit) distinct values"
                }
            } else if let profile = list.profiles[index] {
                // A column the spec does not use may hold anything (names, notes): only its size shows.
                column.hiddenBecause = profile.map { "not used by the spec; \($0.count) distinct value\($0.count == 1 ? "" : "s")" }
                    ?? "not used by the spec; more than \(ColumnPlan.profileLimit) distinct values"
            } else {
                column.hiddenBecause = header.isEmpty ? "no header" : "not read"
            }
            return column
        }
        problems = list.problems
        do {
            population = try Population.classify(list, by: spec)
        } catch {
            problems += error.problems
        }
    }

    /// `values` as `inspect` may show them: a column with a scheme shows the values the scheme
    /// knows and, for any other, only its shape (it may be a name that landed in the wrong column);
    /// unit and officer columns show their values.
    static func shown(_ values: [ValueCount], of role: String, spec: SampleSpec) -> [ValueCount] {
        guard let column = spec.column(role), let scheme = column.scheme.flatMap({ spec.schemes[$0] }) else { return values }
        let known = Set(scheme.categories.flatMap { $0.values + [$0.code, $0.label] }.map(ValueMatching.key))
        return values.map { value in
            let key = ValueMatching.key(value.value)
            guard !key.isEmpty else { return value }
            let items = column.kind == .list ? value.value.components(separatedBy: column.separator).map(ValueMatching.key).filter { !$0.isEmpty } : [key]
            guard !items.allSatisfy(known.contains) else { return value }
            var hidden = value
            hidden.value = "(not in the spec: \(ValueShape.describe(value.value)))"
            return hidden
        }
    }
}
