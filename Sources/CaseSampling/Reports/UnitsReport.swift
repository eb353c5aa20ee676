/// What `casesample units` reports: per tier-2 unit, the rows read, invalid, excluded (in total and by
/// reason) and eligible, and the eligible mix on the stratification variables, with tier-1 subtotals
/// and a grand total.
///
/// This is stage 1 of the manual's domain two selection (section 4.4): "The administrator organises the
/// long list in order of the tier 1 and 2 units, and provides the lead inspector … with a summary of
/// the number of eligible cases from each unit." The lead inspector picks the units from it.
///
/// ```swift
/// let report = try UnitsReport(path: "long-list.csv", spec: spec, delimiter: nil)
/// print(UnitsOutput.text(report))
/// report.total.rows == report.lines.filter { $0.kind == .unit || $0.kind == .unknownUnit }.map(\.rows).reduce(0, +)  // true
/// ```
///
/// ### Where each row is counted
///
/// Every row read lands in exactly one `.unit` or `.unknownUnit` line, so those lines add up to the
/// total, and each tier-1 unit's `.subtotal` adds up its `.unit` lines.
///
/// - A unit is its tier-1 and tier-2 values compared ignoring case and surrounding spaces (`North`,
///   ` north ` are one unit, named as first written), as in ``Population/units`` and the draw. A blank
///   value is a unit of its own, shown as `(blank)`.
/// - An invalid row (one the reader found an error in; a draw refuses a list with any) is counted in
///   its unit when its unit cells can be trusted: its errors are a missing or duplicate case reference,
///   or a quoting fault in another column. A row whose fields do not line up with the header (too few
///   or too many, so values may sit in the wrong columns), a repeated header, or a quoting fault in a
///   unit column is counted in the one `.unknownUnit` line instead.
///
/// ### Order
///
/// Tier-1 units by name, each followed by its tier-2 units by name and then its subtotal; the unknown
/// unit, if any rows have one; the total. Names compare ignoring case, with digit runs compared as
/// numbers (`Team 2` before `Team 10`); blank names come after the others, and names that compare equal
/// keep the order in which they first appear in the long list.
public struct UnitsReport: Sendable {
    /// The long list's name as given.
    public var file: String
    /// The spec's name.
    public var specName: String
    /// Exclusion reasons in the order tried, with their counts over the whole list.
    public var reasons: [ExclusionReason]
    /// Rules not applied because the long list lacks a column they need.
    public var rulesNotApplied: [(code: String, missingColumns: [String])]
    /// Stratification variables in priority order, with their categories.
    public var variables: [StratificationVariable]
    /// The lines in the order described above; the last is the total.
    public var lines: [Line]
    /// The errors that make rows invalid, in line order.
    public var errors: [ReadProblem]
    public var blankRowsSkipped: Int

    /// The grand total.
    public var total: Line { lines[lines.count - 1] }

    /// Reads `path`, classifies it with `spec` and summarises it by unit.
    ///
    /// - Throws: ``LongListError`` when the file cannot be read as a table with the spec's columns;
    ///   ``ClassificationError`` when a valid row has a value the spec does not know.
    public init(path: String, spec: SampleSpec, delimiter: UInt8?) throws {
        try self.init(source: LongListSource(path: path), spec: spec, delimiter: delimiter)
    }

    /// Reads `source` with `input`'s sheet, columns and date order, classifies it with `spec` and
    /// summarises it by unit.
    ///
    /// - Throws: as ``init(path:spec:delimiter:)``, and ``ColumnMappingError`` for a `--column` that
    ///   names a role the spec does not have.
    public init(source: LongListSource, spec: SampleSpec, delimiter: UInt8?, input: InputOptions = InputOptions()) throws {
        let list = try source.read(for: spec, options: ReadOptions(delimiter: delimiter), input: input)
        self.init(population: try Population.classify(list, by: spec))
    }

