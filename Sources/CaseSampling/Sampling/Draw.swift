/// What to draw.
public struct DrawRequest: Sendable, Equatable {
    public var size: Int
    public var seed: UInt64
    public var substitutesPerCase: Int
    /// At least this many cases from every selected tier-2 unit (`--min-per-unit`); nil for none.
    public var minimumPerUnit: Int?
    /// At most this many selected cases per responsible officer (`--max-per-officer`); nil for none.
    public var maximumPerOfficer: Int?
    /// When the officer limit binds, the repetitions of the Monte Carlo that estimates each case's
    /// inclusion probability (``OfficerLimitProbabilities``); 0 for none. `casesample draw` uses
    /// ``OfficerLimitProbabilities/drawRepetitions``.
    public var officerLimitRepetitions: Int
    /// Whether the sample is spread over the tier-2 units in proportion (the default). Without it
    /// (`--no-unit-balance`) each cell's cases are a simple random sample whatever their unit, which
    /// keeps `finalize`'s equal probability exact within each cell (Finalize.md).
    public var balancesUnits: Bool

    /// The documented default seed: 20181101 (the manual's version date, V3 November 2018).
    public static let defaultSeed: UInt64 = 20_181_101

    public init(
        size: Int, seed: UInt64 = DrawRequest.defaultSeed, substitutesPerCase: Int = 1,
        minimumPerUnit: Int? = nil, maximumPerOfficer: Int? = nil, officerLimitRepetitions: Int = 0, balancesUnits: Bool = true
    ) {
        self.size = size
        self.seed = seed
        self.substitutesPerCase = substitutesPerCase
        self.minimumPerUnit = minimumPerUnit
        self.maximumPerOfficer = maximumPerOfficer
        self.officerLimitRepetitions = officerLimitRepetitions
        self.balancesUnits = balancesUnits
    }
}

/// A substitute and the selected case it stands in for.
public struct Substitute: Sendable, Equatable {
    /// Where the substitute came from, nearest first.
    public enum Source: String, Sendable, Codable {
        case sameTier2Unit
        case sameTier1Unit
        case sameCell
        /// The case's cell had run out; the substitute is from the nearest cell with cases left.
        case nearestCell
    }

    public var row: Int
    /// Row of the selected case.
    public var forRow: Int
    /// 1 for the first substitute of a case, 2 for the second, …
    public var rank: Int
    public var source: Source
}

/// A drawn sample: the selected rows and their substitutes.
public struct DrawResult: Sendable {
    public let population: Population
    public let allocation: Allocation
    public let request: DrawRequest
    /// Sample count of each cell.
    public let cellSampleCounts: [Int]
    /// Selected rows, by cell and then by permanent random number.
    public let selected: [Int]
    public let substitutes: [Substitute]
    /// Selected rows that got fewer substitutes than asked for, because no eligible case was left.
    public let shortOfSubstitutes: [Int]
    /// Per stratification variable, in priority order: how often the design holds it to the floor or
    /// ceiling of every category, and whether this draw does.
    public let variableHolding: [VariableHolding]
    /// Why the landing's design is not the exact lexicographic optimum, when its linear programme hit
    /// its pivot limit and fell back (``ControlledRounding/Design/fallback``); nil otherwise.
    public let landingFallback: String?
    /// How the sample spread over the selected units.
    public let unitSpread: UnitSpread
    /// What `--max-per-officer` changed, when it was given.
    public let officerLimit: OfficerLimitOutcome?
    /// Every case's estimated inclusion probability, when the officer limit binds and the request asks
    /// for the estimate (``DrawRequest/officerLimitRepetitions``); nil otherwise.
    public let officerLimitProbabilities: OfficerLimitProbabilities?
    /// Per row of the population: its inclusion probability given this draw's quotas, when the officer
    /// limit binds and ``OfficerLimitRounding`` made the selection; nil otherwise.
    let officerLimitConditionalProbabilities: [Double]?
    /// Whether `--min-per-unit` was given and the proportional design could not guarantee it, so the
    /// units' targets came first (see ``CellUnitTable/proportionalDesignMeets(minimum:allocation:)``).
    public let minimumBinds: Bool

    /// The algorithm's name and version, recorded in `draw.json`.
    public static let algorithm = "controlled-rounding-cube-lexicographic-lp+unit-table-rounding+prn-order"
    public static let algorithmVersion = 5
}

