import Testing

@testable import CaseSampling

/// Workbooks built by the tests, part by part, for what spreadsheet programs rarely write: inline
/// strings, missing references, prefixed names, ISO date cells, escapes, and every kind of damage.
@Suite("Workbook reading, purpose-built")
struct WorkbookReadingTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func workbook(
        sheet: String, sharedStrings: String? = nil, styles: String? = nil, workbookPr: String = "",
        sheets: String = "<sheet name=\"Cases\" sheetId=\"1\" r:id=\"rId1\"/>", extraParts: [String: String] = [:]
    ) -> [UInt8] {
        var zip = ZipWriter()
        zip.addEntry(path: "_rels/.rels", contents: Array("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="/xl/workbook.xml"/></Relationships>
            """.utf8))
        zip.addEntry(path: "xl/workbook.xml", contents: Array("""
            <?xml version="1.0"?><workbook xmlns="\(main)" xmlns:r="\(relationships)">\(workbookPr)<sheets>\(sheets)</sheets></workbook>
            """.utf8))
        zip.addEntry(path: "xl/_rels/workbook.xml.rels", contents: Array("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(relationships)/styles" Target="styles.xml"/>\
            <Relationship Id="rId4" Type="\(relationships)/worksheet" Target="./worksheets/../worksheets/sheet2.xml"/>\
            <Relationship Id="rId5" Type="\(relationships)/chartsheet" Target="chartsheets/sheet1.xml"/>\
            <Relationship Id="rId6" Type="\(relationships)/hyperlink" Target="http://example.com" TargetMode="External"/>\
            </Relationships>
            """.utf8))
        zip.addEntry(path: "xl/worksheets/sheet1.xml", contents: Array(sheet.utf8))
        if let sharedStrings { zip.addEntry(path: "xl/sharedStrings.xml", contents: Array(sharedStrings.utf8)) }
        if let styles { zip.addEntry(path: "xl/styles.xml", contents: Array(styles.utf8)) }
        for (path, text) in extraParts.sorted(by: { $0.key < $1.key }) { zip.addEntry(path: path, contents: Array(text.utf8)) }
        return zip.finish()
    }

    static func rows(_ sheetData: String, sharedStrings: String? = nil, styles: String? = nil, workbookPr: String = "") throws -> [WorksheetRow] {
        let bytes = workbook(
            sheet: "<worksheet xmlns=\"\(main)\"><sheetData>\(sheetData)</sheetData></worksheet>",
            sharedStrings: sharedStrings, styles: styles, workbookPr: workbookPr
        )
        let workbook = try Workbook(bytes: bytes)
        return try workbook.rows(in: try workbook.defaultSheet())
    }

    static func error(_ sheetData: String, sharedStrings: String? = nil) -> WorkbookError? {
        do {
            _ = try rows(sheetData, sharedStrings: sharedStrings)
            return nil
        } catch {
            return error as? WorkbookError
        }
    }

    @Test("Inline strings, rich text without phonetic runs, escapes, ISO dates, booleans and errors")
    func cellTypes() throws {
        let rows = try Self.rows("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>Case_x000D_ref</t></is></c>\
            <c r="B1" t="inlineStr"><is><r><t>Na</t></r><r><rPr><b/></rPr><t xml:space="preserve">me </t></r><rPh sb="0" eb="1"><t>ナ</t></rPh></is></c>\
            <c r="C1" t="d"><v>2024-01-15T00:00:00Z</v></c><c r="D1" t="d"><v>2024-01-15T10:30:00.000</v></c>\
            <c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#REF!</v></c><c r="G1" t="str"><f>A1</f><v>x_x005F_x0041_</v></c>\
            <c r="H1" t="n"><v> 7 </v></c><c r="I1"><f>1+1</f></c></row>
            """)
        #expect(rows == [WorksheetRow(
            number: 1, cells: ["Case\rref", "Name ", "2024-01-15", "2024-01-15 10:30:00", "TRUE", "#REF!", "x_x0041_", "7"],
            errors: [CellError(columnIndex: 5, code: "#REF!")]
        )])
    }

    @Test("Rows and cells without references follow the previous ones; prefixed names are read")
    func positional() throws {
        let bytes = Self.workbook(sheet: """
            <x:worksheet xmlns:x="\(Self.main)"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>\
            <x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row><x:row r="4"><x:c r="C4"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>\
            <x:row><x:c><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>
            """)
        let workbook = try Workbook(bytes: bytes)
        let rows = try workbook.rows(in: try workbook.defaultSheet())
        #expect(rows == [
            WorksheetRow(number: 1, cells: ["a", "b"]), WorksheetRow(number: 4, cells: ["", "", "3", "4"]),
            WorksheetRow(number: 5, cells: ["5"]),
        ])
    }

    @Test("Date formats: built-in and custom, 1900 with its phantom leap day, and 1904")
    func dates() throws {
        let styles = """
            <styleSheet xmlns="\(Self.main)"><numFmts><numFmt numFmtId="164" formatCode="[$-809]dd\\ mmmm\\ yyyy;@"/>\
            <numFmt numFmtId="165" formatCode="0.00_m&quot;d&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm:ss"/></numFmts>\
            <cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="47"/></cellXfs></styleSheet>
            """
        let data = """
            <row r="1"><c s="1"><v>59</v></c><c s="1"><v>60</v></c><c s="1"><v>61</v></c><c s="2"><v>45306.75</v></c>\
            <c s="3"><v>2958465</v></c><c s="4"><v>45306</v></c><c s="5"><v>1.5</v></c><c s="1"><v>-1</v></c><c s="6"><v>0.0000115740740740741</v></c>\
            <c s="1"><v>1</v></c><c s="99"><v>45306</v></c></row>
            """
        #expect(try Self.rows(data, styles: styles).first?.cells == [
            "1900-02-28", "1900-02-29", "1900-03-01", "2024-01-15 18:00:00", "9999-12-31", "45306", "36:00:00", "-1",
            "00:00:01", "1900-01-01", "45306",
        ])
        #expect(try Self.rows(data, styles: styles, workbookPr: "<workbookPr date1904=\"1\"/>").first?.cells[0...3] == [
            "1904-02-29", "1904-03-01", "1904-03-02", "2028-01-16 18:00:00",
        ])
    }

    @Test("Shared strings: plain, rich and escaped, with phonetic runs left out")
    func sharedStrings() throws {
        let table = """
            <sst xmlns="\(Self.main)"><si><t>plain</t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh><t>x</t></rPh></si>\
            <si><t>a_x000A_b</t></si><si><t/></si></sst>
            """
        let rows = try Self.rows(
            "<row r=\"2\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c><c t=\"s\"><v>3</v></c><c t=\"s\"><v>1</v></c></row>",
            sharedStrings: table
        )
        #expect(rows == [WorksheetRow(number: 2, cells: ["plain", "rich", "a\nb", "", "rich"])])
    }

    @Test(
        "Damaged sheets are refused at the cell or row, without its content",
        arguments: [
            ("<row r=\"3\"/><row r=\"2\"/>", WorkbookError(.invalidReference, part: "xl/worksheets/sheet1.xml", row: 2)),
            ("<row r=\"0\"/>", WorkbookError(.invalidReference, part: "xl/worksheets/sheet1.xml")),
            ("<row r=\"1048577\"/>", WorkbookError(.invalidReference, part: "xl/worksheets/sheet1.xml", row: 1_048_577)),
            ("<row r=\"x\"/>", WorkbookError(.invalidReference, part: "xl/worksheets/sheet1.xml", row: 1)),
            (
                "<row r=\"2\"><c r=\"B2\"/><c r=\"A2\"/></row>",
                WorkbookError(.invalidReference, part: "xl/worksheets/sheet1.xml", cell: CellReference(row: 2, columnIndex: 0))
            ),
            ("<row r=\"2\"><c r=\"B3\"/></row>", WorkbookError(.invalidReference, part: "xl/worksheets/sheet1.xml", row: 2)),
            ("<row r=\"2\"><c r=\"XFE2\"/></row>", WorkbookError(.invalidReference, part: "xl/worksheets/sheet1.xml", row: 2)),
            (
                "<row><c t=\"s\"><v>5</v></c></row>",
                WorkbookError(.invalidCellValue, part: "xl/worksheets/sheet1.xml", cell: CellReference(row: 1, columnIndex: 0))
            ),
            (
                "<row><c t=\"b\"><v>2</v></c></row>",
                WorkbookError(.invalidCellValue, part: "xl/worksheets/sheet1.xml", cell: CellReference(row: 1, columnIndex: 0))
            ),
            (
                "<row><c><v>12abc</v></c></row>",
                WorkbookError(.invalidCellValue, part: "xl/worksheets/sheet1.xml", cell: CellReference(row: 1, columnIndex: 0))
            ),
            (
                // An error cell without its code (found by the workbook fuzz target, 2026-12-03).
                "<row><c t=\"str\"><v>x</v></c><c t=\"e\"><v></v></c></row>",
                WorkbookError(.invalidCellValue, part: "xl/worksheets/sheet1.xml", cell: CellReference(row: 1, columnIndex: 1))
            ),
            (
                "<row><c t=\"q\"><v>1</v></c></row>",
                WorkbookError(.unknownCellType, part: "xl/worksheets/sheet1.xml", cell: CellReference(row: 1, columnIndex: 0))
            ),
        ] as [(String, WorkbookError)]
    )
    func damaged(sheetData: String, expected: WorkbookError) {
        #expect(Self.error(sheetData) == expected)
    }

    @Test("A secret cell value never appears in a message")
    func noValuesInMessages() {
        let error = Self.error("<row><c t=\"b\"><v>SECRET</v></c></row>")
        #expect(error?.description == "xl/worksheets/sheet1.xml, cell A1: a cell's stored value does not match its type")
        let malformed = Self.error("<row><c><v>SECRET</x></c></row>")
        #expect(malformed.map { !$0.description.contains("SECRET") } == true)
    }

    @Test("Sheets: hidden ones are skipped by default; charts and missing parts are refused")
    func sheetKinds() throws {
        let bytes = Self.workbook(
            sheet: "<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>",
            sheets: """
                <sheet name="Chart" sheetId="3" r:id="rId5"/><sheet name="Hidden" sheetId="1" state="hidden" r:id="rId1"/>\
                <sheet name="Visible" sheetId="2" r:id="rId4"/>
                """
        )
        let workbook = try Workbook(bytes: bytes)
        #expect(workbook.sheets.map(\.isWorksheet) == [false, true, true])
        #expect(try workbook.defaultSheet().name == "Visible")
        #expect(try workbook.rows(in: workbook.sheet(named: "Hidden")).map(\.cells) == [["1"]])
        #expect(throws: WorkbookError(.notAWorksheet(name: "Chart"))) { try workbook.sheet(named: "chart") }
        #expect(throws: WorkbookError(.missingPart, part: "xl/worksheets/sheet2.xml")) {
            try workbook.rows(in: workbook.sheet(named: "Visible"))
        }
    }

    /// A workbook whose sheet part claims 3 GiB from 2 KB: a zip bomb.
    static func bombWorkbook() -> [UInt8] {
        var zip = ZipBuilder()
        zip.stored("_rels/.rels", """
            <Relationships xmlns="x"><Relationship Id="rId1" Type="\(Self.relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        zip.stored("xl/workbook.xml", "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        zip.stored("xl/_rels/workbook.xml.rels", """
            <Relationships><Relationship Id="rId1" Type="\(Self.relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """)
        zip.deflated("xl/worksheets/sheet1.xml", compressed: InflateTests.bomb(matches: 20), original: [])
        zip.entries[3].uncompressedSize = 3 << 30
        zip.entries[3].zip64 = true
        return zip.build()
    }

    @Test("A workbook whose sheet part is a zip bomb is refused before it is read")
    func bombInAWorkbook() throws {
        let bytes = Self.bombWorkbook()
        #expect(bytes.count < 2048)
        #expect(throws: WorkbookError(.archive(ZipError(.entryTooLarge(size: 3 << 30, limit: 2 << 30), entry: "xl/worksheets/sheet1.xml").description))) {
            try Workbook(bytes: bytes)
        }
    }

    @Test("Non-zip bytes and archives without a workbook are refused")
    func notWorkbooks() {
        #expect(throws: WorkbookError(.archive(ZipError(.notAZip).description))) { try Workbook(bytes: Array("CRN\n".utf8)) }
        var zip = ZipWriter()
        zip.addEntry(path: "readme.txt", contents: [])
        #expect(throws: WorkbookError(.missingPart, part: "xl/workbook.xml")) { try Workbook(bytes: zip.finish()) }
    }

    @Test("Cell references parse and print as the spreadsheet shows them")
    func references() {
        #expect(CellReference("F12") == CellReference(row: 12, columnIndex: 5))
        #expect(CellReference("$AA$3")?.description == "AA3")
        #expect(CellReference("XFD1048576") == CellReference(row: 1_048_576, columnIndex: 16_383))
        #expect(CellReference("XFE1") == nil)
        #expect(CellReference("A0") == nil)
        #expect(CellReference("12") == nil)
        #expect(CellReference.columnLetters(0) == "A")
        #expect(CellReference.columnLetters(25) == "Z")
        #expect(CellReference.columnLetters(26) == "AA")
        #expect(CellReference.columnLetters(701) == "ZZ")
        #expect(CellReference.columnLetters(702) == "AAA")
        #expect(CellRange("C7:A5")?.description == "A5:C7")
    }

    @Test("Numbers are written as a CSV export writes them", arguments: [
        (42.0, "42"), (-0.0, "0"), (0.1 + 0.2, "0.3"), (1.0 / 3.0, "0.333333333333333"), (123_456_789_012_345.0, "123456789012345"),
        (1e15, "1E+15"), (1e20, "1E+20"), (1e-7, "1E-07"), (0.0001, "0.0001"), (-2.5, "-2.5"), (2.0 / 3.0 * 1000, "666.666666666667"),
    ])
    func numbers(value: Double, text: String) {
        #expect(CellText.number(value) == text)
    }
}
