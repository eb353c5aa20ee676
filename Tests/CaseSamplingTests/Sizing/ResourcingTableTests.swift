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
}
