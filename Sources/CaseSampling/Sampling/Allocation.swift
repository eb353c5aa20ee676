/// How many cases each cross-cell expects, and the controlled rounding that turns expectations into
/// counts. Depends on the population and the size, not on the seed, so it is worked out once.
public struct Allocation: Sendable {
    /// Sample size n.
    public let size: Int
    /// Eligible cases N.
    public let eligibleCount: Int
    /// Eligible cases per cell, N_c.
    public let cellCounts: [Int]
    /// ⌊n·N_c/N⌋ per cell.
    public let floors: [Int]
    /// (n·N_c) mod N per cell: the fractional part of the expectation is remainder / N.
    public let remainders: [Int]
    let variables: [ControlledRounding.Variable]
    let design: ControlledRounding.Design?
    /// The landing over the cell-by-unit table's entries, with the units balanced too, when the
    /// allocation was worked out for a population and its table is small enough
    /// (``UnitBalancedLanding``); nil otherwise.
    private(set) var unitLanding: UnitBalancedLanding?

    /// Expected count of a cell, n·N_c/N.
    public func expected(cell: Int) -> Double { Double(size) * Double(cellCounts[cell]) / Double(eligibleCount) }

    /// Works out the allocation of `size` cases over `population`'s eligible cells.
    public init(population: Population, size: Int) throws(DrawError) {
        try self.init(table: CellUnitTable(population), variables: population.variables.map(\.categories.count), size: size)
    }

    /// The allocation of `size` cases over the cells of `table`, with the landing over its entries
    /// (``unitLanding``) when that is small enough.
    init(table: CellUnitTable, variables categoryCounts: [Int], size: Int, pivotLimit: Int = PatternProgram.defaultPivotLimit) throws(DrawError) {
        try self.init(cellCounts: table.cellTotals, variables: categoryCounts, size: size, pivotLimit: pivotLimit)
        unitLanding = UnitBalancedLanding(table: table, variables: variables, size: size, pivotLimit: pivotLimit)
    }

    /// An allocation over cells given directly: `categoryCounts[v]` categories for variable `v`, cells
    /// numbered in mixed radix with the first variable most significant.
    public init(cellCounts: [Int], variables categoryCounts: [Int], size: Int) throws(DrawError) {
        try self.init(cellCounts: cellCounts, variables: categoryCounts, size: size, pivotLimit: PatternProgram.defaultPivotLimit)
    }

    /// As the public initialiser, with the landing's pivot limit (``PatternProgram/pivotLimit``) given,
    /// so that tests can make it fall back.
    init(cellCounts: [Int], variables categoryCounts: [Int], size: Int, pivotLimit: Int) throws(DrawError) {
        let total = cellCounts.reduce(0, +)
        guard total > 0 else { throw DrawError.noEligibleCases }
        guard size >= 1 else { throw DrawError.sizeTooSmall(size) }
        guard size <= total else { throw DrawError.sizeExceedsEligible(size: size, eligible: total) }
        self.size = size
        eligibleCount = total
        self.cellCounts = cellCounts
        // Exact integer arithmetic: n·N_c fits easily in 64 bits for any long list.
        floors = cellCounts.map { size * $0 / total }
        remainders = cellCounts.map { size * $0 % total }
        var variables: [ControlledRounding.Variable] = []
        var stride = cellCounts.count
        for count in categoryCounts {
            stride /= count
            let s = stride
            let categoryOfCell = cellCounts.indices.map { ($0 / s) % count }
            let remainders = self.remainders
            let extras = (0..<count).map { category in
                let remainder = remainders.indices.reduce(0) { $0 + (categoryOfCell[$1] == category ? remainders[$1] : 0) }
                return (remainder / total)...((remainder + total - 1) / total)
            }
            variables.append(.init(categoryOfCell: categoryOfCell, categoryCount: count, extras: extras))
        }
        self.variables = variables
        let fractions = remainders.map { Double($0) / Double(total) }
        design = ControlledRounding.design(fractions: fractions, variables: variables, pivotLimit: pivotLimit)
    }

    /// Per variable, in priority order: the share of the design's draws in which every category ends
    /// at its floor or ceiling (the lexicographic optimum, ``ControlledRounding``); nil when more than
    /// 20 cells are fractional, where each draw's flight phase makes its own landing.
    public var designHoldShare: [Double]? { design?.holdShare }

    /// Pairs of cells (by index) that never get an extra case together in the design, because no
    /// design that holds the variables as often as possible lets them; nil after a flight phase.
    public var cellPairsNeverTogether: [(Int, Int)]? { design?.pairsNeverTogether.map { ($0.first, $0.second) } }

    /// Draws each cell's sample count.
    func drawCounts(using generator: inout Xoshiro256StarStar) -> (counts: [Int], outcome: ControlledRounding.Outcome) {
        let outcome: ControlledRounding.Outcome
        if let design {
            outcome = design.draw(generator.unitInterval())
        } else {
            let fractions = remainders.map { Double($0) / Double(eligibleCount) }
            outcome = ControlledRounding.draw(fractions: fractions, variables: variables, using: &generator)
        }
        return (zip(floors, outcome.extra).map { $0 + ($1 ? 1 : 0) }, outcome)
    }

    /// Per variable: whether every category of `counts` (a sample count per cell) is the floor or the
    /// ceiling of its expected count n·N_a/N, computed exactly in integers.
    public func variablesHold(counts: [Int]) -> [Bool] {
        variables.map { variable in
            var population = [Int](repeating: 0, count: variable.categoryCount)
            var sample = population
            for cell in cellCounts.indices {
                population[variable.categoryOfCell[cell]] += cellCounts[cell]
                sample[variable.categoryOfCell[cell]] += counts[cell]
            }
            return population.indices.allSatisfy { a in
                let floor = size * population[a] / eligibleCount
                return sample[a] == floor || (sample[a] == floor + 1 && size * population[a] % eligibleCount != 0)
            }
        }
    }
}

/// Why a draw cannot be made.
public enum DrawError: Error, Sendable, Equatable, CustomStringConvertible {
    case noEligibleCases
    case sizeTooSmall(Int)
    case sizeExceedsEligible(size: Int, eligible: Int)
    /// `--min-per-unit` asks for more than the units can give.
    case minimumPerUnitUnmet(String)
    /// `--max-per-officer` cannot be met, or the officer column is missing.
    case officerLimitUnmet(String)

    public var description: String {
        switch self {
        case .minimumPerUnitUnmet(let why), .officerLimitUnmet(let why): why
        case .noEligibleCases: "the long list has no eligible cases to sample"
        case .sizeTooSmall(let n): "the sample size must be at least 1, got \(n)"
        case .sizeExceedsEligible(let n, let total): "a sample of \(n) is larger than the \(total) eligible \(total == 1 ? "case" : "cases")"
        }
    }
}