/// How often a stratification variable keeps every category at the floor or ceiling of its expected
/// count n·N_a/N.
public struct VariableHolding: Sendable, Equatable {
    /// Index into ``Population/variables``.
    public var variable: Int
    /// The share of the design's draws in which it holds (1 when it always does); nil when the design
    /// is not worked out in advance (more than 20 fractional cells, or `--min-per-unit` putting units
    /// first), where `casesample simulate` estimates it.
    public var designShare: Double?
    /// Whether it holds in this draw.
    public var holdsInThisDraw: Bool

    /// Whether the outputs must mention it: it missed in this draw, or it can miss.
    public var isWorthReporting: Bool { !holdsInThisDraw || designShare != 1 }
}

/// The sample's spread over the selected tier-2 units.
public struct UnitSpread: Sendable {
    /// Indices into ``Population/units`` of the units with eligible cases in the selection, ascending.
    public let units: [Int]
    /// Eligible cases of each of ``units``.
    public let eligible: [Int]
    /// Proportional share of each unit, n·N_u/N.
    public let proportional: [Double]
    /// The design's expected sample of each unit: the proportional share, or the `--min-per-unit`
    /// target.
    public let expected: [Double]
    /// Sample count of each unit.
    public let sample: [Int]
    /// Whether the unit spread had to be given up to meet `--max-per-officer`.
    public let relaxed: Bool
    /// Whether the draw spread the sample over the units (``DrawRequest/balancesUnits``); when not,
    /// each unit's sample is its proportional share only on average.
    public let balanced: Bool

    /// The inclusion probability of the cases of unit `i` of ``units``.
    public func probability(_ i: Int) -> Double { expected[i] / Double(eligible[i]) }

    /// Whether unit `i`'s sample is the floor or the ceiling of its expected sample (its
    /// proportional share, or its `--min-per-unit` target).
    public func isWithinOne(_ i: Int) -> Bool { abs(Double(sample[i]) - expected[i]) < 1 - 1e-9 || Double(sample[i]) == expected[i] }
}

/// What `--max-per-officer` changed.
public struct OfficerLimitOutcome: Sendable, Equatable {
    public var limit: Int
    /// Whether some officer has more eligible cases than the limit, so that it can change the selection
    /// and the inclusion probabilities.
    public var binds: Bool
    /// Officers with exactly `limit` selected cases.
    public var officersAtLimit: Int
    /// Selected cases that the draw without the limit would not have selected (as many were let go).
    public var casesChanged: Int
}

