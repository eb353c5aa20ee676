import Foundation
import Testing

@testable import CaseSampling

/// The built-in `through-the-gate` spec (manual 4.1, 4.4 and 6.1): each exclusion on a purpose-built
/// row, prisons as the categories found, the supervising agency derived from where the person was
/// released to, and the shipped example through draw, verify, finalize and replace.
@Suite struct ThroughTheGateSpecTests {
    static let header = "CRN,Releasing prison,Release status,Released to,Supervision after release,Release date,Cluster,Team\r\n"
    /// Eligible rows, released in the fortnight of fieldwork starting 2026-03-02 (12 to 25 January 2026).
    static let eligible = [
        "A1,HMP Durham,Released,CRC,Licence,12/01/2026,North,Durham\r\n",
        "A2, hmp durham ,Y,NPS,,2026-01-25,North,Durham\r\n",
        "A3,HMP Holme House,released ,Local NPS,PSS,20/1/2026,South,Stockton\r\n",
    ]
    static let fieldworkStart = "2026-03-02"

    static func population(_ extra: [String]) throws -> Population {
        try SpecFixtures.population(spec: "through-the-gate", header: header, rows: eligible + extra, fieldworkStart: fieldworkStart)
    }

    @Test func eligibleRows_areEligible_prisonsAsFound_agencyDerived() throws {
        let population = try Self.population([])
        #expect(population.eligibleCount == 3 && population.excludedCount == 0)
        #expect(population.variables.map(\.role) == ["releasingPrison", "supervisingAgency"])
        // " hmp durham " is HMP Durham, whatever its case and spaces; categories sorted by name.
        #expect(population.variables[0].categories.map(\.label) == ["HMP Durham", "HMP Holme House"])
        #expect(population.variables[1].categories.map(\.code) == ["crc", "nps"])
        #expect((0..<3).map { population.cellName(population.cell(of: $0)) } == ["HMP Durham/crc", "HMP Durham/nps", "HMP Holme House/nps"])
    }

    /// One row for each exclusion, each excluded with its reason and nothing else.
    @Test(arguments: [
        ("not-released-as-expected", "B1,HMP Durham,Release deferred,CRC,Licence,13/01/2026,North,Durham\r\n"),
        ("released-elsewhere", "B1,HMP Durham,Released,Other CRC,Licence,13/01/2026,North,Durham\r\n"),
        ("released-elsewhere", "B1,HMP Durham,Released,out of area NPS,Licence,13/01/2026,North,Durham\r\n"),
        ("not-supervised-after-release", "B1,HMP Durham,Released,CRC,SED,13/01/2026,North,Durham\r\n"),
        ("not-supervised-after-release", "B1,HMP Durham,Released,CRC,Deported,13/01/2026,North,Durham\r\n"),
        ("not-supervised-after-release", "B1,HMP Durham,Released,NPS,Remand,13/01/2026,North,Durham\r\n"),
        ("not-supervised-after-release", "B1,HMP Durham,Released,NPS,Recall,13/01/2026,North,Durham\r\n"),
        ("outside-period", "B1,HMP Durham,Released,CRC,Licence,11/01/2026,North,Durham\r\n"),
        ("outside-period", "B1,HMP Durham,Released,CRC,Licence,2026-01-26,North,Durham\r\n"),
    ])
    func purposeBuiltRow_isExcludedWithItsReason(code: String, row: String) throws {
        let population = try Self.population([row])
        #expect(SpecFixtures.reasons(population) == [code: 1], "\(row)")
        #expect(population.eligibleCount == 3)
    }

    /// A blank prison is an error at its line and column, as the spec stratifies by it.
    @Test func blankPrison_isAnErrorAtItsLine() throws {
        do {
            _ = try Self.population(["B1,,Released,CRC,Licence,13/01/2026,North,Durham\r\n"])
            Issue.record("a blank prison was accepted")
        } catch let error as ClassificationError {
            #expect(error.problems.map { [$0.line, $0.column] } == [[5, 2]])
            #expect(error.problems[0].header == "Releasing prison")
        }
    }

    @Test func example_drawsVerifiesFinalizesAndReplaces() throws {
        try withScratch { scratch in
            let cycle = try SpecFixtures.cycle(
                spec: "through-the-gate", example: "through-the-gate.csv", fieldworkStart: Self.fieldworkStart,
                returnedReason: "released-elsewhere", replaceReason: "not-supervised-after-release", in: scratch)
            let record = cycle.record, counts = record.counts
            #expect(counts.rowsRead == 520 && counts.blankRowsSkipped == 1)
            #expect(counts.rowsRead == counts.invalid + counts.excluded + counts.eligible)
            #expect(Set(counts.excludedByReason.filter { $0.count > 0 }.map(\.code)) == [
                "outside-period", "not-released-as-expected", "released-elsewhere", "not-supervised-after-release"])
            #expect(record.period?.from == "2026-01-12" && record.period?.to == "2026-01-25")
            #expect(record.variables.map(\.variable) == ["releasingPrison", "supervisingAgency"])
            #expect(record.variables.allSatisfy { $0.categories.allSatisfy(\.withinRounding) })
            #expect((20...80).contains(record.draw.size))
            #expect(cycle.verification.matches, "\(cycle.verification.differences)")
            #expect(cycle.final.sample.final == record.draw.size)
            #expect(cycle.afterReplace.fieldworkReplacements == 1 && cycle.afterReplace.sample.final == record.draw.size)
        }
    }
}
