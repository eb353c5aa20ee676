import Testing
@testable import CaseSampling

/// The unit spread on random small populations (issue 12, part 3): cells of 0, 1 or 2 cases spread
/// over 1 to 6 units, with whole and fractional margins. Checks the spread's exact guarantee (every
/// unit gets the floor or ceiling of its share of the drawn cell counts, every case n/N by a χ² test)
/// and measures how often every unit holds to the floor or ceiling of n·N_u/N against how often the
/// drawn cell counts would allow it, decided here by exhaustive search.
@Suite struct UnitBalanceTests {
    /// A random population: each of the 16 cells gets 0, 1 or 2 cases, each case one of `units` teams.
    /// When `sparse`, about one cell in three has cases, so that the exact optimum can be enumerated.
    static func randomRows(units: Int, sparse: Bool, generator: inout Xoshiro256StarStar) -> [TestPopulations.Row] {
        let genders = ["Male", "Female"], sentences = ["Community Order", "Licence"], roshes = ["Low", "Medium", "High", "Very High"]
        var rows: [TestPopulations.Row] = []
        while rows.count < 3 {
            rows = []
            for cell in 0..<16 {
                let cases = sparse ? (generator.bounded(3) == 0 ? 1 + generator.bounded(2) : 0) : generator.bounded(3)
                for _ in 0..<cases {
                    rows.append(TestPopulations.Row(
                        crn: "U\(100_000 + rows.count)", gender: genders[cell / 8], sentence: sentences[(cell / 4) % 2],
                        rosh: roshes[cell % 4], tier2: "Team \(1 + generator.bounded(units))"))
                }
            }
        }
        return rows
    }

    /// Whether some whole table with row sums `cellCounts` and entries at most `capacity` gives every
    /// unit a total in `bounds`: a search over every way to spread each cell's count.
    static func unitsCanHold(cellCounts: [Int], capacity: [[Int]], bounds: [ClosedRange<Int>]) -> Bool {
        let units = bounds.count
        var totals = [Int](repeating: 0, count: units)
        let cells = cellCounts.indices.filter { cellCounts[$0] > 0 }
        // The capacity still to come per unit, to prune totals that can no longer reach their floor.
        var remaining = [[Int]](repeating: [Int](repeating: 0, count: units), count: cells.count + 1)
        for i in stride(from: cells.count - 1, through: 0, by: -1) {
            for u in 0..<units { remaining[i][u] = remaining[i + 1][u] + capacity[cells[i]][u] }
        }
        func place(_ i: Int, _ unit: Int, _ left: Int) -> Bool {
            if unit == units {
                guard left == 0 else { return false }
                return visit(i + 1)
            }
            let cell = cells[i]
            for x in 0...min(left, capacity[cell][unit]) where totals[unit] + x <= bounds[unit].upperBound {
                totals[unit] += x
                defer { totals[unit] -= x }
                if place(i, unit + 1, left - x) { return true }
            }
            return false
        }
        func visit(_ i: Int) -> Bool {
            for u in 0..<units where totals[u] + remaining[i][u] < bounds[u].lowerBound { return false }
            if i == cells.count { return true }
            return place(i, 0, cellCounts[cells[i]])
        }
        return visit(0)
    }

