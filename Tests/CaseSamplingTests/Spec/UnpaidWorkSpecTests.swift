import Foundation
import Testing

@testable import CaseSampling

/// The built-in `unpaid-work` spec (manual 4.1, 4.4 and 6.1): each exclusion on a purpose-built row,
/// the derived low-risk male / other male / female variable, the size bounds, and the shipped
/// example through draw, verify, finalize and replace.
@Suite struct UnpaidWorkSpecTests {
    static let header = "CRN,Gender,RoSH,UPW transferred in,UPW transferred out,SFO/SCR/CPR,Unavailable over 6 weeks,Requirement ordered,Area,UPW location\r\n"
    /// Eligible rows ordered in the fortnight of fieldwork starting 2026-03-02 (1 to 14 December 2025);
    /// blank flags mean no.
    static let eligible = [
        "A1,M,Low,N,N,N,N,01/12/2025,North,Durham\r\n",
        "A2,Male,High,,,,,2025-12-14,North,Durham\r\n",
        "A3,F,Low,No,No,No,No,7/12/2025,South,\"Hartlepool, Redcar and Cleveland\"\r\n",
    ]
    static let fieldworkStart = "2026-03-02"

    static func population(_ extra: [String]) throws -> Population {
        try SpecFixtures.population(spec: "unpaid-work", header: header, rows: eligible + extra, fieldworkStart: fieldworkStart)
    }

    /// One row for each exclusion, each excluded with its reason and nothing else.
    @Test(arguments: [
        ("transferred-in", "B1,M,Low,Y,N,N,N,02/12/2025,North,Durham\r\n"),
        ("transferred-out", "B1,M,Low,N,yes,N,N,02/12/2025,North,Durham\r\n"),
        ("sfo-review", "B1,F,Medium,N,N,Y,N,02/12/2025,North,Durham\r\n"),
        ("unavailable-over-six-weeks", "B1,F,Medium,N,N,N,TRUE,02/12/2025,North,Durham\r\n"),
        ("outside-period", "B1,M,Low,N,N,N,N,30/11/2025,North,Durham\r\n"),
        ("outside-period", "B1,M,Low,N,N,N,N,2025-12-15,North,Durham\r\n"),
    ])
    func purposeBuiltRow_isExcludedWithItsReason(code: String, row: String) throws {
        let population = try Self.population([row])
        #expect(SpecFixtures.reasons(population) == [code: 1], "\(row)")
        #expect(population.eligibleCount == 3)
    }

    /// The derived variable: the first category whose rule holds, the last otherwise.
    @Test(arguments: [
        ("M", "Low", "lowRiskMale"), (" male ", "L", "lowRiskMale"),
        ("M", "Medium", "otherMale"), ("Man", "Very high", "otherMale"), ("M", "", "otherMale"),
        ("F", "Low", "female"), ("Woman", "High", "female"), ("F", "", "female"),
        ("", "Low", "genderNotRecorded"), ("", "", "genderNotRecorded"),
    ])
    func riskGroup_isDerivedFromGenderAndRoSH(gender: String, rosh: String, group: String) throws {
        let population = try SpecFixtures.population(
            spec: "unpaid-work", header: Self.header, rows: ["C1,\(gender),\(rosh),N,N,N,N,02/12/2025,North,Durham\r\n"],
            fieldworkStart: Self.fieldworkStart)
        #expect(population.variables.map(\.role) == ["riskGroup"])
        #expect(population.variables[0].categories.map(\.code) == ["lowRiskMale", "otherMale", "female", "genderNotRecorded"])
        #expect(population.cellName(population.cell(of: 0)) == group)
    }

    /// The formula's size, raised to the minimum (24) and lowered to the maximum (72), never above
    /// the eligible cases.
    @Test(arguments: [(10, 10), (30, 24), (150, 33), (100_000, 42), (400, 38)])
    func size_staysWithinTheSpecsBounds(eligible: Int, expected: Int) throws {
        let loaded = try SampleSpec.load(nameOrPath: "unpaid-work")
        let job = DrawJob(longListPath: "-", spec: loaded.spec, specBytes: loaded.bytes, size: nil, seed: 1,
                          substitutesPerCase: nil, delimiter: nil, toolVersion: "test")
        let (n, calculation) = try job.sampleSize(eligible: eligible)
        let formula = try SampleSizeCalculation.compute(population: eligible, margin: 0.10, confidence: 0.80, proportion: 0.5).sampleSize
        #expect(n == min(max(formula, 24), 72, eligible))
        #expect(n == expected)
        #expect(calculation.sampleSize == n && calculation.unboundedSize == formula)
        #expect(calculation.minimum == 24 && calculation.maximum == 72)
    }

    @Test func example_drawsVerifiesFinalizesAndReplaces() throws {
        try withScratch { scratch in
            let cycle = try SpecFixtures.cycle(
                spec: "unpaid-work", example: "unpaid-work.csv", fieldworkStart: Self.fieldworkStart,
                returnedReason: "Unavailable-over-six-weeks",
                replaceReason: "sfo-review", in: scratch)
            let record = cycle.record, counts = record.counts
            #expect(counts.rowsRead == 600)
            #expect(counts.rowsRead == counts.invalid + counts.excluded + counts.eligible)
            #expect(Set(counts.excludedByReason.filter { $0.count > 0 }.map(\.code)) == [
                "outside-period", "transferred-in", "transferred-out", "sfo-review", "unavailable-over-six-weeks"])
            #expect(record.variables.map(\.variable) == ["riskGroup"])
            #expect(record.variables[0].categories.allSatisfy { $0.withinRounding && $0.population > 0 })
            #expect((24...72).contains(record.draw.size))
            #expect(cycle.verification.matches, "\(cycle.verification.differences)")
            #expect(cycle.final.replacements.map(\.reasonCode) == ["unavailable-over-six-weeks"])
            #expect(cycle.afterReplace.fieldworkReplacements == 1 && cycle.afterReplace.sample.final == record.draw.size)
        }
    }
}
