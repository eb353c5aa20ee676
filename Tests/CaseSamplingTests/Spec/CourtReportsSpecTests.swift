import Foundation
import Testing

@testable import CaseSampling

/// The built-in `court-reports` spec (manual 4.4 and 6.1): each exclusion on a purpose-built row, the
/// sample week placed by the start of fieldwork, and the shipped example through draw, verify,
/// finalize and replace.
@Suite struct CourtReportsSpecTests {
    static let header = "CRN,Surname,Report type,Sentence outcome,Court in area,Allocated to,Date completed,Cluster,Court\r\n"
    /// Eligible rows: each report type, completed in the sample week of fieldwork starting 2026-03-02.
    static let eligible = [
        "A100001,Smith,SDR,CO,Y,NPS,26/01/2026,North,Newcastle\r\n",
        "A100002,Jones,FDR,SSO,Y,CRC,2026-02-01,North,Newcastle\r\n",
        "A100003,O'Neil,Oral,Custody,Yes,Associated CRC,28/1/2026,South,\"Berwick, Alnwick and Morpeth Court\"\r\n",
    ]
    static let fieldworkStart = "2026-03-02"

    static func population(_ extra: [String], fieldworkStart: String = fieldworkStart) throws -> Population {
        try SpecFixtures.population(spec: "court-reports", header: header, rows: eligible + extra, fieldworkStart: fieldworkStart)
    }

    static func reasons(_ population: Population) -> [String: Int] { SpecFixtures.reasons(population) }

    @Test func eligibleRows_areEligible() throws {
        let population = try Self.population([])
        #expect(population.eligibleCount == 3 && population.excludedCount == 0)
    }

    /// One row for each exclusion, each excluded with its reason and nothing else.
    @Test(arguments: [
        ("sentence-deferred", "B1,X,SDR,Deferred,Y,NPS,27/01/2026,North,Newcastle\r\n"),
        ("hospital-order", "B1,X,SDR,Section 37,Y,NPS,27/01/2026,North,Newcastle\r\n"),
        ("standalone-curfew", "B1,X,FDR,Restrictive requirement,Y,NPS,27/01/2026,North,Newcastle\r\n"),
        ("fine-or-discharge", "B1,X,Oral, conditional discharge ,Y,NPS,27/01/2026,North,Newcastle\r\n"),
        ("fine-or-discharge", "B1,X,Oral,Fine,Y,NPS,27/01/2026,North,Newcastle\r\n"),
        ("court-outside-area", "B1,X,SDR,CO,N,NPS,27/01/2026,North,Newcastle\r\n"),
        ("allocated-outside", "B1,X,SDR,CO,Y,Other division,27/01/2026,North,Newcastle\r\n"),
        ("outside-period", "B1,X,SDR,CO,Y,NPS,25/01/2026,North,Newcastle\r\n"),
        ("outside-period", "B1,X,SDR,CO,Y,NPS,2026-02-02,North,Newcastle\r\n"),
    ])
    func purposeBuiltRow_isExcludedWithItsReason(code: String, row: String) throws {
        let population = try Self.population([row])
        #expect(Self.reasons(population) == [code: 1], "\(row)")
        #expect(population.eligibleCount == 3)
    }

    /// The week moves with the fieldwork start: a week later, the 26 January report is out and a
    /// 2 February one is in.
    @Test func sampleWeek_followsTheFieldworkStart() throws {
        let later = try Self.population(["B1,X,SDR,CO,Y,NPS,2026-02-02,North,Newcastle\r\n"], fieldworkStart: "2026-03-09")
        #expect(Self.reasons(later) == ["outside-period": 3])
        #expect(later.eligibleCount == 1)
    }

    @Test func example_drawsVerifiesFinalizesAndReplaces() throws {
        try withScratch { scratch in
            let example = Examples.root.appendingPathComponent("SampleSpecs/examples/court-reports.csv").path
            let loaded = try SampleSpec.load(nameOrPath: "court-reports")
            let job = DrawJob(
                longListPath: example, spec: loaded.spec, specBytes: loaded.bytes, size: nil, seed: 7,
                substitutesPerCase: nil, delimiter: nil, toolVersion: "test")
            #expect(throws: DrawJob.Failure.self) { try job.run() }

            let cycle = try SpecFixtures.cycle(
                spec: "court-reports", example: "court-reports.csv", fieldworkStart: Self.fieldworkStart,
                returnedReason: "court-outside-area", replaceReason: "hospital-order", in: scratch)
            let record = cycle.record, counts = record.counts
            #expect(counts.rowsRead == 700 && counts.blankRowsSkipped == 1)
            #expect(counts.rowsRead == counts.invalid + counts.excluded + counts.eligible)
            #expect(counts.excludedByReason.first?.code == "outside-period")
            #expect(Set(counts.excludedByReason.filter { $0.count > 0 }.map(\.code)) == [
                "outside-period", "sentence-deferred", "hospital-order", "standalone-curfew", "fine-or-discharge",
                "court-outside-area", "allocated-outside"])
            #expect(record.period == DrawRecord.Period(column: "reportCompleted", resolved: .init(fieldworkStart: "2026-03-02", from: "2026-01-26", to: "2026-02-01")))
            #expect(record.variables.map(\.variable) == ["reportType"])
            #expect(record.variables[0].categories.allSatisfy { $0.withinRounding })
            #expect(cycle.verification.matches, "\(cycle.verification.differences)")
            #expect(cycle.final.sample.final == record.draw.size)
            #expect(cycle.final.replacements.map(\.reasonCode) == ["court-outside-area"])
            #expect(cycle.afterReplace.fieldworkReplacements == 1 && cycle.afterReplace.sample.final == record.draw.size)
        }
    }
}
