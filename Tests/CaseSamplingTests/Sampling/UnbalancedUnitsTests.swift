import Testing

@testable import CaseSampling

/// The draw without unit balance (`--no-unit-balance`, ``DrawRequest/balancesUnits`` false): each
/// cell's count as with the balance, then the cell's cases with the smallest permanent random numbers
/// whatever their unit, so that each cell's selection is a simple random sample of it and `finalize`
/// keeps equal probability exactly (Finalize.md).
@Suite struct UnbalancedUnitsTests {
    /// Each cell's eligible rows in order of permanent random number (ties by the reference's hash),
    /// computed here from the numbers alone.
    static func cellOrders(_ population: Population, seed: UInt64) -> [[Int]] {
        let numbers = PermanentRandomNumber(seed: seed), hashes = population.list.caseReferenceHashes
        var byCell = [[Int]](repeating: [], count: population.cellCount)
        for row in 0..<population.rowCount where population.isEligible(row) { byCell[population.cell(of: row)].append(row) }
        return byCell.map { rows in
            rows.sorted { (numbers.value(caseHash: hashes[$0]), hashes[$0]) < (numbers.value(caseHash: hashes[$1]), hashes[$1]) }
        }
    }

    /// On random small populations (cells of 0 to 8 cases over 2 to 6 units): every cell's selection
    /// is the first m_c of its order, m_c the floor or the ceiling of n·N_c/N, and its own listed
    /// substitutes are the next s·m_c of the same order, whatever their unit.
    @Test(arguments: [(UInt64(4), 3), (5, 6), (6, 2), (7, 4)])
    func eachCell_isItsSmallestNumbers_andItsSubstitutesTheNext(worldSeed: UInt64, units: Int) throws {
        let world = try FinalizeTests.EqualProbabilityTests.world(seed: worldSeed, units: units, exclusions: .twentyPercent, substitutesPerCase: 2)
        let population = world.population
        let allocation = try Allocation(population: population, size: world.size)
        for seed in UInt64(1)...10 {
            let result = try DrawResult.draw(
                from: population, request: DrawRequest(size: world.size, seed: seed, substitutesPerCase: 2, balancesUnits: false))
            #expect(result.selected.count == world.size)
            #expect(!result.unitSpread.balanced)
            let orders = Self.cellOrders(population, seed: seed)
            for cell in 0..<population.cellCount {
                let m = result.cellSampleCounts[cell]
                #expect(DrawGuaranteeTests.bounds(world.size, allocation.cellCounts[cell], allocation.eligibleCount).contains(m))
                let selected = result.selected.filter { population.cell(of: $0) == cell }
                #expect(Set(selected) == Set(orders[cell].prefix(m)), "seed \(seed), cell \(cell)")
                let listed = result.substitutes.filter { population.cell(of: $0.forRow) == cell && $0.source != .nearestCell }.map(\.row)
                #expect(Set(listed) == Set(orders[cell].dropFirst(m).prefix(2 * m)), "seed \(seed), cell \(cell)")
            }
            // The listing is the order finalize follows for such a draw.
            SubstituteListingTests.checkListing(result, unitsBalanced: false) { "C\(100_000 + $0)" }
            // The spread is reported from the selection: the units' samples add up to n.
            #expect(result.unitSpread.sample.reduce(0, +) == world.size)
        }
    }

    /// Every case keeps its probability n/N: the awkward population (37 cases in 16 cells and five
    /// units), each case's hits over the draws within 4.5 binomial standard deviations and χ² across the
    /// cases within df + 4.5·√(2 df).
    @Test func everyCase_keepsProbabilityNOverN() throws {
        let population = try TestPopulations.population(TestPopulations.awkward)
        let n = 11, draws = MonteCarlo.repetitions(20_000)
        let allocation = try Allocation(population: population, size: n)
        var hits = [Int](repeating: 0, count: population.rowCount)
        for seed in UInt64(1)...UInt64(draws) {
            let result = try DrawResult.draw(
                from: population, request: DrawRequest(size: n, seed: seed &* 7_919, substitutesPerCase: 0, balancesUnits: false),
                allocation: allocation)
            for row in result.selected { hits[row] += 1 }
        }
        let pi = Double(n) / Double(population.eligibleCount)
        var chiSquare = 0.0, df = 0
        for row in 0..<population.rowCount {
            guard population.isEligible(row) else {
                #expect(hits[row] == 0)
                continue
            }
            let z = (Double(hits[row]) - Double(draws) * pi) / (Double(draws) * pi * (1 - pi)).squareRoot()
            #expect(abs(z) <= 4.5, "row \(row): \(hits[row]) of \(draws) against \(pi)")
            chiSquare += z * z
            df += 1
        }
        #expect(chiSquare < Double(df) + 4.5 * (2 * Double(df)).squareRoot(), "χ² \(chiSquare) on \(df) df")
    }

