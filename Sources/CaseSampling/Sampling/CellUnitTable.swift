/// Eligible cases by cross-cell and selected unit, and the rounding of the sample over that table.
///
/// Columns are the units with eligible cases (after any `--units` selection), in unit order, or one
/// column holding them all (``pooled()``).
struct CellUnitTable {
    /// Indices into ``Population/units`` of the columns.
    let units: [Int]
    /// Column of each unit of the population, or -1.
    private let columnOfUnit: [Int]
    /// `N_cu`: eligible cases of cell c in column u.
    let counts: [[Int]]
    /// `N_c` per cell.
    let cellTotals: [Int]
    /// `N_u` per column (`N` alone when pooled).
    let unitTotals: [Int]
    /// `N`.
    let eligible: Int

    init(_ population: Population) {
        var byUnit = [[Int]](repeating: [Int](repeating: 0, count: population.cellCount), count: population.units.count)
        for row in 0..<population.rowCount where population.isEligible(row) {
            byUnit[population.unit(of: row)][population.cell(of: row)] += 1
        }
        let units = byUnit.indices.filter { byUnit[$0].contains { $0 > 0 } }
        var columnOfUnit = [Int](repeating: -1, count: population.units.count)
        for (column, unit) in units.enumerated() { columnOfUnit[unit] = column }
        self.units = units
        self.columnOfUnit = columnOfUnit
        counts = (0..<population.cellCount).map { cell in units.map { byUnit[$0][cell] } }
        cellTotals = counts.map { $0.reduce(0, +) }
        unitTotals = units.map { byUnit[$0].reduce(0, +) }
        eligible = cellTotals.reduce(0, +)
    }

    /// The table's columns: one per unit of ``units``, or one in all when ``pooled()``.
    var columnCount: Int { unitTotals.count }

    func column(ofUnit unit: Int) -> Int { columnOfUnit[unit] }

    /// The same table with every unit in one column, for the draw without unit balance
    /// (``DrawRequest/balancesUnits``): each cell's cases are then one group.
    func pooled() -> CellUnitTable {
        CellUnitTable(
            units: units, columnOfUnit: columnOfUnit.map { $0 < 0 ? -1 : 0 }, counts: cellTotals.map { [$0] },
            cellTotals: cellTotals, unitTotals: [eligible], eligible: eligible)
    }

    private init(units: [Int], columnOfUnit: [Int], counts: [[Int]], cellTotals: [Int], unitTotals: [Int], eligible: Int) {
        self.units = units
        self.columnOfUnit = columnOfUnit
        self.counts = counts
        self.cellTotals = cellTotals
        self.unitTotals = unitTotals
        self.eligible = eligible
    }

    /// Each unit's proportional share of a sample of `size`, n·N_u/N.
    func proportional(size: Int) -> [Double] {
        unitTotals.map { Double(size) * Double($0) / Double(eligible) }
    }

    /// Spreads each cell's drawn count over the units: entry (c, u) expects `n_c·N_cu/N_c`, which,
    /// averaged over the cells' counts, is `n·N_cu/N`, so every case keeps its probability n/N. The
    /// cells' counts are kept exactly; each unit gets the floor or the ceiling of its share of them.
    func spread(cellCounts: [Int], using generator: inout Xoshiro256StarStar) -> [[Int]] {
        let entries = counts.indices.map { c in
            counts[c].map { cellTotals[c] == 0 ? 0 : Double(cellCounts[c]) * Double($0) / Double(cellTotals[c]) }
        }
        let columnTotals = units.indices.map { u in entries.reduce(0) { $0 + $1[u] } }
        return TableRounding.round(
            entries: entries, rowTotals: cellCounts.map(Double.init), columnTotals: columnTotals,
            total: Double(cellCounts.reduce(0, +)), using: &generator)
    }

    /// Rounds the table whose entry (c, u) expects `target_u·N_cu/N_u`: every unit gets the floor or
    /// ceiling of its target and every cell the floor or ceiling of its expectation; cases of unit u
    /// are drawn with probability `target_u/N_u`.
    func roundWithUnitTargets(_ targets: [Double], size: Int, using generator: inout Xoshiro256StarStar) -> [[Int]] {
        let entries = counts.map { row in row.indices.map { u in targets[u] * Double(row[u]) / Double(unitTotals[u]) } }
        return TableRounding.round(
            entries: entries, rowTotals: entries.map { $0.reduce(0, +) }, columnTotals: targets, total: Double(size),
            using: &generator)
    }

    /// Whether the proportional design (cells by controlled rounding, then the spread) gives every
    /// unit at least `minimum` cases in every draw, so that `--min-per-unit` costs nothing.
    ///
    /// Each cell's count is `e_c − r_c` or `e_c + 1 − r_c`, so unit u's share of the drawn counts,
    /// `Σ_c m_c·N_cu/N_c`, is at least `n·N_u/N − Σ_c max(r_c, 1 − r_c)·N_cu/N_c`, and the spread gives
    /// the unit at least the floor of that share.
    func proportionalDesignMeets(minimum: Int, allocation: Allocation) -> Bool {
        let proportional = proportional(size: allocation.size)
        return units.indices.allSatisfy { u in
            var slack = 0.0
            for c in counts.indices where counts[c][u] > 0 {
                let r = Double(allocation.remainders[c]) / Double(allocation.eligibleCount)
                slack += (r == 0 ? 0 : max(r, 1 - r)) * Double(counts[c][u]) / Double(cellTotals[c])
            }
            return (proportional[u] - slack + 1e-9).rounded(.down) >= Double(minimum)
        }
    }
}
