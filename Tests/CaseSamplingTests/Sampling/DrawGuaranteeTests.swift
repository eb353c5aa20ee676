import Foundation
import Testing
@testable import CaseSampling

/// The draw's guarantees (issue 4), each checked by a test that would catch it being wrong.
@Suite struct DrawGuaranteeTests {
    /// Floor and ceiling of n·count/total, exactly.
    static func bounds(_ n: Int, _ count: Int, _ total: Int) -> ClosedRange<Int> {
        let floor = n * count / total
        return floor...(floor + (n * count % total == 0 ? 0 : 1))
    }

    /// Whether every category of every variable got the floor or ceiling of its expected count.
    static func marginsHold(_ result: DrawResult) -> Bool {
        let p = result.population
        // Counted from the rows, one pass each, then summed by category.
        var populationByCell = Array(repeating: 0, count: p.cellCount)
        var sampleByCell = populationByCell
        for row in 0..<p.rowCount where p.isEligible(row) { populationByCell[p.cell(of: row)] += 1 }
        for row in result.selected { sampleByCell[p.cell(of: row)] += 1 }
        let categories = (0..<p.cellCount).map(p.categories(ofCell:))
        for (v, variable) in p.variables.enumerated() {
            var population = Array(repeating: 0, count: variable.categories.count)
            var sample = population
            for cell in 0..<p.cellCount {
                population[categories[cell][v]] += populationByCell[cell]
                sample[categories[cell][v]] += sampleByCell[cell]
            }
            for c in population.indices where !bounds(result.request.size, population[c], p.eligibleCount).contains(sample[c]) {
                return false
            }
        }
        return true
    }