extension DrawResult {
    /// Draws `request.size` eligible cases from `population`, in four named stages:
    ///
    /// 1. ``quotas(table:allocation:population:request:using:)``: each cell's count by the allocation's
    ///    controlled rounding (one uniform number from xoshiro256** seeded with the seed, more in the
    ///    rare flight phase), then each (cell, unit)'s by the unit spread, or the units' targets first
    ///    under a binding `--min-per-unit`. Without unit balance (``DrawRequest/balancesUnits``) each
    ///    cell is one group in every stage, and its count is the cells' rounding alone.
    /// 2. ``selectWithinGroups(population:table:quotas:numbers:)``: within each (cell, unit), the cases
    ///    with the smallest permanent random numbers.
    /// 3. ``OfficerLimitSelection``, when `--max-per-officer` is given.
    /// 4. ``substitutes(population:selected:perCase:size:numbers:)``: for each cell, the unselected
    ///    cases with the smallest remaining random numbers, all units together, `perCase` for each of
    ///    its selected cases, paired with them by unit; from the nearest cell (fewest variables
    ///    differing; lowest-priority variables differ first; nearest category next) only when the
    ///    cell has too few.
    public static func draw(from population: Population, request: DrawRequest, allocation given: Allocation? = nil) throws(DrawError) -> DrawResult {
        // The table's cell totals are the allocation's cell counts, so the rows are counted once for both.
        let table = CellUnitTable(population)
        let allocation: Allocation
        if let given {
            allocation = given
        } else {
            allocation = try Allocation(table: table, variables: population.variables.map(\.categories.count), size: request.size)
        }
        var generator = Xoshiro256StarStar(seed: request.seed)
        let numbers = PermanentRandomNumber(seed: request.seed)
        // Without unit balance every cell's cases are one group: the selection and the officer limit
        // see a single column, and the spread is only reported.
        let groups = request.balancesUnits ? table : table.pooled()
        let quotas = try quotas(table: groups, allocation: allocation, population: population, request: request, using: &generator)
        let counts = quotas.counts.map { $0.reduce(0, +) }

        var selectedEntries = selectWithinGroups(population: population, table: groups, quotas: quotas.counts, numbers: numbers)
        var officerLimit: OfficerLimitOutcome?
        var conditional: [Double]?
        var spreadRelaxed = false
        if let limit = request.maximumPerOfficer {
            let limited = try OfficerLimitSelection.select(
                population: population, table: groups, quotas: quotas.counts, limit: limit, seed: request.seed, numbers: numbers,
                plain: selectedEntries,
                unitsMayRelax: request.minimumPerUnit == nil)
            selectedEntries = limited.entries
            officerLimit = limited.outcome
            conditional = limited.conditionalProbabilities
            spreadRelaxed = limited.unitSpreadRelaxed
        }
        selectedEntries.sort { (population.cell(of: $0.row), $0) < (population.cell(of: $1.row), $1) }
        let selected = selectedEntries.map(\.row)
        var unitSample = [Int](repeating: 0, count: table.units.count)
        if spreadRelaxed || !request.balancesUnits {
            for row in selected { unitSample[table.column(ofUnit: population.unit(of: row))] += 1 }
        } else {
            unitSample = table.units.indices.map { u in quotas.counts.reduce(0) { $0 + $1[u] } }
        }
        let proportional = table.proportional(size: request.size)
        let spread = UnitSpread(
            units: table.units, eligible: table.unitTotals, proportional: proportional,
            expected: request.balancesUnits ? quotas.expected : proportional, sample: unitSample, relaxed: spreadRelaxed,
            balanced: request.balancesUnits)
        var estimate: OfficerLimitProbabilities?
        if let limit = officerLimit, limit.binds, request.officerLimitRepetitions > 0 {
            estimate = try OfficerLimitProbabilities.estimate(
                population: population, request: request, allocation: allocation, repetitions: request.officerLimitRepetitions)
        }
        let (substitutes, short) = Self.substitutes(
            population: population, selected: selected, perCase: request.substitutesPerCase, size: request.size, numbers: numbers,
            poolingUnits: !request.balancesUnits)
        return DrawResult(
            population: population, allocation: allocation, request: request, cellSampleCounts: counts,
            selected: selected, substitutes: substitutes, shortOfSubstitutes: selected.filter(short.contains),
            variableHolding: zip(allocation.variablesHold(counts: counts), population.variables.indices).map { holds, v in
                VariableHolding(variable: v, designShare: quotas.designShare?[v], holdsInThisDraw: holds)
            },
            landingFallback: quotas.landingFallback,
            unitSpread: spread, officerLimit: officerLimit, officerLimitProbabilities: estimate,
            officerLimitConditionalProbabilities: conditional, minimumBinds: quotas.minimumBinds)
    }

    /// Stage 1's result: the sample count of each (cell, unit) and what the design says of it.
    struct Quotas {
        /// Per cell, per column of the cell-by-unit table.
        var counts: [[Int]]
        /// Each unit's proportional share n·N_u/N.
        var proportional: [Double]
        /// Each unit's expected sample under the design (its share, or its `--min-per-unit` target).
        var expected: [Double]
        /// Per variable: the design's share of draws holding it; nil when not worked out in advance.
        var designShare: [Double]?
        var minimumBinds: Bool
        var landingFallback: String?
    }

