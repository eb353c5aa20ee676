/// The landing over the entries of the cell-by-unit table, with the units as the lowest-priority
/// balancing variable (issue 12, part 3).
///
/// Entry (c, u) of the table expects `e_cu = n·N_cu/N` cases. It gets `⌊e_cu⌋` plus one more with
/// probability exactly its fractional part, so each of its cases keeps the chance `e_cu/N_cu = n/N`.
/// The extra cases are placed by the landing of ``ControlledRounding`` with these balancing variables,
/// in priority order: the cells (each cell's count the floor or ceiling of `e_c`), the stratification
/// variables, then the units (each unit's count the floor or ceiling of `n·N_u/N`). The landing finds
/// the lexicographic optimum exactly, so:
/// - every cell keeps its floor or ceiling in every draw (a design of cells lifts to one of entries
///   with the same cell counts, so the cells' optimum is 1), and the variables hold exactly as often
///   as in the landing over cells;
/// - among those designs, the probability that every unit holds is the greatest the table allows.
///
/// It is used when at most ``ControlledRounding/enumerationLimit`` entries are fractional: small
/// populations, where units miss most. Larger tables keep the landing over cells and the spread by
/// Cox's rounding (``CellUnitTable/spread(cellCounts:using:)``).
struct UnitBalancedLanding: Sendable {
    /// The table's columns (``CellUnitTable/units``) and cells.
    let cellCount: Int
    let columnCount: Int
    /// `⌊n·N_cu/N⌋` per cell and column.
    let floors: [[Int]]
    /// The landing over the entries, numbered `c·columnCount + u`.
    let design: ControlledRounding.Design
    /// The number of stratification variables (between the cells and the units in ``design``).
    let stratificationCount: Int

    /// The landing over `table`'s entries for a sample of `size`, with `variables` the stratification
    /// variables over cells; nil when more entries are fractional than the landing enumerates.
    init?(table: CellUnitTable, variables: [ControlledRounding.Variable], size: Int, pivotLimit: Int = PatternProgram.defaultPivotLimit) {
        let total = table.eligible
        let columns = table.units.count
        let cells = table.counts.count
        let products = table.counts.flatMap { row in row.map { size * $0 } }
        let remainders = products.map { $0 % total }
        guard remainders.filter({ $0 > 0 }).count <= ControlledRounding.enumerationLimit else { return nil }
        func balancing(_ categoryOfEntry: [Int], _ count: Int) -> ControlledRounding.Variable {
            let extras = (0..<count).map { category in
                let remainder = remainders.indices.reduce(0) { $0 + (categoryOfEntry[$1] == category ? remainders[$1] : 0) }
                return (remainder / total)...((remainder + total - 1) / total)
            }
            return ControlledRounding.Variable(categoryOfCell: categoryOfEntry, categoryCount: count, extras: extras)
        }
        let cellOfEntry = remainders.indices.map { $0 / max(columns, 1) }
        let columnOfEntry = remainders.indices.map { $0 % max(columns, 1) }
        var balanced = [balancing(cellOfEntry, cells)]
        for variable in variables {
            balanced.append(balancing(cellOfEntry.map { variable.categoryOfCell[$0] }, variable.categoryCount))
        }
        balanced.append(balancing(columnOfEntry, columns))
        let fractions = remainders.map { Double($0) / Double(total) }
        guard let design = ControlledRounding.design(fractions: fractions, variables: balanced, pivotLimit: pivotLimit) else { return nil }
        cellCount = cells
        columnCount = columns
        floors = (0..<cells).map { c in (0..<columns).map { u in products[c * columns + u] / total } }
        self.design = design
        stratificationCount = variables.count
    }

    /// Per stratification variable, the design's share of draws holding it.
    var variableShares: [Double] { Array(design.holdShare[1...stratificationCount]) }
    /// The design's share of draws in which every unit holds.
    var unitShare: Double { design.holdShare[stratificationCount + 1] }

    /// Whether every rounding the design can draw gives every unit at least `minimum` cases, so that
    /// `--min-per-unit minimum` costs nothing.
    func guarantees(minimum: Int) -> Bool {
        zip(design.patterns, design.weights).allSatisfy { pattern, weight in
            guard weight > 0 else { return true }
            var extra = [Bool](repeating: false, count: cellCount * columnCount)
            for (k, entry) in design.open.enumerated() where pattern[k] { extra[entry] = true }
            return (0..<columnCount).allSatisfy { u in
                (0..<cellCount).reduce(0) { $0 + floors[$1][u] + (extra[$1 * columnCount + u] ? 1 : 0) } >= minimum
            }
        }
    }

    /// One draw from the design with the uniform number `u`: each entry's count, and the outcome.
    func draw(_ u: Double) -> (quotas: [[Int]], outcome: ControlledRounding.Outcome) {
        let outcome = design.draw(u)
        let quotas = (0..<cellCount).map { c in
            (0..<columnCount).map { column in floors[c][column] + (outcome.extra[c * columnCount + column] ? 1 : 0) }
        }
        return (quotas, outcome)
    }
}
