import Testing
@testable import CaseSampling

@Suite struct SimulationSummaryTests {
    /// A case never drawn is reported with rate 0, not a tiny positive number.
    @Test func caseNeverDrawn_isReportedAsZero() throws {
        let rows = (0..<6).map { TestPopulations.Row(crn: "S\(100_000 + $0)") }
        let population = try TestPopulations.population(rows)
        let simulation = try Simulation.run(population: population, request: DrawRequest(size: 1, substitutesPerCase: 0), draws: 1, firstSeed: 1)
        let text = SimulationSummary.text(simulation)
        #expect(text.contains("measured per case 0.0000 to 1.0000."), "\(text)")
    }

    /// Under a binding `--max-per-officer` the stated probabilities are the design's with the limit
    /// (the mean of each draw's probabilities given its quotas), so the hits fit them, while they do
    /// not fit n/N on a population where the limit moves probabilities.
    @Test func bindingOfficerLimit_statesTheDesignsProbabilities() throws {
        let population = try OfficerLimitProbabilityTests.population(seed: 12)
        let request = DrawRequest(size: 12, substitutesPerCase: 0, maximumPerOfficer: 2)
        let simulation = try Simulation.run(population: population, request: request, draws: 300, firstSeed: 1)
        #expect(simulation.officerLimitBinds)
        let (chi, df) = simulation.chiSquare
        #expect(chi < Double(df) + 4.5 * (2 * Double(df)).squareRoot(), "χ² \(chi) on \(df) df")
        let nOverN = 12 / Double(population.eligibleCount)
        #expect(simulation.stated.contains { abs($0 - nOverN) > 0.05 }, "the limit must move some probability")
        let text = SimulationSummary.text(simulation)
        #expect(text.contains("(under the officer limit)") && text.contains("--max-per-officer 2 binds"), "\(text)")
    }

    /// Without unit balance no pair of one stratum is put down to the unit spread: the summary counts
    /// them as one kind and says the units are balanced on average only; with the balance, the two
    /// kinds are told apart.
    @Test func withoutUnitBalance_pairsOfAStratumAreOneKind() throws {
        // 72 cases in 16 cells over two units, n = 18.
        let population = try FinalizeTests.EqualProbabilityTests.world(seed: 6, units: 2, exclusions: .twentyPercent, substitutesPerCase: 0).population
        let unbalanced = try Simulation.run(
            population: population, request: DrawRequest(size: 18, substitutesPerCase: 0, balancesUnits: false), draws: 50, firstSeed: 1)
        #expect(!unbalanced.unitsBalanced)
        #expect(unbalanced.neverTogether.sameCellAndUnit == 0)
        #expect(unbalanced.neverTogether.sameCell > 0)
        let text = SimulationSummary.text(unbalanced)
        #expect(text.contains("  same stratum: ") && !text.contains("same stratum, different units"), "\(text)")
        #expect(text.contains("No unit balance (--no-unit-balance)"), "\(text)")
        let balanced = try Simulation.run(population: population, request: DrawRequest(size: 18, substitutesPerCase: 0), draws: 50, firstSeed: 1)
        #expect(balanced.neverTogether.sameCellAndUnit > 0)
        #expect(!SimulationSummary.text(balanced).contains("No unit balance"))
    }
}
