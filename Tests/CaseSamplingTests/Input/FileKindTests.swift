import Testing

@testable import CaseSampling

@Suite("File kinds from signatures")
struct FileKindTests {
    static func zip(_ names: [String], mimetype: String? = nil) -> [UInt8] {
        var zip = ZipWriter()
        if let mimetype { zip.addEntry(path: "mimetype", contents: Array(mimetype.utf8)) }
        for name in names { zip.addEntry(path: name, contents: Array("<x/>".utf8)) }
        return zip.finish()
    }

    static let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)

    @Test(
        "Each signature is recognised",
        arguments: [
            (Array("CRN,Name\r\nN1,Siân\r\n".utf8), FileKind.text),
            ([0xEF, 0xBB, 0xBF] + Array("CRN,Name\n".utf8), .text),
            ([0xFF, 0xFE, 0x43, 0x00, 0x52, 0x00], .text),
            ([0x43, 0x52, 0x4E, 0xE9, 0x0A], .text),
            ([], .text),
            (zip(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]), .xlsx),
            (zip(["[Content_Types].xml", "_rels/.rels"]), .xlsx),
            (zip(["[Content_Types].xml", "xl/workbook.bin"]), .xlsb),
            (zip(["content.xml"], mimetype: "application/vnd.oasis.opendocument.spreadsheet"), .ods),
            (zip(["content.xml"], mimetype: "application/vnd.oasis.opendocument.text"), .otherZip("an OpenDocument file")),
            (zip(["[Content_Types].xml", "word/document.xml"]), .otherZip("a Word document (.docx)")),
            (zip(["cases.csv"]), .otherZip(nil)),
            (ole2, .legacyOffice),
            (ole2 + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), .encryptedWorkbook),
            (Array("  \r\n<HTML xmlns:o=\"urn:schemas-microsoft-com:office:office\">".utf8), .html),
            ([0xEF, 0xBB, 0xBF] + Array("<!DOCTYPE html><html>".utf8), .html),
            (Array("<table><tr><td>CRN</td></tr></table>".utf8), .html),
            (Array("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook>".utf8), .spreadsheetML2003),
            ([0x1F, 0x8B, 0x08, 0x00, 0x00], .gzip),
            (Array("%PDF-1.7\n".utf8), .pdf),
            ([0xFF, 0xFE, 0x00, 0x00, 0x43, 0x00, 0x00, 0x00], .utf32),
            ([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x43], .utf32),
            (Array("CRN,Name\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), .utf16WithoutByteOrderMark),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], .binary),
            (Array(repeating: 0x01, count: 10) + Array("CRN,Name\n".utf8), .binary),
        ] as [([UInt8], FileKind)]
    )
    func identifies(bytes: [UInt8], kind: FileKind) {
        #expect(FileKind.identify(bytes) == kind)
    }

    @Test("A LibreOffice workbook is an xlsx")
    func libreOfficeWorkbook() throws {
        #expect(FileKind.identify(try TestResources.bytes("workbooks/cell-types.xlsx")) == .xlsx)
    }

    @Test("Refusals are one line that says what the file is and how to save it")
    func refusals() {
        #expect(FileKind.text.refusal == nil)
        #expect(FileKind.xlsx.refusal == nil)
        #expect(FileKind.legacyOffice.refusal(file: "cases.xls") == """
            cases.xls: error: this is an Excel 97–2003 workbook (.xls) or another legacy Office file, which casesample cannot read; \
            open it in Excel or LibreOffice Calc and save it as "CSV UTF-8 (Comma delimited) (.csv)" or "Excel Workbook (.xlsx)"
            """)
        let kinds: [FileKind] = [
            .xlsb, .ods, .otherZip(nil), .otherZip("a Word document (.docx)"), .legacyOffice, .encryptedWorkbook, .html,
            .spreadsheetML2003, .gzip, .pdf, .utf32, .utf16WithoutByteOrderMark, .binary,
        ]
        for kind in kinds {
            let message = kind.refusal ?? ""
            #expect(message.hasPrefix("this "), "\(kind)")
            #expect(!message.contains("\n"), "\(kind)")
        }
    }
}
