import Testing

@testable import CaseSampling

/// Workbooks saved by LibreOffice 7.4 from the hand-written `.fods` sources beside them
/// (`Resources/workbooks/make-fixtures.py`).
@Suite("Workbooks saved by LibreOffice")
struct WorkbookFixtureTests {
    static func workbook(_ name: String) throws -> Workbook {
        try Workbook(bytes: try TestResources.bytes("workbooks/" + name))
    }

    @Test("Every kind of cell reads as a CSV export would write it")
    func cellTypes() throws {
        let workbook = try Self.workbook("cell-types.xlsx")
        #expect(workbook.sheets.map(\.name) == ["Cases", "Second sheet", "Zoë’s cases"])
        #expect(!workbook.usesDate1904)
        let sheet = try workbook.defaultSheet()
        #expect(sheet.name == "Cases")
        var rows: [WorksheetRow] = []
        let summary = try workbook.forEachRow(in: sheet) { rows.append($0) }
        #expect(rows.map(\.number) == [1, 2, 3, 6, 7, 8, 9])
        #expect(rows[0].cells == ["CRN", "Name", "Count", "Ratio", "Active", "Start", "Time", "Stamp", "Note", "Formula", "Error"])
        #expect(rows[1].cells == [
            "N000001", "Siân O’Neil", "42", "0.1", "TRUE", "2024-01-15", "12:30:00", "2024-01-15 08:05:09",
            "a & b <c> \"d\"", "43", "#DIV/0!",
        ])
        #expect(rows[1].errors == [CellError(columnIndex: 10, code: "#DIV/0!")])
        #expect(rows[2].cells == [
            "007", "Zoë 李", "1.23456789012346E+17", "0.333333333333333", "FALSE", "1900-03-01", "00:00:01",
            "1999-12-31 23:59:59", "  spaced  ", "007x", "#N/A",
        ])
        #expect(rows[2].errors == [CellError(columnIndex: 10, code: "#N/A")])
        #expect(rows[3].cells == ["N000004", "Merged across", "", "-2.5", "1E-07", "", "2026-11-23", "", "", "", "0"])
        #expect(rows[4].cells == Array(repeating: "", count: 10) + ["only K"])
        #expect(rows[5].cells == ["N000007", "Merged down", "1E+20"])
        #expect(rows[6].cells == ["N000008", "", "100"])
        #expect(summary.rowCount == 7)
        #expect(summary.mergedRanges.map(\.description) == ["B6:C6", "B8:B9"])
        #expect(summary.dimension?.description == "A1:K9")
        #expect(rows[4].reference(columnIndex: 10).description == "K7")
    }

    @Test("Other sheets are found by name, ignoring case, with near misses suggested")
    func sheetsByName() throws {
        let workbook = try Self.workbook("cell-types.xlsx")
        #expect(try workbook.rows(in: workbook.sheet(named: "Second sheet")).map(\.cells) == [["Header", "Other"], ["x", "1"]])
        #expect(try workbook.rows(in: workbook.sheet(named: "zoë’s CASES")).map(\.cells) == [["Only"], ["3.14159265358979"]])
        #expect(throws: WorkbookError.self) { try workbook.sheet(named: "Second sheets") }
        do {
            _ = try workbook.sheet(named: "Secnd sheet")
        } catch {
            #expect(error.kind == .noSuchSheet(name: "Secnd sheet", suggestions: ["Second sheet"], available: workbook.sheets.map(\.name)))
            #expect(error.description == """
                the workbook has no sheet named "Secnd sheet" (did you mean "Second sheet"?); its sheets are "Cases", "Second sheet", "Zoë’s cases"
                """)
        }
    }

    @Test("The 1904 date system counts from 1904-01-01")
    func date1904() throws {
        let workbook = try Self.workbook("date1904.xlsx")
        #expect(workbook.usesDate1904)
        let rows = try workbook.rows(in: try workbook.defaultSheet())
        #expect(rows.map(\.cells) == [["When", "Stamp"], ["2024-01-15", "2024-01-15 18:00:00"], ["1904-01-02"]])
    }
}