    /// `--min-per-unit` needs the balance: the draw refuses the two together, saying why.
    @Test func minimumPerUnit_withoutBalance_isRefused() throws {
        let population = try TestPopulations.population(TestPopulations.awkward)
        #expect(throws: DrawError.minimumPerUnitUnmet("--min-per-unit needs the unit balance; leave out --no-unit-balance")) {
            try DrawResult.draw(from: population, request: DrawRequest(size: 11, minimumPerUnit: 1, balancesUnits: false))
        }
    }

    /// A limit that the cells' counts cannot meet is refused with the strata's reason, never as a
    /// clash with `--min-per-unit`, which was not given.
    @Test func unmeetableOfficerLimit_withoutBalance_namesTheStrata() throws {
        let population = try UnitDrawTests.officerList()
        do {
            _ = try DrawResult.draw(from: population, request: DrawRequest(size: 40, seed: 1, maximumPerOfficer: 1, balancesUnits: false))
            Issue.record("a limit of 1 for 40 of 60 cases, 20 of them one officer's, cannot be met")
        } catch {
            #expect(error.description.hasPrefix("--max-per-officer 1 cannot be met: the "), "\(error)")
            #expect(!error.description.contains("--min-per-unit"), "\(error)")
        }
    }

    /// Under a binding `--max-per-officer` ("Jane Doe" holds 20 of 60 cases, the limit 3) the limit
    /// holds and every cell keeps its count, with no unit quotas to give up; the listing still follows
    /// finalize's order for such a draw.
    @Test func officerLimit_withoutBalance_keepsTheLimitAndTheCells() throws {
        let population = try UnitDrawTests.officerList()
        for seed in UInt64(1)...10 {
            let result = try DrawResult.draw(
                from: population, request: DrawRequest(size: 20, seed: seed, maximumPerOfficer: 3, balancesUnits: false))
            #expect(result.officerLimit?.binds == true)
            #expect(UnitDrawTests.officerLoads(result).values.allSatisfy { $0 <= 3 })
            for cell in 0..<population.cellCount {
                #expect(result.selected.filter { population.cell(of: $0) == cell }.count == result.cellSampleCounts[cell])
            }
            #expect(result.selected.count == 20)
            #expect(!result.unitSpread.relaxed)
            SubstituteListingTests.checkListing(result, unitsBalanced: false) { "X\(100_000 + $0)" }
        }
    }
}

extension UnbalancedUnitsTests {
    /// `finalize` and `replace` after a draw without unit balance: each stratum's places go to its
    /// unmarked unselected cases with the smallest permanent random numbers, whatever their unit,
    /// computed here from the numbers alone, and a fieldwork replacement takes the next.
    @Test(arguments: [(UInt64(6), 2), (UInt64(5), 6)])
    func finalizeAndReplace_followEachCellsNumbers(worldSeed: UInt64, units: Int) throws {
        typealias Worlds = FinalizeTests.EqualProbabilityTests
        let world = try Worlds.world(seed: worldSeed, units: units, exclusions: .sixtyPercentOfOneUnit, substitutesPerCase: 3)
        let population = world.population
        for seed in UInt64(1)...10 {
            let result = try DrawResult.draw(
                from: population, request: DrawRequest(size: world.size, seed: seed, substitutesPerCase: 3, balancesUnits: false))
            let orders = Self.cellOrders(population, seed: seed)
            let marked = Set(world.excluded.map { Worlds.drawn(population, $0).key })
            let final = FinalSample.finalize(draw: Worlds.provisionalSample(result), match: Worlds.match(marking: marked))
            let finalKeys = Set(final.members.map(\.drawn.key))
            for cell in 0..<population.cellCount {
                let m = result.cellSampleCounts[cell]
                let expected = orders[cell].map { Worlds.drawn(population, $0).key }.filter { !marked.contains($0) }.prefix(m)
                let got = final.members.filter { $0.drawn.stratum == "cell \(cell)" }.map(\.drawn.key)
                #expect(Set(got) == Set(expected), "seed \(seed), cell \(cell)")
            }
            // Replace the first final case: its place goes to the next unmarked case of its cell.
            let member = final.members[0]
            let cell = Int(member.drawn.stratum.dropFirst("cell ".count))!
            let next = orders[cell].map { Worlds.drawn(population, $0).key }
                .first { !marked.contains($0) && !finalKeys.contains($0) }
            #expect(next.map { key in final.reserve.contains { $0.drawn.key == key } } ?? true, "seed \(seed): the listing reaches it")
            let (_, replacement) = try final.replacing(
                reference: member.drawn.reference, reason: ExclusionReasonText(code: "officer-unavailable", text: "Officer unavailable"),
                time: "2026-12-03T12:00:00Z", allowShortfall: true)
            #expect(replacement.substitute.map(CaseReference.normalised) == next, "seed \(seed)")
        }
    }
}
