import Foundation
import Testing
@testable import CaseSampling

/// Each rule of the shipped domain-two spec, on purpose-built rows.
@Suite struct ExclusionRuleTests {
    static let header = "CRN,Gender,Tier1Unit,Tier2Unit,SentenceType,RoSH,Requirements,YOTHeld,SFOReview,TransferredIn,TransferredOut,EscalatedFromCRC,LimitedAccess,ReleaseDate,RecallDate,ReRealeased,SentenceDate,RevocationDate,FurtherQualifyingOrder"

    /// (name, row fields after CRN, expected reason code or nil for eligible)
    static let cases: [(String, String, String?)] = [
        ("community order with a RAR", "Male,N,T,Community Order,Low,Rehabilitation Activity Requirement,N,N,N,N,N,N,,,,,,", nil),
        ("suspended order, no requirements", "Male,N,T,SSO,Low,,N,N,N,N,N,N,,,,,,", "no-requirements"),
        ("community order, only unpaid work", "Male,N,T,CO,Low,Unpaid Work,N,N,N,N,N,N,,,,,,", "only-excluded-requirements"),
        ("only curfew and exclusion, spaced and cased", "Male,N,T,CO,Low, curfew ; EXCLUSION ,N,N,N,N,N,N,,,,,,", "only-excluded-requirements"),
        ("UPW alias plus attendance centre", "Male,N,T,CO,Low,UPW;Attendance Centre,N,N,N,N,N,N,,,,,,", "only-excluded-requirements"),
        ("unpaid work plus a programme stays", "Male,N,T,CO,Low,Unpaid Work;Accredited Programme,N,N,N,N,N,N,,,,,,", nil),
        ("licence without requirements stays", "Female,N,T,Licence,High,,N,N,N,N,N,N,,,,,,", nil),
        ("PSS stays", "Female,N,T,PSS,VH,,N,N,N,N,N,N,,,,,,", nil),
        ("YOT held", "Male,N,T,Licence,Low,,Y,N,N,N,N,N,,,,,,", "yot-held"),
        ("SFO review (Yes)", "Male,N,T,Licence,Low,,N,Yes,N,N,N,N,,,,,,", "sfo-review"),
        ("transferred in (TRUE)", "Male,N,T,Licence,Low,,N,N,TRUE,N,N,N,,,,,,", "transferred-in"),
        ("transferred out (1)", "Male,N,T,Licence,Low,,N,N,N,1,N,N,,,,,,", "transferred-out"),
        ("escalated from CRC", "Male,N,T,Licence,Low,,N,N,N,N,y,N,,,,,,", "escalated-from-crc"),
        ("limited access", "Male,N,T,Licence,Low,,N,N,N,N,N,Y,,,,,,", "limited-access"),
        ("blank flags mean no", "Male,N,T,Licence,Low,,,,,,,,,,,,,", nil),
        ("recalled 20 days after release, not re-released", "Male,N,T,Licence,Low,,N,N,N,N,N,N,01/03/2026,21/03/2026,N,,,", "recalled-within-28-days"),
        ("recalled 20 days after release, re-released", "Male,N,T,Licence,Low,,N,N,N,N,N,N,01/03/2026,21/03/2026,Y,,,", nil),
        ("recalled 40 days after release", "Male,N,T,Licence,Low,,N,N,N,N,N,N,2026-03-01,2026-04-10,N,,,", nil),
        ("revoked 10 days after sentence", "Male,N,T,CO,Low,Drug Rehabilitation,N,N,N,N,N,N,,,,01/05/2026,11/05/2026,N", "revoked-within-28-days"),
        ("revoked 10 days after, further order", "Male,N,T,CO,Low,Drug Rehabilitation,N,N,N,N,N,N,,,,01/05/2026,11/05/2026,Y", nil),
        ("first matching rule wins: YOT and transferred", "Male,N,T,Licence,Low,,Y,N,Y,N,N,N,,,,,,", "yot-held"),
    ]

    @Test func eachRule_onPurposeBuiltRows() throws {
        let spec = try Examples.domainTwo()
        var text = Self.header.replacingOccurrences(of: "ReRealeased", with: "ReReleased") + "\n"
        for (i, c) in Self.cases.enumerated() { text += "Z\(100_000 + i),\(c.1)\n" }
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "rules.csv", columns: spec.columnRequests)
        #expect(list.errors.isEmpty, "\(list.errors)")
        let population = try Population.classify(list, by: spec)
        #expect(population.rulesNotApplied.isEmpty)
        for (row, c) in Self.cases.enumerated() {
            #expect(population.exclusionReason(of: row)?.code == c.2, "\(c.0)")
        }
        // Counts add up: every row eligible, excluded or invalid.
        #expect(population.eligibleCount + population.excludedCount + population.invalidCount == population.rowCount)
    }

    @Test func rulesNeedingAbsentColumns_areNotApplied_andSaySo() throws {
        let population = try Examples.examplePopulation()
        #expect(population.rulesNotApplied.map(\.rule.code) == ["recalled-within-28-days", "revoked-within-28-days"])
        #expect(population.eligibleCount + population.excludedCount + population.invalidCount == population.rowCount)
    }

    @Test func unknownValues_areListedWithCountAndFirstLine() throws {
        let spec = try Examples.domainTwo()
        var text = Self.header.replacingOccurrences(of: "ReRealeased", with: "ReReleased") + "\n"
        text += "Z1,Male,N,T,Licence,Severe,,N,N,N,N,N,N,,,,,,\n"
        text += "Z2,Male,N,T,Licence,Low,,N,N,N,N,N,N,,,,,,\n"
        text += "Z3,Male,N,T,Licence,Severe,,N,N,N,N,N,N,,,,,,\n"
        text += "Z4,Male,N,T,Custody,Low,,N,N,N,N,N,N,,,,,,\n"
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "u.csv", columns: spec.columnRequests)
        #expect(throws: ClassificationError.self) { try Population.classify(list, by: spec) }
        do {
            _ = try Population.classify(list, by: spec)
        } catch {
            #expect(error.problems.map(\.line) == [2, 5])
            #expect(error.problems[0].message.hasPrefix("2 rows have a value the spec does not know (a value of 6 letters, first here)"))
            #expect(error.problems[1].message.hasPrefix("1 row has a value the spec does not know (a value of 7 letters, first here)"))
            #expect(!error.description.contains("Severe") && !error.description.contains("Custody"))
        }
    }

    @Test func blankRoSH_isItsOwnNotRecordedCategory_withAWarning() throws {
        let spec = try Examples.domainTwo()
        var text = Self.header.replacingOccurrences(of: "ReRealeased", with: "ReReleased") + "\n"
        text += "Z1,Male,N,T,Licence,,,N,N,N,N,N,N,,,,,,\n"
        text += "Z2,Male,N,T,Licence,Low,,N,N,N,N,N,N,,,,,,\n"
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "u.csv", columns: spec.columnRequests)
        let population = try Population.classify(list, by: spec)
        #expect(population.variables[2].categories.last?.code == "notRecorded")
        #expect(population.warnings.count == 1)
        #expect(population.eligibleCount == 2)
    }
}