    /// Summarises a classified population by unit.
    ///
    /// - Complexity: O(*n*) in the number of rows, plus a sort of the units.
    public init(population: Population) {
        let list = population.list
        let spec = population.spec
        file = list.file
        specName = spec.name
        reasons = population.reasons
        rulesNotApplied = population.rulesNotApplied.map { ($0.rule.code, $0.missingColumns) }
        variables = population.variables
        errors = list.errors
        blankRowsSkipped = list.blankRowsSkipped

        let categoryCounts = population.variables.map(\.categories.count)
        let categoriesOfCell = (0..<population.cellCount).map(population.categories(ofCell:))
        let unitFields = [spec.tier1Unit, spec.tier2Unit].compactMap { list.columnIndex[$0] }

        // One line per unit of the population (names already merged ignoring case and surrounding
        // spaces), in order of first appearance, which breaks ties in the sort below.
        var unitLines: [Line] = []
        var lineOfUnit = [Int?](repeating: nil, count: population.units.count)
        var unknown = Line(kind: .unknownUnit, reasonCount: population.reasons.count, categoryCounts: categoryCounts)
        for row in 0..<population.rowCount {
            let disposition = population.disposition[row]
            if disposition == Population.invalid && !Self.unitIsReadable(list.errors(ofRow: row), unitFields: unitFields) {
                unknown.rows += 1
                unknown.invalid += 1
                continue
            }
            let unit = population.unit(of: row)
            let index: Int
            if let known = lineOfUnit[unit] {
                index = known
            } else {
                let name = population.units[unit]
                index = unitLines.count
                unitLines.append(Line(
                    kind: .unit, tier1: name.tier1, tier2: name.tier2, reasonCount: population.reasons.count,
                    categoryCounts: categoryCounts))
                lineOfUnit[unit] = index
            }
            unitLines[index].rows += 1
            switch disposition {
            case Population.invalid:
                unitLines[index].invalid += 1
            case Population.eligible:
                unitLines[index].eligible += 1
                for (variable, category) in categoriesOfCell[population.cell(of: row)].enumerated() {
                    unitLines[index].eligibleByCategory[variable][category] += 1
                }
            default:
                unitLines[index].excludedByReason[Int(disposition) - 1] += 1
            }
        }

        // Tier-1 groups, then the order within each.
        var groups: [(tier1: String, members: [Int])] = []
        var groupOfTier1: [String: Int] = [:]
        for (index, line) in unitLines.enumerated() {
            if let group = groupOfTier1[ValueMatching.key(line.tier1)] {
                groups[group].members.append(index)
            } else {
                groupOfTier1[ValueMatching.key(line.tier1)] = groups.count
                groups.append((line.tier1, [index]))
            }
        }
        var total = Line(kind: .total, reasonCount: population.reasons.count, categoryCounts: categoryCounts)
        lines = []
        for group in UnitName.sorted(groups, by: \.tier1) {
            var subtotal = Line(
                kind: .subtotal, tier1: group.tier1, reasonCount: population.reasons.count, categoryCounts: categoryCounts)
            for index in UnitName.sorted(group.members, by: { unitLines[$0].tier2 }) {
                lines.append(unitLines[index])
                subtotal.add(unitLines[index])
            }
            lines.append(subtotal)
            total.add(subtotal)
        }
        if unknown.rows > 0 {
            lines.append(unknown)
            total.add(unknown)
        }
        lines.append(total)
    }

    /// Whether an invalid row's unit cells can be trusted, given its errors: see "Where each row is counted".
    static func unitIsReadable(_ errors: ArraySlice<ReadProblem>, unitFields: [Int]) -> Bool {
        errors.allSatisfy { error in
            switch error.kind {
            case .missingCaseReference, .duplicateCaseReference:
                return true
            case .strayQuote, .textAfterClosingQuote:
                return !unitFields.contains((error.column ?? 0) - 1)
            default:
                return false
            }
        }
    }
}
