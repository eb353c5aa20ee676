/// The design behind `casesample simulate`: the draw repeated with many seeds on one long list, so that a user can check
/// the design's guarantees on their own population: each case's inclusion probability, how often
/// each variable and unit keeps its floor or ceiling, and which pairs of cases are never selected
/// together.
///
/// Draw k (k = 0, 1, …, K − 1) uses seed `firstSeed + k` and the request the draw would make (size,
/// `--min-per-unit`, `--max-per-officer`), without substitutes. Under a binding `--max-per-officer`
/// the stated probabilities are the design's with the limit, estimated from the same draws as
/// `draw` records them (``OfficerLimitProbabilities``: each case's mean over the draws of its
/// probability given the draw's quotas). The estimates are Monte Carlo:
/// a case's π̂ = hits / K has standard error √(π(1 − π)/K), and a pair with π_ij below about 3/K may
/// simply not have occurred; the summary says so beside the count of pairs never seen together.
public struct Simulation: Sendable {
    /// A stratification variable's record over the draws.
    public struct VariableRate: Sendable, Equatable {
        public var role: String
        /// The design's share of draws holding it, when worked out in advance.
        public var designShare: Double?
        /// Draws in which every category was at its floor or ceiling.
        public var held: Int
    }

    /// A unit's record over the draws.
    public struct UnitRate: Sendable, Equatable {
        public var name: String
        /// The unit's expected sample: n·N_u/N, or the `--min-per-unit` target.
        public var expected: Double
        /// Draws in which its sample was the floor or the ceiling of `expected`.
        public var withinOne: Int
    }

    /// Pairs of eligible cases never selected together, by kind.
    public struct NeverTogether: Sendable, Equatable {
        /// Pairs counted (all pairs of eligible cases), or nil when there are more than
        /// ``Simulation/pairLimit`` eligible cases and pairs were not counted.
        public var pairs: Int?
        /// Both in one cell and one unit, whose rounded count is at most 1 in every draw seen (with the
        /// unit balance; without it, counted in ``sameCell``).
        public var sameCellAndUnit = 0
        /// Both in one cell, different units (without the unit balance: any two of one cell).
        public var sameCell = 0
        /// In different cells.
        public var differentCells = 0

        public var total: Int { sameCellAndUnit + sameCell + differentCells }
    }

    /// Pairs are counted for at most this many eligible cases (about 4.5 million pairs).
    public static let pairLimit = 3_000

    public let population: Population
    public let size: Int
    public let draws: Int
    public let firstSeed: UInt64
    /// Eligible rows, in row order.
    public let rows: [Int]
    /// Per entry of ``rows``: the design's stated inclusion probability (n/N, or the unit's under
    /// `--min-per-unit`, or under a binding `--max-per-officer` the mean of its probabilities given
    /// each draw's quotas), and the draws that selected it.
    public let stated: [Double]
    public let hits: [Int]
    public let variables: [VariableRate]
    public let units: [UnitRate]
    public let neverTogether: NeverTogether
    /// The `--max-per-officer` limit, when given.
    public let officerLimit: Int?
    /// Whether that limit binds (some officer has more eligible cases), so that the stated
    /// probabilities are the means of each draw's probabilities given its quotas.
    public let officerLimitBinds: Bool
    /// Whether the draws balanced the units (``DrawRequest/balancesUnits``).
    public let unitsBalanced: Bool

    /// Per entry of ``rows``, under a binding officer limit: Σ_k v_k(1 − v_k) over the draws, with v_k
    /// the case's probability given draw k's quotas, the variance of its hits given the quotas; nil
    /// otherwise.
    public let conditionalHitVariance: [Double]?

    /// The χ² statistic of the hits against the stated probabilities, Σ (h − Kπ)² / (Kπ(1 − π)) over
    /// the cases with 0 < π < 1, and its degrees of freedom (those cases less one, as n is fixed).
    /// Under a binding officer limit the stated probabilities come from the same draws, so each term
    /// is divided by ``conditionalHitVariance`` instead (the cases with a positive one), which keeps
    /// the statistic's expectation at its degrees of freedom.
    public var chiSquare: (statistic: Double, degreesOfFreedom: Int) {
        var statistic = 0.0, cases = 0
        for (i, (p, h)) in zip(stated, hits).enumerated() where p > 0 && p < 1 {
            let expected = Double(draws) * p
            let variance = conditionalHitVariance.map { $0[i] } ?? expected * (1 - p)
            guard variance > 1e-9 else { continue }
            statistic += (Double(h) - expected) * (Double(h) - expected) / variance
            cases += 1
        }
        return (statistic, max(1, cases - 1))
    }

