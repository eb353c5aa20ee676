/// Builds the bytes of an Excel workbook (`.xlsx`) of text sheets, such as `provisional.xlsx` with the
/// sample on one sheet and the substitutes on another.
///
/// ```swift
/// var workbook = WorkbookWriter()
/// try workbook.addSheet(named: "Sample", header: ["CRN", "Unit"], rows: [["N000123", "Brighton"]])
/// try workbook.addSheet(named: "Substitutes", header: ["CRN", "Unit"], rows: [])
/// let bytes = workbook.bytes()    // the same sheets always give the same bytes
/// ```
///
/// ### What the file holds
///
/// The minimal parts Excel, LibreOffice and openpyxl open without complaint (ECMA-376 Part 1):
/// `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml` and its relationships, `xl/styles.xml` and
/// one `xl/worksheets/sheetN.xml` per sheet, in a zip whose entries are stored uncompressed
/// (``ZipWriter``), with no document properties. Nothing comes from the clock or the machine, so the
/// bytes depend only on the sheets, and `verify` can re-derive them.
///
/// - Every non-empty cell is an inline string (`t="inlineStr"`) with the text number format `@`: a
///   case reference such as `00123` or `1E5` stays text, never a number in scientific notation, and a
///   cell starting with `=` is text, never a formula (so, unlike ``CSVWriter``, nothing is
///   neutralised). Empty strings are left out, as empty cells.
/// - The header row is bold, frozen (`<pane ySplit="1" topLeftCell="A2" state="frozen"/>`) and
///   filtered: `<autoFilter>` spans the header and every row, as Excel writes it, with the
///   `_xlnm._FilterDatabase` defined name Excel expects beside it.
/// - Column widths fit the content (see ``columnWidths(header:rows:)``).
///
/// ### Text
///
/// Text is escaped for XML (`&amp;`, `&lt;`, `&gt;`). Characters XML 1.0 cannot hold (control
/// characters other than tab, line feed and carriage return, and U+FFFE, U+FFFF) are written with
/// OOXML's own escape `_xHHHH_` (ECMA-376 Part 1 §22.9.2.19), which Excel and ``Workbook`` decode back;
/// an underscore that would otherwise start such an escape is written `_x005F_`. Leading or trailing
/// white space is kept with `xml:space="preserve"`. Excel holds at most 32,767 characters in a cell;
/// longer text is written whole, and Excel may then refuse the file.
public struct WorkbookWriter: Sendable {
    private var sheets: [(name: String, header: [String], rows: [[String]])] = []

    /// A workbook with no sheets yet.
    public init() {}

    /// Adds a sheet after the others.
    ///
    /// - Parameters:
    ///   - name: the tab's name: 1 to 31 characters, none of `: \ / ? * [ ]`, not starting or ending
    ///     with `'`, not `History`, and unlike the other sheets' names ignoring case.
    ///   - header: the header row's cells, from column A.
    ///   - rows: the rows below it; a row may be shorter or longer than the header.
    /// - Throws: ``SheetNameError`` when the name is not one Excel accepts.
    public mutating func addSheet(named name: String, header: [String], rows: [[String]]) throws(SheetNameError) {
        if let problem = Self.problem(withSheetName: name, existing: sheets.map(\.name)) {
            throw SheetNameError(name: name, problem: problem)
        }
        sheets.append((name, header, rows))
    }

    /// A sheet name Excel does not accept, and why.
    public struct SheetNameError: Error, Equatable, Sendable, CustomStringConvertible {
        public let name: String
        public let problem: String
        public var description: String { "cannot name a worksheet \"\(name)\": \(problem)" }
    }

    /// The workbook's bytes.
    ///
    /// - Precondition: at least one sheet was added.
    public func bytes() -> [UInt8] {
        precondition(!sheets.isEmpty, "a workbook needs at least one sheet")
        var zip = ZipWriter()
        zip.addEntry(path: "[Content_Types].xml", contents: contentTypes())
        zip.addEntry(path: "_rels/.rels", contents: Array(Self.rootRelationships.utf8))
        zip.addEntry(path: "xl/workbook.xml", contents: workbookPart())
        zip.addEntry(path: "xl/_rels/workbook.xml.rels", contents: workbookRelationships())
        zip.addEntry(path: "xl/styles.xml", contents: Array(Self.styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            zip.addEntry(
                path: "xl/worksheets/sheet\(index + 1).xml",
                contents: Self.worksheet(header: sheet.header, rows: sheet.rows, isSelected: index == 0)
            )
        }
        return zip.finish()
    }

    /// The width of each column, in Excel's unit (the width of a digit of the default font): the most
    /// characters (extended grapheme clusters) in any of the column's cells, counting three more for
    /// the header's filter button, plus one for padding; at least 8 and at most 60.
    ///
    /// `["CRN"]` over `["N000123"]` gives max(3 + 3, 7) + 1 = 8. Wide characters (CJK) count as one,
    /// so such columns come out narrower than their text.
    public static func columnWidths(header: [String], rows: [[String]]) -> [Int] {
        let columnCount = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columnCount)
        for (index, cell) in header.enumerated() { widths[index] = cell.count + 3 }
        for row in rows {
            for (index, cell) in row.enumerated() where widths[index] < 60 { widths[index] = max(widths[index], cell.count) }
        }
        return widths.map { min(60, max(8, $0 + 1)) }
    }

