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
}
