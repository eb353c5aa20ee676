import Foundation
import Testing

@testable import CaseSampling

@Suite("Workbook writer")
struct WorkbookWriterTests {
    static let header = ["CRN", "Name", "Note"]
    static let rows = [
        ["00123", "Siân O’Neil", "=1+2"],
        ["1E5", "Zoë 李", "  spaced  "],
        ["N000003", "", "a & b <c> \"d\""],
        ["N000004", "tab\there\nline", "ctl\u{01}_x0041_end"],
        ["N000005"],
    ]

    static func sample() throws -> [UInt8] {
        var writer = WorkbookWriter()
        try writer.addSheet(named: "Provisional sample", header: header, rows: rows)
        try writer.addSheet(named: "Substitutes", header: header, rows: [["N000009", "x", ""]])
        return writer.bytes()
    }

    @Test("Written sheets read back with the same strings, every cell text")
    func roundTrip() throws {
        let workbook = try Workbook(bytes: try Self.sample())
        #expect(workbook.sheets.map(\.name) == ["Provisional sample", "Substitutes"])
        let rows = try workbook.rows(in: workbook.sheet(named: "Provisional sample"))
        #expect(rows.map(\.number) == Array(1...6))
        #expect(rows.map(\.cells) == [Self.header] + Self.rows)
        let substitutes = try workbook.rows(in: workbook.sheet(named: "Substitutes"))
        #expect(substitutes.map(\.cells) == [Self.header, ["N000009", "x"]])
    }

    /// With CASESAMPLE_WRITTEN_WORKBOOK=path set, writes the sample workbook there for
    /// `Resources/workbooks/check-written-workbook.py` (LibreOffice and openpyxl).
    @Test("The sample workbook is written for outside checks when asked")
    func writeForOutsideChecks() throws {
        guard let path = ProcessInfo.processInfo.environment["CASESAMPLE_WRITTEN_WORKBOOK"] else { return }
        try Data(try Self.sample()).write(to: URL(fileURLWithPath: path))
    }

    @Test("The same sheets give the same bytes")
    func deterministic() throws {
        #expect(try Self.sample() == Self.sample())
    }

    @Test("The sheet has inline strings, a frozen and filtered header, fitted widths and the filter's defined name")
    func parts() throws {
        let archive = try ZipArchive(bytes: try Self.sample())
        #expect(archive.entries.map(\.path) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        #expect(archive.entries.allSatisfy { $0.method == 0 })
        let sheet = String(decoding: try archive.contents(of: try #require(archive.entry(at: "xl/worksheets/sheet1.xml"))), as: UTF8.self)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:C6\"/>"))
        #expect(sheet.contains("<c r=\"A2\" s=\"2\" t=\"inlineStr\"><is><t>00123</t></is></c>"))
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"8\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<t xml:space=\"preserve\">  spaced  </t>"))
        #expect(sheet.contains("ctl_x0001__x005F_x0041_end"))
        #expect(!sheet.contains("<v>"))
        let workbook = String(decoding: try archive.contents(of: try #require(archive.entry(at: "xl/workbook.xml"))), as: UTF8.self)
        #expect(workbook.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'Provisional sample'!$A$1:$C$6</definedName>"))
    }

    @Test("Column widths count characters, with room for the filter button, between 8 and 60")
    func widths() {
        #expect(WorkbookWriter.columnWidths(header: ["CRN"], rows: [["N000123"]]) == [8])
        #expect(WorkbookWriter.columnWidths(header: ["Responsible officer"], rows: [["PO Simon Rahman"]]) == [23])
        #expect(WorkbookWriter.columnWidths(header: ["A"], rows: [[String(repeating: "x", count: 500)], ["a", "b"]]) == [60, 8])
    }

    @Test(
        "Sheet names Excel refuses are refused",
        arguments: ["", String(repeating: "x", count: 32), "a/b", "a[1]", "'quoted'", "History", "substitutes"]
    )
    func badNames(name: String) throws {
        var writer = WorkbookWriter()
        try writer.addSheet(named: "Substitutes", header: ["A"], rows: [])
        #expect(throws: WorkbookWriter.SheetNameError.self) { try writer.addSheet(named: name, header: ["A"], rows: []) }
    }
}