    /// Stage 1: the count of every (cell, unit). In a small table (``Allocation/unitLanding``) one
    /// landing over the table's entries balances cells, variables and then units; otherwise each cell
    /// gets its count from the allocation's controlled rounding and the spread shares it over the
    /// units. With `--min-per-unit`, the landing over entries is kept only when every rounding it can
    /// draw meets the minimum; otherwise, if the spread cannot guarantee it either
    /// (``CellUnitTable/proportionalDesignMeets(minimum:allocation:)``), the units' targets come first.
    ///
    /// - Throws: ``DrawError/minimumPerUnitUnmet(_:)`` when a selected unit has no eligible cases or the
    ///   targets cannot be met.
    static func quotas(
        table: CellUnitTable, allocation: Allocation, population: Population, request: DrawRequest,
        using generator: inout Xoshiro256StarStar
    ) throws(DrawError) -> Quotas {
        let proportional = table.proportional(size: request.size)
        var minimumBinds = false
        var unitLanding = request.balancesUnits ? allocation.unitLanding : nil
        if request.minimumPerUnit != nil, !request.balancesUnits {
            throw .minimumPerUnitUnmet("--min-per-unit needs the unit balance; leave out --no-unit-balance")
        }
        if let minimum = request.minimumPerUnit {
            let empty = (population.selectedUnits ?? []).filter { !table.units.contains($0) }
            if !empty.isEmpty {
                throw .minimumPerUnitUnmet("--min-per-unit \(minimum) cannot be met: selected unit\(empty.count == 1 ? "" : "s") "
                    + empty.prefix(10).map { population.units[$0].name }.joined(separator: ", ")
                    + " \(empty.count == 1 ? "has" : "have") no eligible cases; leave \(empty.count == 1 ? "it" : "them") out of --units")
            }
            if unitLanding?.guarantees(minimum: minimum) != true {
                unitLanding = nil
                minimumBinds = !table.proportionalDesignMeets(minimum: minimum, allocation: allocation)
            }
        }
        if let minimum = request.minimumPerUnit, minimumBinds {
            let targets = try MinimumPerUnit.targets(
                eligible: table.unitTotals, names: table.units.map { population.units[$0].name }, size: request.size, minimum: minimum)
            return Quotas(
                counts: table.roundWithUnitTargets(targets, size: request.size, using: &generator),
                proportional: proportional, expected: targets, designShare: nil, minimumBinds: true)
        }
        if let landing = unitLanding {
            let (counts, outcome) = landing.draw(generator.unitInterval())
            return Quotas(
                counts: counts, proportional: proportional, expected: proportional, designShare: landing.variableShares,
                minimumBinds: minimumBinds, landingFallback: outcome.fallback)
        }
        let drawn = allocation.drawCounts(using: &generator)
        return Quotas(
            counts: request.balancesUnits ? table.spread(cellCounts: drawn.counts, using: &generator) : drawn.counts.map { [$0] },
            proportional: proportional,
            expected: proportional, designShare: drawn.outcome.designShare, minimumBinds: minimumBinds,
            landingFallback: drawn.outcome.fallback)
    }

    /// Stage 2: within each (cell, unit), the `quotas` cases with the smallest permanent random numbers.
    static func selectWithinGroups(
        population: Population, table: CellUnitTable, quotas: [[Int]], numbers: PermanentRandomNumber
    ) -> [NumberedRow] {
        let hashes = population.list.caseReferenceHashes
        let columns = table.columnCount
        var heaps = quotas.flatMap { $0.map { BoundedHeap<NumberedRow>(capacity: $0) } }
        for row in 0..<population.rowCount where population.isEligible(row) {
            let h = hashes[row]
            heaps[population.cell(of: row) * columns + table.column(ofUnit: population.unit(of: row))]
                .offer(.init(key: numbers.value(caseHash: h), tie: h, row: row))
        }
        return heaps.flatMap(\.entries)
    }

