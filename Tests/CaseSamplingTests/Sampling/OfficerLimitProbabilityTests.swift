import Testing

@testable import CaseSampling

/// Issue 12, part 4: under a binding `--max-per-officer` the draw estimates and records every case's
/// inclusion probability; an independent Monte Carlo of the design must agree with it.
@Suite struct OfficerLimitProbabilityTests {
    /// A random population of 48 cases in two teams: three officers with 8 to 13 cases each, the rest
    /// with 1 to 3, one case without an officer; gender, RoSH and team at random (one sentence type, so
    /// that the landing's programmes stay small in a debug build).
    static func population(seed: UInt64) throws -> Population {
        var generator = Xoshiro256StarStar(seed: seed)
        var text = TestPopulations.header + ",Officer\r\n"
        let roshes = ["Low", "Medium", "High"]
        var officers: [String] = []
        for heavy in 0..<3 { officers += Array(repeating: "Heavy \(heavy)", count: 8 + generator.bounded(6)) }
        while officers.count < 47 { officers += Array(repeating: "Officer \(officers.count)", count: 1 + generator.bounded(3)) }
        officers = Array(officers.prefix(47)) + [""]
        for (i, officer) in officers.enumerated() {
            text += "R\(100_000 + i),Name \(i),\(generator.bounded(3) == 0 ? "Female" : "Male"),"
            text += "Community Order,\(roshes[generator.bounded(3)]),"
            text += "North,Team \(1 + generator.bounded(2)),N,\(officer)\r\n"
        }
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "officers.csv", columns: UnitDrawTests.officerSpec.columnRequests)
        return try Population.classify(list, by: UnitDrawTests.officerSpec)
    }

    /// Every eligible case's hit rate over draws with other seeds is within 4.5 standard deviations of
    /// the draw's estimate (both Monte Carlo errors counted), and χ² over the cases within
    /// df + 4.5·√(2 df). The check has power: n/N itself is rejected.
    @Test func recordedProbabilities_matchAnIndependentMonteCarlo() throws {
        let population = try Self.population(seed: 12)
        let size = 12, limit = 2
        let recorded = MonteCarlo.repetitions(4_000, quick: 400), checked = MonteCarlo.repetitions(4_000, quick: 400)
        let request = DrawRequest(size: size, seed: 99, substitutesPerCase: 1, maximumPerOfficer: limit, officerLimitRepetitions: recorded)
        let allocation = try Allocation(population: population, size: size)
        let result = try DrawResult.draw(from: population, request: request, allocation: allocation)
        let estimate = try #require(result.officerLimitProbabilities)
        #expect(estimate.repetitions == recorded)
        #expect(result.officerLimit?.binds == true)

        var hits = [Int](repeating: 0, count: population.rowCount)
        for seed in UInt64(1)...UInt64(checked) {
            let again = try DrawResult.draw(
                from: population, request: DrawRequest(size: size, seed: seed, substitutesPerCase: 0, maximumPerOfficer: limit),
                allocation: allocation)
            for row in again.selected { hits[row] += 1 }
        }
        let n = Double(checked), r = Double(recorded), nOverN = Double(size) / Double(population.eligibleCount)
        var worst = 0.0, worstAgainstNOverN = 0.0, chiSquare = 0.0, df = 0
        for row in 0..<population.rowCount where population.isEligible(row) {
            let p = estimate.probability(row), h = Double(hits[row]) / n
            let pooled = (p * r + h * n) / (r + n)
            let sd = (pooled * (1 - pooled) * (1 / r + 1 / n)).squareRoot()
            if sd > 0 {
                worst = max(worst, abs(h - p) / sd)
                chiSquare += (h - p) * (h - p) / (sd * sd)
                df += 1
            } else {
                #expect(h == p, "row \(row)")
            }
            worstAgainstNOverN = max(worstAgainstNOverN, abs(h - nOverN) / (nOverN * (1 - nOverN) / n).squareRoot())
        }
        print("officer limit \(limit), n = \(size) of \(population.eligibleCount): recorded from \(recorded) repetitions, checked with \(checked): "
            + "χ² \(chiSquare) on \(df) df, worst \(worst) SD; against n/N the worst is \(worstAgainstNOverN) SD")
        #expect(worst < 4.5)
        #expect(chiSquare < Double(df) + 4.5 * (2 * Double(df)).squareRoot(), "χ² \(chiSquare) on \(df) df")
        #expect(worstAgainstNOverN > 4.5, "the population must make the limit move probabilities, or the check has no power")
    }

    /// A random small population: 24 to 40 cases over 1 to 4 teams with gender, sentence type and RoSH
    /// at random (so strata of 0, 1 and 2 cases occur), two or three heavy officers with 5 to 9 cases,
    /// the rest with 1 or 2, and one case without an officer.
    static func smallPopulation(seed: UInt64) throws -> Population {
        var generator = Xoshiro256StarStar(seed: seed)
        let count = 24 + generator.bounded(17), teams = 1 + generator.bounded(4)
        var officers: [String] = []
        for heavy in 0..<(2 + generator.bounded(2)) { officers += Array(repeating: "Heavy \(heavy)", count: 5 + generator.bounded(5)) }
        while officers.count < count - 1 { officers += Array(repeating: "Officer \(officers.count)", count: 1 + generator.bounded(2)) }
        officers = Array(officers.prefix(count - 1)) + [""]
        generator.shuffle(&officers)
        let roshes = ["Low", "Medium", "High"]
        var text = TestPopulations.header + ",Officer\r\n"
        for (i, officer) in officers.enumerated() {
            text += "S\(100_000 + i),Name \(i),\(generator.bounded(3) == 0 ? "Female" : "Male"),"
            text += "\(generator.bounded(2) == 0 ? "Community Order" : "Licence"),\(roshes[generator.bounded(3)]),"
            text += "North,Team \(1 + generator.bounded(teams)),N,\(officer)\r\n"
        }
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "small.csv", columns: UnitDrawTests.officerSpec.columnRequests)
        return try Population.classify(list, by: UnitDrawTests.officerSpec)
    }

    /// On random small populations with a binding limit of 2, each case's hit rate over independent
    /// draws is within 4.5 SD of its recorded (Rao–Blackwellised) probability, both Monte Carlo errors
    /// counted, and χ² over all the populations' cases is within df + 4.5·√(2 df).
    @Test func randomPopulations_hitRatesMatchTheRecordedProbabilities() throws {
        let populations = MonteCarlo.isFull ? 10 : 2
        let recorded = MonteCarlo.repetitions(2_000, quick: 200), checked = MonteCarlo.repetitions(4_000, quick: 300)
        let limit = 2
        var chiSquare = 0.0, df = 0, worst = 0.0, tried = 0, seed: UInt64 = 0
        var worstAgainstNOverN = 0.0
        while tried < populations {
            seed += 1
            let population = try Self.smallPopulation(seed: seed)
            let size = population.eligibleCount / 4
            let allocation = try Allocation(population: population, size: size)
            let request = DrawRequest(size: size, seed: seed, substitutesPerCase: 0, maximumPerOfficer: limit, officerLimitRepetitions: recorded)
            guard let result = try? DrawResult.draw(from: population, request: request, allocation: allocation) else { continue }
            tried += 1
            let estimate = try #require(result.officerLimitProbabilities)
            var hits = [Int](repeating: 0, count: population.rowCount)
            for again in UInt64(1)...UInt64(checked) {
                let draw = try DrawResult.draw(
                    from: population, request: DrawRequest(size: size, seed: again &* 1_000 &+ seed, substitutesPerCase: 0, maximumPerOfficer: limit),
                    allocation: allocation)
                #expect(UnitDrawTests.officerLoads(draw).values.allSatisfy { $0 <= limit })
                for row in draw.selected { hits[row] += 1 }
            }
            let n = Double(checked), nOverN = Double(size) / Double(population.eligibleCount)
            for row in 0..<population.rowCount where population.isEligible(row) {
                let p = estimate.probability(row), h = Double(hits[row]) / n, se = estimate.standardError(row)
                let sd = (p * (1 - p) / n + se * se).squareRoot()
                guard sd > 0 else {
                    #expect(h == p, "population \(seed), row \(row)")
                    continue
                }
                worst = max(worst, abs(h - p) / sd)
                #expect(abs(h - p) / sd < 4.5, "population \(seed), row \(row): hit rate \(h), recorded \(p) ± \(se)")
                chiSquare += (h - p) * (h - p) / (sd * sd)
                df += 1
                worstAgainstNOverN = max(worstAgainstNOverN, abs(h - nOverN) / (nOverN * (1 - nOverN) / n).squareRoot())
            }
        }
        print("random small populations: \(populations) with limit \(limit), recorded from \(recorded) repetitions, checked with \(checked) draws: "
            + "χ² \(chiSquare) on \(df) df, worst \(worst) SD; against n/N the worst is \(worstAgainstNOverN) SD")
        #expect(chiSquare < Double(df) + 4.5 * (2 * Double(df)).squareRoot(), "χ² \(chiSquare) on \(df) df")
    }

    /// Without a binding limit nothing is estimated: a limit no officer exceeds, and no limit.
    @Test func aLimitThatCannotBind_estimatesNothing() throws {
        let population = try Self.population(seed: 12)
        let allocation = try Allocation(population: population, size: 12)
        for limit in [nil, 40] as [Int?] {
            let result = try DrawResult.draw(
                from: population, request: DrawRequest(size: 12, seed: 99, maximumPerOfficer: limit, officerLimitRepetitions: 50),
                allocation: allocation)
            #expect(result.officerLimitProbabilities == nil)
            #expect(result.officerLimit?.binds ?? false == false)
        }
    }

    /// The seeds are fixed by the draw's seed, so the estimate is reproducible.
    @Test func seeds_areDerivedFromTheDrawsSeed() {
        #expect(OfficerLimitProbabilities.seeds(for: 7, repetitions: 3) == OfficerLimitProbabilities.seeds(for: 7, repetitions: 4).prefix(3).map { $0 })
        #expect(OfficerLimitProbabilities.seeds(for: 7, repetitions: 3) != OfficerLimitProbabilities.seeds(for: 8, repetitions: 3))
    }
}