    /// The exact lexicographic optimum over the roundings of the table's entries (cells, then the
    /// variables, then the units), by enumerating every vertex of the polytope of designs
    /// (``LandingOptimumTests/vertices(open:roundings:targets:)``), with what holds worked out here from
    /// the definition. Nil when the enumeration would be too long.
    static func exactEntryOptimum(table: CellUnitTable, population: Population, size n: Int) -> [Double]? {
        let N = table.eligible, columns = table.units.count
        var open: [(cell: Int, column: Int)] = [], targets: [Double] = []
        var floors = table.counts.map { $0.map { n * $0 / N } }
        for c in table.counts.indices {
            for u in 0..<columns where n * table.counts[c][u] % N != 0 {
                open.append((c, u))
                targets.append(Double(n * table.counts[c][u] % N) / Double(N))
            }
        }
        let k = Int(targets.reduce(0, +).rounded())
        var patterns = 0
        for mask in 0..<(1 << open.count) where mask.nonzeroBitCount == k { patterns += 1 }
        var bases = 1.0
        for i in 0..<open.count { bases *= Double(patterns - i) / Double(i + 1) }
        guard open.count <= 12, bases <= 300_000 else { return nil }
        func within(_ sample: Int, _ population: Int) -> Bool {
            let exact = Double(n) * Double(population) / Double(N)
            return Double(sample) >= exact.rounded(.down) - 1e-12 && Double(sample) <= exact.rounded(.up) + 1e-12
        }
        var roundings: [LandingOptimumTests.Rounding] = []
        for mask in 0..<(1 << open.count) where mask.nonzeroBitCount == k {
            for (i, entry) in open.enumerated() where mask & (1 << i) != 0 { floors[entry.cell][entry.column] += 1 }
            defer { for (i, entry) in open.enumerated() where mask & (1 << i) != 0 { floors[entry.cell][entry.column] -= 1 } }
            let cells = table.counts.indices.allSatisfy { within(floors[$0].reduce(0, +), table.cellTotals[$0]) }
            let variables = population.variables.indices.map { v in
                var sample = [Int](repeating: 0, count: population.variables[v].categories.count), size = sample
                for c in table.counts.indices {
                    sample[population.categories(ofCell: c)[v]] += floors[c].reduce(0, +)
                    size[population.categories(ofCell: c)[v]] += table.cellTotals[c]
                }
                return sample.indices.allSatisfy { within(sample[$0], size[$0]) }
            }
            let units = (0..<columns).allSatisfy { u in within(floors.reduce(0) { $0 + $1[u] }, table.unitTotals[u]) }
            roundings.append(.init(extra: open.indices.map { mask & (1 << $0) != 0 }, holds: [cells] + variables + [units]))
        }
        var optimal = LandingOptimumTests.vertices(open: Array(open.indices), roundings: roundings, targets: targets)
        var shares: [Double] = []
        for v in 0..<(population.variables.count + 2) {
            let value = optimal.map { w in zip(w, roundings).reduce(0.0) { $0 + ($1.1.holds[v] ? $1.0 : 0) } }
            let best = value.max() ?? 0
            optimal = zip(optimal, value).filter { $0.1 >= best - 1e-9 }.map(\.0)
            shares.append(best)
        }
        return shares
    }