    /// Stage 4: for each cell c, the `perCase`·m_c unselected candidates of c with the smallest
    /// ``RemainingRandomNumber`` (all units together: the order in which `finalize` promotes them), and
    /// the selected rows left short because no candidate remained.
    ///
    /// Units only pair the listed cases with the selected ones (the `SubstituteFor` column): in rounds
    /// (every case's first substitute, then every case's second, …), each selected case in `selected`
    /// order takes the listed case of its own tier-2 unit, else of its tier-1 unit, else any, smallest
    /// number first. Only a cell with fewer candidates than `perCase`·m_c takes the rest from the
    /// nearest cell with candidates beyond its own listing, in that cell's order.
    static func substitutes(
        population: Population, selected: [Int], perCase s: Int, size: Int, numbers: PermanentRandomNumber, poolingUnits: Bool = false
    ) -> (substitutes: [Substitute], short: Set<Int>) {
        guard s > 0 else { return ([], []) }
        let hashes = population.list.caseReferenceHashes
        var tier1Index: [String: Int] = [:]
        let tier1OfUnit = population.units.map { unit in
            let key = ValueMatching.key(unit.tier1)
            return tier1Index[key] ?? { tier1Index[key] = tier1Index.count; return tier1Index.count - 1 }()
        }
        // The remaining random numbers count from the largest selected number of the case's (cell,
        // unit), or of its cell when the draw pooled the units.
        let units = poolingUnits ? 1 : population.units.count
        func group(_ row: Int) -> Int { population.cell(of: row) * units + (poolingUnits ? 0 : population.unit(of: row)) }
        var threshold: [Int: UInt64] = [:]
        var isSelectedRow = [Bool](repeating: false, count: population.rowCount)
        var selectedInCell = [Int](repeating: 0, count: population.cellCount)
        for row in selected {
            isSelectedRow[row] = true
            selectedInCell[population.cell(of: row)] += 1
            threshold[group(row)] = max(threshold[group(row)] ?? 0, numbers.value(caseHash: hashes[row]))
        }
        struct Candidate: Comparable {
            var number: RemainingRandomNumber
            var row: Int
            static func < (a: Self, b: Self) -> Bool { (a.number, a.row) < (b.number, b.row) }
        }
        var byCell = (0..<population.cellCount).map { _ in BoundedHeap<Candidate>(capacity: s * size) }
        for row in 0..<population.rowCount where population.isSubstituteCandidate(row) && !isSelectedRow[row] {
            let cell = population.cell(of: row), h = hashes[row]
            let t = threshold[group(row)] ?? 0
            byCell[cell].offer(Candidate(number: RemainingRandomNumber(numbers.value(caseHash: h), above: t, hash: h), row: row))
        }
        let ordered = byCell.map { $0.sorted.map(\.row) }
        // Each cell's own listing, and what is left of its order for nearest cells that run out.
        var own = ordered.indices.map { Array(ordered[$0].prefix(s * selectedInCell[$0])) }
        var beyond = ordered.indices.map { ArraySlice(ordered[$0].dropFirst(s * selectedInCell[$0])) }

        var substitutes: [Substitute] = []
        var short: Set<Int> = []
        let nearest = nearestCellOrder(population)
        for rank in stride(from: 1, through: s, by: 1) {
            for row in selected {
                let cell = population.cell(of: row), unit = population.unit(of: row)
                func relation(_ candidate: Int) -> Substitute.Source {
                    let other = population.unit(of: candidate)
                    return other == unit ? .sameTier2Unit : tier1OfUnit[other] == tier1OfUnit[unit] ? .sameTier1Unit : .sameCell
                }
                let tiers: [Substitute.Source] = [.sameTier2Unit, .sameTier1Unit, .sameCell]
                if let best = own[cell].indices.min(by: { a, b in
                    (tiers.firstIndex(of: relation(own[cell][a]))!, a) < (tiers.firstIndex(of: relation(own[cell][b]))!, b)
                }) {
                    let candidate = own[cell].remove(at: best)
                    substitutes.append(Substitute(row: candidate, forRow: row, rank: rank, source: relation(candidate)))
                } else if let other = nearest[cell].first(where: { !beyond[$0].isEmpty }) {
                    substitutes.append(Substitute(row: beyond[other].removeFirst(), forRow: row, rank: rank, source: .nearestCell))
                } else {
                    short.insert(row)
                }
            }
        }
        return (substitutes, short)
    }

    /// For each cell, the other cells from nearest to farthest: fewest variables differing; then
    /// differing in lower-priority variables; then the smallest distance between category positions.
    static func nearestCellOrder(_ population: Population) -> [[Int]] {
        let cells = 0..<population.cellCount
        let categories = cells.map(population.categories(ofCell:))
        let v = population.variables.count
        return cells.map { cell in
            cells.filter { $0 != cell }.sorted { a, b in
                func key(_ other: Int) -> (Int, Int, Int, Int) {
                    var differing = 0, weight = 0, distance = 0
                    for i in 0..<v where categories[other][i] != categories[cell][i] {
                        differing += 1
                        weight += 1 << (v - 1 - i)
                        distance += abs(categories[other][i] - categories[cell][i])
                    }
                    return (differing, weight, distance, other)
                }
                return key(a) < key(b)
            }
        }
    }
}