    @Test func exactSize_allEligible_noneTwice() throws {
        let population = try TestPopulations.population(TestPopulations.awkward)
        let allocation = try Allocation(population: population, size: 11)
        for seed in UInt64(0)..<500 {
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 11, seed: seed, substitutesPerCase: 1), allocation: allocation)
            #expect(result.selected.count == 11, "seed \(seed)")
            #expect(Set(result.selected).count == 11, "seed \(seed)")
            #expect(result.selected.allSatisfy(population.isEligible), "seed \(seed)")
            let substituteRows = result.substitutes.map(\.row)
            #expect(Set(substituteRows).count == substituteRows.count, "seed \(seed)")
            #expect(Set(substituteRows).isDisjoint(with: result.selected), "seed \(seed)")
            #expect(substituteRows.allSatisfy(population.isEligible), "seed \(seed)")
        }
    }

    /// Over 10,000 seeded draws: every cross-cell gets the floor or ceiling of its expected count in
    /// every draw, and every category of every variable does in at least 99% of draws.
    @Test(arguments: ["awkward", "example"])
    func proportional_onEveryVariableAtOnce(populationName: String) throws {
        let (population, size): (Population, Int)
        if populationName == "awkward" {
            (population, size) = (try TestPopulations.population(TestPopulations.awkward), 11)
        } else {
            (population, size) = (try Examples.examplePopulation(), 120)
        }
        let allocation = try Allocation(population: population, size: size)
        var holding = 0
        let draws = MonteCarlo.repetitions(10_000)
        for seed in UInt64(1)...UInt64(draws) {
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: size, seed: seed, substitutesPerCase: 0), allocation: allocation)
            for cell in 0..<population.cellCount {
                let b = Self.bounds(size, allocation.cellCounts[cell], allocation.eligibleCount)
                #expect(b.contains(result.cellSampleCounts[cell]), "seed \(seed) cell \(cell)")
            }
            if Self.marginsHold(result) { holding += 1 } else { #expect(result.variableHolding.contains { !$0.holdsInThisDraw }, "a miss must be reported, seed \(seed)") }
        }
        let share = Double(holding) / Double(draws)
        print("proportional on every variable: \(holding) of \(draws) draws (\(share * 100)%) on the \(populationName) population")
        #expect(share >= 0.99)
    }

    /// Every eligible case has inclusion probability n/N, and each cell gets its extra case with
    /// probability equal to its fractional part: checked over 20,000 seeded draws against bands of
    /// 4.5 binomial standard deviations.
    @Test func equalInclusionProbability_monteCarlo() throws {
        let population = try TestPopulations.population(TestPopulations.awkward)
        let n = 11, draws = MonteCarlo.repetitions(20_000)
        let allocation = try Allocation(population: population, size: n)
        var caseHits = [Int](repeating: 0, count: population.rowCount)
        var cellExtra = [Int](repeating: 0, count: population.cellCount)
        for seed in UInt64(1)...UInt64(draws) {
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: n, seed: seed &* 7919, substitutesPerCase: 0), allocation: allocation)
            for row in result.selected { caseHits[row] += 1 }
            for cell in 0..<population.cellCount where result.cellSampleCounts[cell] > allocation.floors[cell] { cellExtra[cell] += 1 }
        }
        let pi = Double(n) / Double(population.eligibleCount)
        let sd = (pi * (1 - pi) / Double(draws)).squareRoot()
        for row in 0..<population.rowCount {
            let frequency = Double(caseHits[row]) / Double(draws)
            if population.isEligible(row) {
                #expect(abs(frequency - pi) <= 4.5 * sd, "row \(row): \(frequency) vs \(pi)")
            } else {
                #expect(caseHits[row] == 0)
            }
        }
        for cell in 0..<population.cellCount {
            let r = Double(allocation.remainders[cell]) / Double(allocation.eligibleCount)
            let band = 4.5 * (r * (1 - r) / Double(draws)).squareRoot() + 1e-12
            #expect(abs(Double(cellExtra[cell]) / Double(draws) - r) <= band, "cell \(cell): \(cellExtra[cell]) vs \(r)")
        }
    }

    /// Rounding must not favour large cells: a cell expecting 0.4 cases gets one in 40% of draws.
    @Test func smallCell_expectingPointFour_getsOneInFortyPercent() throws {
        // 10 cases, n = 2: the lone female cell expects 2·2/10 = 0.4.
        var rows = (0..<8).map { TestPopulations.Row(crn: "M\(100_000 + $0)") }
        rows += (0..<2).map { TestPopulations.Row(crn: "F\(100_000 + $0)", gender: "Female") }
        let population = try TestPopulations.population(rows)
        let allocation = try Allocation(population: population, size: 2)
        let femaleCell = population.cell(of: 8)
        #expect(abs(allocation.expected(cell: femaleCell) - 0.4) < 1e-12)
        let draws = MonteCarlo.repetitions(20_000)
        var hits = 0
        for seed in UInt64(1)...UInt64(draws) {
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 2, seed: seed, substitutesPerCase: 0), allocation: allocation)
            if result.cellSampleCounts[femaleCell] == 1 { hits += 1 }
        }
        let sd = (0.4 * 0.6 / Double(draws)).squareRoot()
        #expect(abs(Double(hits) / Double(draws) - 0.4) <= 4.5 * sd, "\(hits) of \(draws)")
    }

    @Test func substitutes_comeFromSameCellAndUnitFirst() throws {
        let population = try Examples.examplePopulation()
        let result = try DrawResult.draw(from: population, request: DrawRequest(size: 120, seed: 7, substitutesPerCase: 2))
        #expect(result.substitutes.count == 240)
        for substitute in result.substitutes {
            let sameCell = population.cell(of: substitute.row) == population.cell(of: substitute.forRow)
            let a = population.units[population.unit(of: substitute.row)], b = population.units[population.unit(of: substitute.forRow)]
            switch substitute.source {
            case .sameTier2Unit: #expect(sameCell && a == b)
            case .sameTier1Unit: #expect(sameCell && a.tier1 == b.tier1 && a.tier2 != b.tier2)
            case .sameCell: #expect(sameCell && a.tier1 != b.tier1)
            case .nearestCell: #expect(!sameCell)
            }
        }
        #expect(result.substitutes.filter { $0.source == .sameTier2Unit }.count > 120)
    }

    /// When a cell runs out, the nearest cell (fewest variables differing, lowest priority first) is used.
    @Test func substitutes_whenCellRunsOut_comeFromNearestCell() throws {
        // One female/community/high case only; its substitute must differ in RoSH (lowest priority),
        // not in gender or sentence type, while such cases exist.
        var rows = [TestPopulations.Row(crn: "F100000", gender: "Female", rosh: "High")]
        rows += (0..<3).map { TestPopulations.Row(crn: "F2000\($0)", gender: "Female", rosh: "Very High") }
        rows += (0..<30).map { TestPopulations.Row(crn: "M3000\($0)", rosh: "High") }
        let population = try TestPopulations.population(rows)
        for seed in UInt64(0)..<50 {
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 34, seed: seed, substitutesPerCase: 1))
            #expect(result.substitutes.isEmpty && result.shortOfSubstitutes.count == 34)
        }
        // With a smaller sample the high-RoSH female case, if selected, gets a very-high female substitute.
        for seed in UInt64(0)..<200 {
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 17, seed: seed, substitutesPerCase: 1))
            for s in result.substitutes where s.forRow == 0 {
                #expect(s.source == .nearestCell)
                #expect((1...3).contains(s.row), "seed \(seed): substitute from row \(s.row)")
            }
        }
    }

    /// Same input and seed: same sample. Shuffled rows, a Windows-1252 re-save and aliased headers:
    /// the same case references.
    @Test func reproducible_andOrderIndependent() throws {
        let original = try Examples.exampleBytes()
        let spec = try Examples.domainTwo()
        func selectedReferences(_ bytes: [UInt8]) throws -> [String] {
            let list = try LongListReader.read(bytes: bytes, file: "x.csv", columns: spec.columnRequests)
            let population = try Population.classify(list, by: spec)
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 120, seed: 7, substitutesPerCase: 1))
            let key = list.columnIndex["caseReference"]!
            return (result.selected + result.substitutes.map(\.row)).map { list.recordFields(row: $0)[key] }.sorted()
        }
        let reference = try selectedReferences(original)
        #expect(try selectedReferences(original) == reference)
        var records = try CSVRecords.parse(original, file: "x")
        let header = records.removeFirst()
        var generator = Xoshiro256StarStar(seed: 99)
        generator.shuffle(&records)
        func render(_ header: [String], _ records: [CSVRecords.Record]) -> String {
            var writer = CSVWriter()
            writer.append(record: header)
            for r in records { writer.append(record: r.fields) }
            return String(decoding: writer.bytes.dropFirst(3), as: UTF8.self)
        }
        let shuffled = render(header.fields, records)
        #expect(try selectedReferences(Array(shuffled.utf8)) == reference)
        // Windows-1252 re-save, as Excel's "CSV (Comma delimited)" does: characters outside it (Ł) become "?",
        // which touches names only.
        let windows1252 = try #require(shuffled.data(using: .windowsCP1252, allowLossyConversion: true))
        #expect(windows1252.contains(0x92))  // O’Neil's apostrophe, as Windows-1252 writes it
        #expect(try selectedReferences([UInt8](windows1252)) == reference)
        // Headers renamed to aliases.
        let aliased = header.fields.map { ["CRN": "Case reference", "Gender": "Sex", "RoSH": "Risk of Serious Harm", "Tier1Unit": "Tier 1 Unit", "SentenceType": "Sentence type"][$0] ?? $0 }
        #expect(try selectedReferences(Array(render(aliased, records).utf8)) == reference)
    }
}