    /// Runs the draw `draws` times with seeds `firstSeed`, `firstSeed + 1`, …: `request`'s size and
    /// unit and officer options, no substitutes.
    ///
    /// - Throws: the draw's errors.
    public static func run(population: Population, request base: DrawRequest, draws: Int, firstSeed: UInt64) throws(DrawError) -> Simulation {
        precondition(draws >= 1)
        let size = base.size
        let allocation = try Allocation(population: population, size: size)
        let rows = (0..<population.rowCount).filter(population.isEligible)
        var indexOfRow = [Int](repeating: -1, count: population.rowCount)
        for (i, row) in rows.enumerated() { indexOfRow[row] = i }
        let countsPairs = rows.count <= pairLimit
        var together = [UInt32](repeating: 0, count: countsPairs ? rows.count * (rows.count - 1) / 2 : 0)
        func pairIndex(_ a: Int, _ b: Int) -> Int { b * (b - 1) / 2 + a }  // a < b
        var hits = [Int](repeating: 0, count: rows.count)
        var held = [Int](repeating: 0, count: population.variables.count)
        var designShare: [Double?] = population.variables.map { _ in nil }
        var withinOne: [Int] = []
        var first: DrawResult?
        var underLimit = OfficerLimitProbabilities.Accumulator(rows: population.rowCount)
        for k in 0..<draws {
            let request = DrawRequest(
                size: size, seed: firstSeed &+ UInt64(k), substitutesPerCase: 0,
                minimumPerUnit: base.minimumPerUnit, maximumPerOfficer: base.maximumPerOfficer, balancesUnits: base.balancesUnits)
            let result = try DrawResult.draw(from: population, request: request, allocation: allocation)
            if first == nil {
                first = result
                withinOne = [Int](repeating: 0, count: result.unitSpread.units.count)
                for holding in result.variableHolding { designShare[holding.variable] = holding.designShare }
            }
            if result.officerLimit?.binds == true { underLimit.add(result) }
            for holding in result.variableHolding where holding.holdsInThisDraw { held[holding.variable] += 1 }
            for u in result.unitSpread.units.indices where result.unitSpread.isWithinOne(u) { withinOne[u] += 1 }
            let selected = result.selected.map { indexOfRow[$0] }.sorted()
            for i in selected { hits[i] += 1 }
            if countsPairs {
                for (position, b) in selected.enumerated() {
                    for a in selected[..<position] { together[pairIndex(a, b)] += 1 }
                }
            }
        }
        let spread = first!.unitSpread
        var never = NeverTogether(pairs: countsPairs ? together.count : nil)
        if countsPairs {
            for b in rows.indices {
                for a in 0..<b where together[pairIndex(a, b)] == 0 {
                    let (ra, rb) = (rows[a], rows[b])
                    if population.cell(of: ra) != population.cell(of: rb) {
                        never.differentCells += 1
                    } else if !base.balancesUnits || population.unit(of: ra) != population.unit(of: rb) {
                        never.sameCell += 1
                    } else {
                        never.sameCellAndUnit += 1
                    }
                }
            }
        }
        let binds = first!.officerLimit?.binds == true
        let estimate = underLimit.estimate
        let stated: [Double] = rows.map { row in
            if binds { return estimate.probability(row) }
            guard first!.minimumBinds, let u = spread.units.firstIndex(of: population.unit(of: row)) else {
                return Double(size) / Double(population.eligibleCount)
            }
            return spread.probability(u)
        }
        return Simulation(
            population: population, size: size, draws: draws, firstSeed: firstSeed, rows: rows, stated: stated, hits: hits,
            variables: population.variables.indices.map {
                VariableRate(role: population.variables[$0].role, designShare: designShare[$0], held: held[$0])
            },
            units: spread.units.indices.map {
                UnitRate(name: population.units[spread.units[$0]].name, expected: spread.expected[$0], withinOne: withinOne[$0])
            },
            neverTogether: never, officerLimit: base.maximumPerOfficer, officerLimitBinds: binds, unitsBalanced: base.balancesUnits,
            conditionalHitVariance: binds ? rows.map(underLimit.conditionalVariance) : nil)
    }
}
