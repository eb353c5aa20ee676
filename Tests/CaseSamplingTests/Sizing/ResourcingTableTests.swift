import Testing

@testable import CaseSampling

/// Figure 2 of the manual as shipped: every row, and the domain three totals adding up as printed.
@Suite struct ResourcingTableTests {
    @Test func table_hasEveryOrganisation() {
        let table = ResourcingTable.manual
        #expect(table.organisations.count == 28)
        #expect(table.organisations.filter { $0.kind == "CRC" }.count == 21)
        #expect(table.organisation(named: " wales crc ")?.samples.map(\.used) == [130, 53, 35, 88])
        #expect(table.organisation(named: "North East")?.samples.map(\.atEightyPercent) == [125, 118, 3, 121])
        #expect(table.organisation(named: "London CRC")?.clusterSize == "Db")
        #expect(table.organisation(named: "Nowhere") == nil)
    }

    /// Domain three in all is the sum of its two samples, at 80% confidence and as used (CRCs' before revision).
    @Test func domainThree_isTheSumOfItsSamples() {
        for organisation in ResourcingTable.manual.organisations {
            let s = organisation.samples
            #expect(s[1].atEightyPercent + s[2].atEightyPercent == s[3].atEightyPercent, "\(organisation.name)")
            if organisation.kind == "NPS" { #expect(s[1].used + s[2].used == s[3].used, "\(organisation.name)") }
        }
    }

    /// "Domain three in all" gets the long lists' total only when every domain-three sample has one.
    @Test func domainThreeInAll_sumsTheLongLists_onlyWhenEveryOneIsGiven() throws {
        let durham = try #require(ResourcingTable.manual.organisation(named: "Durham Tees Valley CRC"))
        func lastColumn(_ text: String, _ sample: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix("  \(sample)") }.map { String($0).trimmingCharacters(in: .whitespaces) }
        }
        let one = ResourcingText.text(durham, actual: ["unpaid-work": (150, 33)])
        #expect(lastColumn(one, "Unpaid work")?.hasSuffix("33 of 150 eligible") == true)
        #expect(lastColumn(one, "Domain three in all")?.hasSuffix("in all") == false, "one of two is not the whole")
        let both = ResourcingText.text(durham, actual: ["unpaid-work": (150, 33), "through-the-gate": (1_200, 41), "domain-two": (900, 100)])
        #expect(lastColumn(both, "Domain three in all")?.hasSuffix("74 in all") == true, "\(both)")
    }
}
