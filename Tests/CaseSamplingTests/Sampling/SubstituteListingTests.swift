import Testing

@testable import CaseSampling

/// Issue 12, part 5: the draw lists, for each stratum, the `--substitutes`·m_c unselected cases with
/// the smallest remaining random numbers, all units together, in the order `finalize` promotes them.
@Suite struct SubstituteListingTests {
    /// The cases of `rows` as `finalize` reads them back (stratum, reference, units).
    static func drawnCases(_ population: Population, reference: (Int) -> String) -> [DrawnCase] {
        (0..<population.rowCount).map { row in
            DrawnCase(
                fields: [], stratum: population.cellName(population.cell(of: row)), reference: reference(row),
                key: CaseReference.normalised(reference(row)), unit: population.units[population.unit(of: row)])
        }
    }

    /// Every stratum's own listing is exactly the first s·m_c of its unselected cases in finalize's
    /// order (``SubstitutionRule/Order``, computed here from the provisional cases as finalize does);
    /// a nearest stratum is used only by a stratum with fewer unselected cases than that.
    static func checkListing(_ result: DrawResult, unitsBalanced: Bool = true, reference: (Int) -> String) {
        let population = result.population, s = result.request.substitutesPerCase
        let drawn = Self.drawnCases(population, reference: reference)
        let order = SubstitutionRule.Order(
            seed: result.request.seed, provisional: result.selected.map { drawn[$0] }, unitsBalanced: unitsBalanced)
        let selected = Set(result.selected)
        for cell in 0..<population.cellCount {
            let m = result.selected.filter { population.cell(of: $0) == cell }.count
            let unselected = (0..<population.rowCount)
                .filter { population.isSubstituteCandidate($0) && !selected.contains($0) && population.cell(of: $0) == cell }
                .sorted { order.key(drawn[$0]) < order.key(drawn[$1]) }
            let listed = result.substitutes.filter { population.cell(of: $0.forRow) == cell && $0.source != .nearestCell }.map(\.row)
            #expect(Set(listed) == Set(unselected.prefix(s * m)), "seed \(result.request.seed), cell \(cell)")
            let fromNearest = result.substitutes.filter { population.cell(of: $0.forRow) == cell && $0.source == .nearestCell }
            #expect(fromNearest.isEmpty || unselected.count < s * m)
        }
        for substitute in result.substitutes where substitute.source != .nearestCell {
            #expect(population.cell(of: substitute.row) == population.cell(of: substitute.forRow))
        }
    }

    @Test func eachStratum_listsItsSmallestRemainingNumbers_allUnitsTogether() throws {
        let world = try FinalizeTests.EqualProbabilityTests.world(seed: 5, units: 6, exclusions: .twentyPercent, substitutesPerCase: 2)
        for seed in UInt64(1)...20 {
            let result = try DrawResult.draw(from: world.population, request: DrawRequest(size: world.size, seed: seed, substitutesPerCase: 2))
            Self.checkListing(result) { "C\(100_000 + $0)" }
            #expect(result.substitutes.count == 2 * world.size)
        }
    }

    /// Under `--max-per-officer` the draw passes cases over, so some unselected numbers are below the
    /// largest selected one in their group: they come first, in the listing as at finalize.
    @Test func underTheOfficerLimit_theListingFollowsFinalizesOrderToo() throws {
        let population = try UnitDrawTests.officerList()
        for seed in UInt64(1)...20 {
            let result = try DrawResult.draw(
                from: population, request: DrawRequest(size: 20, seed: seed, substitutesPerCase: 1, maximumPerOfficer: 3))
            Self.checkListing(result) { "X\(100_000 + $0)" }
        }
    }
}