    @Test func randomSmallPopulations_unitGuarantee_equalProbability_andMeasuredBalance() throws {
        var generator = Xoshiro256StarStar(seed: 1203)
        let populations = MonteCarlo.isFull ? 60 : 10
        let draws = MonteCarlo.repetitions(4_000)
        var allHeld = 0, allowed = 0, heldWhenAllowed = 0, total = 0
        var withLanding = 0, comparedExactly = 0, landingDraws = 0, landingAllowed = 0, landingHeld = 0
        var worstChiSquare = (value: 0.0, bound: 0.0)
        for index in 0..<populations {
            // At most 12 fractional cells, so that working out each landing stays quick in debug builds.
            var population: Population, N: Int, n: Int
            repeat {
                let units = 1 + generator.bounded(6)
                population = try TestPopulations.population(Self.randomRows(units: units, sparse: index % 2 == 0, generator: &generator))
                N = population.eligibleCount
                n = 1 + generator.bounded(N - 1)
            } while CellUnitTable(population).cellTotals.filter({ n * $0 % N != 0 }).count > 12
            let allocation = try Allocation(population: population, size: n)
            let table = CellUnitTable(population)
            let bounds = table.unitTotals.map { (n * $0 / N)...((n * $0 + N - 1) / N) }
            let label = "population \(index): \(N) cases, \(table.units.count) units, n = \(n)"
            let landing = allocation.unitLanding
            if let landing {
                withLanding += 1
                let shares = landing.design.holdShare
                #expect(abs(shares[0] - 1) < 1e-9, "\(label): every cell holds in every draw")
                let cellShares = try #require(allocation.designHoldShare)
                for v in cellShares.indices {
                    #expect(abs(landing.variableShares[v] - cellShares[v]) < 1e-7, "\(label): variable \(v) as in the landing over cells")
                }
                if let exact = Self.exactEntryOptimum(table: table, population: population, size: n) {
                    comparedExactly += 1
                    for v in shares.indices { #expect(abs(shares[v] - exact[v]) < 1e-7, "\(label): balancing variable \(v): \(shares) against the exact \(exact)") }
                }
            }
            var held = 0
            var selections = [Int](repeating: 0, count: population.rowCount)
            var together = [[Int]](repeating: [Int](repeating: 0, count: population.rowCount), count: population.rowCount)
            var canHold: [[Int]: Bool] = [:]
            for d in 0..<draws {
                let request = DrawRequest(size: n, seed: UInt64(index) &* 1_000_003 &+ UInt64(d), substitutesPerCase: 0)
                let result = try DrawResult.draw(from: population, request: request, allocation: allocation)
                for row in result.selected {
                    selections[row] += 1
                    for other in result.selected where other > row { together[row][other] += 1 }
                }
                let m = result.cellSampleCounts
                // The exact guarantee of the landing over entries: each entry the floor or ceiling of
                // n·N_cu/N; of the spread: each unit the floor or ceiling of its share of the drawn counts.
                if landing != nil {
                    var entries = table.counts.map { $0.map { _ in 0 } }
                    for row in result.selected { entries[population.cell(of: row)][table.column(ofUnit: population.unit(of: row))] += 1 }
                    for c in entries.indices {
                        for u in entries[c].indices {
                            let e = n * table.counts[c][u]
                            #expect(entries[c][u] == e / N || (entries[c][u] == e / N + 1 && e % N != 0), "\(label), draw \(d): entry \(c), \(u)")
                        }
                    }
                } else {
                    for (u, sample) in result.unitSpread.sample.enumerated() {
                    var share = 0.0
                    for c in m.indices where table.cellTotals[c] > 0 { share += Double(m[c] * table.counts[c][u]) / Double(table.cellTotals[c]) }
                    #expect(Double(sample) >= (share - 1e-9).rounded(.down) && Double(sample) <= (share + 1e-9).rounded(.up), "\(label), draw \(d): unit \(u) \(sample) against its share \(share)")
                    }
                }
                let holds = result.unitSpread.sample.indices.allSatisfy { bounds[$0].contains(result.unitSpread.sample[$0]) }
                let possible = canHold[m] ?? Self.unitsCanHold(cellCounts: m, capacity: table.counts, bounds: bounds)
                canHold[m] = possible
                #expect(!holds || possible, "\(label): the search must find the spread's own table")
                #expect(holds == result.unitSpread.units.indices.allSatisfy(result.unitSpread.isWithinOne), "\(label): the record must agree")
                total += 1
                if holds { allHeld += 1; held += 1 }
                if possible { allowed += 1 }
                if holds && possible { heldWhenAllowed += 1 }
                if landing != nil { landingDraws += 1; if possible { landingAllowed += 1 }; if holds { landingHeld += 1 } }
            }
            if let landing {
                let p = landing.unitShare
                #expect(abs(Double(held) / Double(draws) - p) <= LandingOptimumTests.band(p, draws), "\(label): units held in \(held) of \(draws) against the design's \(p)")
            }
            // Each case within 4.5 binomial SD of n/N; and χ² = Σ z_i², whose mean is N under n/N and
            // whose variance, the z_i being correlated by the fixed size and the balancing, is about
            // 2·Σ_ij ρ_ij² with ρ_ij = (π_ij − π²)/(π(1 − π)), π_ij estimated from the same draws.
            let pi = Double(n) / Double(N)
            let eligibleRows = (0..<population.rowCount).filter { population.isEligible($0) }
            var chiSquare = 0.0, correlationSquares = 0.0
            for (i, row) in eligibleRows.enumerated() {
                let expected = pi * Double(draws)
                let z = (Double(selections[row]) - expected) / (expected * (1 - pi)).squareRoot()
                #expect(abs(z) <= 4.5, "\(label): case \(row) selected \(selections[row]) times in \(draws) against \(expected)")
                chiSquare += z * z
                correlationSquares += 1
                for other in eligibleRows[(i + 1)...] {
                    let rho = (Double(together[row][other]) / Double(draws) - pi * pi) / (pi * (1 - pi))
                    correlationSquares += 2 * rho * rho
                }
            }
            let bound = Double(N) + 4.5 * (2 * correlationSquares).squareRoot()
            #expect(chiSquare <= bound, "\(label): χ² \(chiSquare) on \(N) cases, bound \(bound)")
            if chiSquare / bound > worstChiSquare.value / max(worstChiSquare.bound, 1e-9) { worstChiSquare = (chiSquare, bound) }
        }
        print("unit balance on \(populations) random small populations, \(total) draws: every unit held in \(allHeld); the cell counts allowed it in \(allowed); held where allowed \(heldWhenAllowed); closest χ² to its bound \(worstChiSquare.value) against \(worstChiSquare.bound); \(withLanding) populations balanced by the landing over entries (\(comparedExactly) against the exact optimum), their units held in \(landingHeld) of \(landingDraws) draws, allowed in \(landingAllowed)")
    }
}
