import Testing

@testable import CaseSampling

@Suite struct TextTableTests {
    /// Widths count characters, not bytes; right-aligned columns pad on the left; trailing spaces go,
    /// and a short row ends where its cells end.
    @Test func alignsByCharacters_andTrimsTrailingSpaces() {
        var table = TextTable(headers: ["Unit", "Cases", "Note"], alignments: [.left, .right, .left])
        table.append(["Ynys Môn", "7", ""])
        table.append(["Bath", "1,204", "big"])
        table.append(["Zoë"])
        #expect(table.rendered() == """
              Unit      Cases  Note
              --------  -----  ----
              Ynys Môn      7
              Bath      1,204  big
              Zoë

            """)
        #expect(table.rendered(indent: "") == "Unit      Cases  Note\n--------  -----  ----\nYnys Môn      7\nBath      1,204  big\nZoë\n")
    }

    @Test func anEmptyTableIsItsHeaderAndRule() {
        let table = TextTable(headers: ["A", "Bee"], alignments: [.right, .left])
        #expect(table.rendered() == "  A  Bee\n  -  ---\n")
    }
}