    // MARK: Parts

    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private func contentTypes() -> [UInt8] {
        var xml = Self.declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for index in sheets.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "</Types>"
        return Array(xml.utf8)
    }

    private static let rootRelationships = declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipsNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    private func workbookPart() -> [UInt8] {
        var xml = Self.declaration
        xml += "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipsNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(Self.escaped(sheet.name, isAttribute: true))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        let filtered = sheets.enumerated().filter { !$0.element.header.isEmpty }
        if !filtered.isEmpty {
            xml += "<definedNames>"
            for (index, sheet) in filtered {
                let range = Self.filterRange(header: sheet.header, rows: sheet.rows)
                let absolute = "$" + CellReference.columnLetters(range.last.columnIndex)
                let reference = "'\(sheet.name.replacingApostrophes())'!$A$1:\(absolute)$\(range.last.row)"
                xml += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                xml += Self.escaped(reference, isAttribute: false) + "</definedName>"
            }
            xml += "</definedNames>"
        }
        xml += "</workbook>"
        return Array(xml.utf8)
    }

    private func workbookRelationships() -> [UInt8] {
        var xml = Self.declaration
        xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in sheets.indices {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipsNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.relationshipsNamespace)/styles\" Target=\"styles.xml\"/>"
        xml += "</Relationships>"
        return Array(xml.utf8)
    }

    /// Style 0: default; 1: header (bold, text format `@`, id 49); 2: data (text format).
    private static let styles = declaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// The header and every row, as the range the filter and the dimension cover.
    private static func filterRange(header: [String], rows: [[String]]) -> CellRange {
        let columnCount = max(1, header.count, rows.map(\.count).max() ?? 0)
        return CellRange(first: CellReference(row: 1, columnIndex: 0), last: CellReference(row: rows.count + 1, columnIndex: columnCount - 1))
    }

    private static func worksheet(header: [String], rows: [[String]], isSelected: Bool) -> [UInt8] {
        let range = filterRange(header: header, rows: rows)
        var xml = declaration
        xml += "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
        xml += "<dimension ref=\"\(range)\"/>"
        xml += "<sheetViews><sheetView \(isSelected ? "tabSelected=\"1\" " : "")workbookViewId=\"0\">"
        xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = columnWidths(header: header, rows: rows)
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        var bytes = Array(xml.utf8)
        bytes += Array("<sheetData>".utf8)
        appendRow(header, number: 1, style: 1, to: &bytes)
        for (index, row) in rows.enumerated() { appendRow(row, number: index + 2, style: 2, to: &bytes) }
        bytes += Array("</sheetData>".utf8)
        if !header.isEmpty { bytes += Array("<autoFilter ref=\"\(range)\"/>".utf8) }
        bytes += Array("</worksheet>".utf8)
        return bytes
    }

    private static func appendRow(_ cells: [String], number: Int, style: Int, to bytes: inout [UInt8]) {
        bytes += Array("<row r=\"\(number)\">".utf8)
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            let reference = CellReference.columnLetters(index) + String(number)
            let preserve = cell.first?.isWhitespace == true || cell.last?.isWhitespace == true
            bytes += Array("<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t\(preserve ? " xml:space=\"preserve\"" : "")>".utf8)
            bytes += Array(escaped(cell, isAttribute: false).utf8)
            bytes += Array("</t></is></c>".utf8)
        }
        bytes += Array("</row>".utf8)
    }

    /// `text` escaped for XML character data or a double-quoted attribute, with characters XML 1.0
    /// cannot hold written as `_xHHHH_` (see the type's discussion).
    static func escaped(_ text: String, isAttribute: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where isAttribute: output += "&quot;"
            case "\t", "\n", "\r":
                output += isAttribute ? "&#\(scalar.value);" : String(scalar)
            case "_" where startsEscape(scalars, at: index):
                output += "_x005F_"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// Whether the `_` at `index` starts `_xHHHH_`, which a reader would decode.
    private static func startsEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)..<(index + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// Why Excel would refuse `name` as a sheet name beside `existing`, or nil.
    static func problem(withSheetName name: String, existing: [String]) -> String? {
        if name.isEmpty { return "a sheet name cannot be empty" }
        if name.count > 31 { return "a sheet name has at most 31 characters" }
        if let bad = name.first(where: { ":\\/?*[]".contains($0) }) { return "a sheet name cannot contain '\(bad)'" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "a sheet name cannot start or end with an apostrophe" }
        if name.lowercased() == "history" { return "Excel reserves the name History" }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) { return "another sheet already has this name" }
        return nil
    }
}

extension String {
    /// The name with each `'` doubled, for a quoted sheet name in a formula.
    fileprivate func replacingApostrophes() -> String {
        contains("'") ? split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") : self
    }
}
