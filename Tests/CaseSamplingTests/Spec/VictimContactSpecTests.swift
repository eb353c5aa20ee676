import Foundation
import Testing

@testable import CaseSampling

/// The built-in `victim-contact` spec (manual 4.4 and 6.1): each exclusion on a purpose-built row, the
/// month sentenced between seven and six months before fieldwork, and the shipped example through
/// draw, verify, finalize and replace.
@Suite struct VictimContactSpecTests {
    static let header = "CRN,Surname,Sentence type,Offence group,SVC eligible,Allocated to,Sentence date,PDU,Team\r\n"
    /// Eligible rows for fieldwork from 2026-03-02 (sentenced 2025-08-02 to 2025-09-01), both ends included.
    static let eligible = [
        "A1,Smith,Custody,Violence,Y,NPS,02/08/2025,Tees,Middlesbrough\r\n",
        "A2,Jones,Immediate custody,Sexual offence,Yes,NPS division,2025-09-01,Tees,\"Hartlepool, Redcar and Cleveland\"\r\n",
        "A3,O'Neil,EDS,Robbery, y ,NPS,15/8/2025,County Durham,Durham\r\n",
    ]

    static func population(_ extra: [String], fieldworkStart: String = "2026-03-02") throws -> Population {
        try SpecFixtures.population(spec: "victim-contact", header: header, rows: eligible + extra, fieldworkStart: fieldworkStart)
    }

    @Test func eligibleRows_areEligible() throws {
        #expect(try Self.population([]).eligibleCount == 3)
    }

    @Test(arguments: [
        ("not-custodial", "B1,X,Community order,Violence,Y,NPS,10/08/2025,Tees,Middlesbrough\r\n"),
        ("not-victim-contact-eligible", "B1,X,Custody,Violence,N,NPS,10/08/2025,Tees,Middlesbrough\r\n"),
        ("allocated-elsewhere", "B1,X,Custody,Violence,Y,Other division,10/08/2025,Tees,Middlesbrough\r\n"),
        ("outside-period", "B1,X,Custody,Violence,Y,NPS,01/08/2025,Tees,Middlesbrough\r\n"),
        ("outside-period", "B1,X,Custody,Violence,Y,NPS,2025-09-02,Tees,Middlesbrough\r\n"),
    ])
    func purposeBuiltRow_isExcludedWithItsReason(code: String, row: String) throws {
        let population = try Self.population([row])
        #expect(SpecFixtures.reasons(population) == [code: 1], "\(row)")
        #expect(population.eligibleCount == 3)
    }

    /// Across a year boundary and a short month: fieldwork from 2026-09-30 keeps 2026-02-28 to 2026-03-29.
    @Test func sampleMonth_crossesShortMonthsAndYears() throws {
        let rows = ["C1,X,Custody,Violence,Y,NPS,28/02/2026,Tees,Middlesbrough\r\n",
                    "C2,X,Custody,Violence,Y,NPS,29/03/2026,Tees,Middlesbrough\r\n",
                    "C3,X,Custody,Violence,Y,NPS,30/03/2026,Tees,Middlesbrough\r\n"]
        let population = try SpecFixtures.population(spec: "victim-contact", header: Self.header, rows: rows, fieldworkStart: "2026-09-30")
        #expect(population.eligibleCount == 2)
        #expect(SpecFixtures.reasons(population) == ["outside-period": 1])
        let january = try SpecFixtures.population(spec: "victim-contact", header: Self.header, rows: Self.eligible, fieldworkStart: "2026-02-16")
        #expect(january.eligibleCount == 2, "fieldwork from 2026-02-16 keeps 2025-07-16 to 2025-08-15, across the turn of the year")
    }

    @Test func example_drawsVerifiesFinalizesAndReplaces() throws {
        try withScratch { scratch in
            let cycle = try SpecFixtures.cycle(
                spec: "victim-contact", example: "victim-contact.csv", fieldworkStart: "2026-03-02",
                returnedReason: "Offence not potentially eligible for statutory victim contact", replaceReason: "allocated-elsewhere", in: scratch)
            let counts = cycle.record.counts
            #expect(counts.rowsRead == 420 && counts.rowsRead == counts.invalid + counts.excluded + counts.eligible)
            #expect(Set(counts.excludedByReason.filter { $0.count > 0 }.map(\.code)) == [
                "outside-period", "not-custodial", "not-victim-contact-eligible", "allocated-elsewhere"])
            #expect(cycle.record.period?.from == "2025-08-02" && cycle.record.period?.to == "2025-09-01")
            #expect(cycle.verification.matches, "\(cycle.verification.differences)")
            #expect(cycle.final.replacements.map(\.reasonCode) == ["not-victim-contact-eligible"])
            #expect(cycle.afterReplace.fieldworkReplacements == 1 && cycle.afterReplace.sample.final == cycle.record.draw.size)
        }
    }
}
