import Testing
@testable import CaseSampling

@Suite struct UnitSelectionTests {
    static let units = [
        Unit(tier1: "North", tier2: "Durham"), Unit(tier1: "North", tier2: "Stockton"),
        Unit(tier1: "South", tier2: "Lewes"), Unit(tier1: "East", tier2: "Barking, Dagenham & Havering"),
        Unit(tier1: "East", tier2: "Newham"),
    ]

    @Test func names_matchIgnoringCaseAndSpaces() throws {
        let resolved = try UnitSelection(commaSeparated: " north / DURHAM ,South/lewes").resolve(in: Self.units)
        #expect(resolved.units == [0, 2])
    }

    @Test func tier1Wildcard_andBareTier1_selectEveryTeam() throws {
        #expect(try UnitSelection(commaSeparated: "North/*").resolve(in: Self.units).units == [0, 1])
        #expect(try UnitSelection(commaSeparated: "east").resolve(in: Self.units).units == [3, 4])
    }

    @Test func commaSplitNames_areRejoined() throws {
        let resolved = try UnitSelection(commaSeparated: "East/Barking, Dagenham & Havering,North/Durham").resolve(in: Self.units)
        #expect(resolved.units == [0, 3])
        #expect(resolved.entries == ["East/Barking, Dagenham & Havering", "North/Durham"])
    }

    @Test func commasInNames_matchWithAnySpacing() throws {
        for text in ["East/Barking,Dagenham & Havering", "east/barking ,  dagenham & havering,North/Durham"] {
            #expect(try UnitSelection(commaSeparated: text).resolve(in: Self.units).units.contains(3), "\(text)")
        }
    }

    @Test func fileLines_skipBlanksCommentsAndBOM() throws {
        let selection = UnitSelection(lines: "\u{FEFF}North/Durham\r\n\r\n# the east\r\nEast/Barking, Dagenham & Havering\n")
        #expect(selection.entries == ["North/Durham", "East/Barking, Dagenham & Havering"])
        #expect(try selection.resolve(in: Self.units).units == [0, 3])
    }

    @Test func unknownNames_areListedWithNearMisses() {
        #expect(throws: UnitSelectionError.self) { try UnitSelection(commaSeparated: "North/Durhm,Wales").resolve(in: Self.units) }
        do {
            _ = try UnitSelection(commaSeparated: "North/Durhm,Wales").resolve(in: Self.units)
        } catch {
            #expect(error.unknown.map(\.entry) == ["North/Durhm", "Wales"])
            #expect(error.unknown[0].nearMisses.first == "North/Durham")
            #expect(error.description.contains("did you mean \"North/Durham\""))
            #expect(error.description.contains("South/Lewes"), "the message lists the valid units")
        }
    }
}
