import NearMatch

/// An Excel workbook (`.xlsx`, Office Open XML SpreadsheetML, ECMA-376) read from its bytes, whose
/// worksheets are read row by row as the spreadsheet shows them.
///
/// ```swift
/// let workbook = try Workbook(bytes: fileBytes)
/// let sheet = try workbook.sheet(named: "Cases")          // or workbook.defaultSheet()
/// let summary = try workbook.forEachRow(in: sheet) { row in
///     // row.number: 12, row.cells[5]: column F's text
/// }
/// ```
///
/// Opening reads the package's parts that every sheet needs: the relationships from `_rels/.rels` to
/// the workbook part (normally `xl/workbook.xml`), its sheets in tab order and its date system
/// (`<workbookPr date1904="1"/>`), and, through the workbook's relationships, the shared string table
/// and the styles (which formats are dates). A worksheet is read only when asked for, decompressed and
/// parsed in 64 KiB chunks and handed over a row at a time, so memory does not grow with the sheet.
///
/// Values are written as a CSV export would write them (see ``CellText`` for numbers, dates and times):
/// shared strings, inline strings and formula strings as text, booleans as `TRUE` and `FALSE`, error
/// values as their code (`#N/A`, also listed in ``WorksheetRow/errors``), and formulas as their cached
/// result. Every problem is a ``WorkbookError`` naming the part and cell, never a cell's content.
///
/// ### Limits
///
/// The zip container is read within ``Limits/archive`` (entry count, sizes, compression ratio); the
/// parts read whole (workbook, relationships, styles, shared strings) may be at most
/// ``Limits/maximumPartSize`` bytes uncompressed, and one tag or text run at most
/// ``Limits/maximumTokenLength``.
public struct Workbook: Sendable {
    /// The bounds a workbook must stay within.
    public struct Limits: Sendable, Equatable {
        var archive = ZipArchive.Limits.default
        /// The largest workbook, relationships, styles or shared strings part, uncompressed.
        public var maximumPartSize = 512 << 20
        /// The longest tag or text run in a part (a cell holds at most 32,767 characters).
        public var maximumTokenLength = 4 << 20

        /// 512 MiB parts, 4 MiB tokens, and the zip limits of 2 GiB per entry, 8 GiB in all, 65,535
        /// entries and a compression ratio of 1,000.
        public static let `default` = Limits()

        public init() {}
    }

    /// A sheet of the workbook, in tab order.
    public struct Sheet: Sendable, Hashable {
        /// The name on the sheet's tab.
        public let name: String
        /// The position of the tab, from 0.
        public let index: Int
        /// Whether the tab is shown (not `hidden` or `veryHidden`).
        public let isVisible: Bool
        /// The zip entry of the worksheet part; nil for a chart or macro sheet, which has no cells.
        let part: String?

        /// Whether the sheet is a worksheet, with cells.
        public var isWorksheet: Bool { part != nil }
    }

    /// The sheets, in tab order.
    public let sheets: [Sheet]
    /// Whether the workbook counts dates from 1904 rather than 1900.
    public let usesDate1904: Bool
    private let archive: ZipArchive
    private let sharedStrings: [String]
    private let styles: CellStyles
    private let limits: Limits

    /// Opens the workbook in `bytes`.
    ///
    /// - Throws: ``WorkbookError`` when the bytes are not a readable zip archive, a part the workbook
    ///   needs is missing or malformed, or a limit is passed.
    public init(bytes: [UInt8], limits: Limits = .default) throws(WorkbookError) {
        self.limits = limits
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes, limits: limits.archive)
        } catch {
            throw WorkbookError(.archive(error.description))
        }
        self.archive = archive
        do {
            let rootRelationships = try WorkbookParts.relationships(of: "", in: archive, maximumSize: limits.maximumPartSize)
            let workbookPart = rootRelationships.first { $0.hasType("officeDocument") }?.target ?? "xl/workbook.xml"
            let relationships = try WorkbookParts.relationships(of: workbookPart, in: archive, maximumSize: limits.maximumPartSize)
            let described = try Self.readWorkbookPart(workbookPart, in: archive, relationships: relationships, limits: limits)
            sheets = described.sheets
            usesDate1904 = described.usesDate1904
            if let part = relationships.first(where: { $0.hasType("styles") })?.target, archive.entry(at: part) != nil {
                styles = try CellStyles.read(part: part, in: archive, maximumSize: limits.maximumPartSize)
            } else {
                styles = CellStyles()
            }
            if let part = relationships.first(where: { $0.hasType("sharedStrings") })?.target, archive.entry(at: part) != nil {
                sharedStrings = try SharedStrings.read(
                    part: part, in: archive, maximumSize: limits.maximumPartSize, maximumTokenLength: limits.maximumTokenLength
                )
            } else {
                sharedStrings = []
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            preconditionFailure("parts are read with handlers that throw only WorkbookError: \(error)")
        }
    }

    /// The sheet a reader takes when none is named: the first visible worksheet in tab order.
    ///
    /// - Throws: ``WorkbookError`` when the workbook has no worksheet.
    public func defaultSheet() throws(WorkbookError) -> Sheet {
        guard let sheet = sheets.first(where: { $0.isWorksheet && $0.isVisible }) ?? sheets.first(where: \.isWorksheet) else {
            throw WorkbookError(.noWorksheets)
        }
        return sheet
    }

    /// The sheet named `name` (as with `--sheet NAME`): an exact match, else the only one that matches
    /// ignoring case and surrounding spaces.
    ///
    /// - Throws: ``WorkbookError`` when no sheet has that name (with the nearest names as suggestions
    ///   and every sheet's name), or the sheet is a chart or macro sheet.
    public func sheet(named name: String) throws(WorkbookError) -> Sheet {
        let key = name.trimmingSpaces().lowercased()
        let folded = sheets.filter { $0.name.trimmingSpaces().lowercased() == key }
        guard let sheet = sheets.first(where: { $0.name == name }) ?? (folded.count == 1 ? folded.first : nil) else {
            let names = sheets.map(\.name)
            throw WorkbookError(.noSuchSheet(
                name: name, suggestions: EditDistance.nearMisses(to: name, among: names), available: names
            ))
        }
        guard sheet.isWorksheet else { throw WorkbookError(.notAWorksheet(name: sheet.name)) }
        return sheet
    }

    /// Reads `sheet` row by row, handing each row that the file holds to `body` in order.
    ///
    /// Rows absent from the file (blank in the spreadsheet) are skipped, so row numbers may jump; a row
    /// that is present but has no values is handed over with no cells.
    ///
    /// - Returns: the number of rows, merged ranges and declared dimension of the sheet.
    /// - Throws: ``WorkbookError`` when the sheet's part is missing or malformed, or a cell cannot be
    ///   read (rows before it have been handed over); or whatever `body` throws, which stops reading.
    @discardableResult
    public func forEachRow(in sheet: Sheet, _ body: (WorksheetRow) throws -> Void) throws -> WorksheetSummary {
        guard let part = sheet.part else { throw WorkbookError(.notAWorksheet(name: sheet.name)) }
        var reader = WorksheetReader(
            part: part, sharedStrings: sharedStrings, styles: styles, dateSystem: usesDate1904 ? .from1904 : .from1900
        )
        try WorkbookParts.parse(
            archive, part: part, maximumSize: limits.archive.maximumEntrySize, maximumTokenLength: limits.maximumTokenLength
        ) { parser, event in
            try reader.handle(&parser, event, emit: body)
        }
        return reader.summary
    }

    /// All rows of `sheet` at once, for small sheets and tests (see ``forEachRow(in:_:)``).
    ///
    /// - Throws: ``WorkbookError`` when the sheet cannot be read.
    public func rows(in sheet: Sheet) throws(WorkbookError) -> [WorksheetRow] {
        var rows: [WorksheetRow] = []
        do {
            try forEachRow(in: sheet) { rows.append($0) }
        } catch let error as WorkbookError {
            throw error
        } catch {
            preconditionFailure("the row handler above does not throw")
        }
        return rows
    }

    /// The sheets and date system from the workbook part.
    private static func readWorkbookPart(
        _ part: String, in archive: ZipArchive, relationships: [WorkbookParts.Relationship], limits: Limits
    ) throws -> (sheets: [Sheet], usesDate1904: Bool) {
        var sheets: [Sheet] = []
        var usesDate1904 = false
        try WorkbookParts.parse(archive, part: part, maximumSize: limits.maximumPartSize, maximumTokenLength: 1 << 20) { parser, event in
            guard event == .startElement else { return }
            if parser.hasLocalName("workbookPr") {
                let value = try parser.attribute("date1904")
                usesDate1904 = value == "1" || value == "true"
            } else if parser.hasLocalName("sheet") {
                guard let name = try parser.attribute("name") else { return }
                let id = try parser.attribute("id")
                let relationship = relationships.first { $0.id == id }
                let isWorksheet = relationship?.hasType("worksheet") ?? false
                let state = try parser.attribute("state")
                sheets.append(Sheet(
                    name: name, index: sheets.count, isVisible: state != "hidden" && state != "veryHidden",
                    part: isWorksheet ? relationship?.target : nil
                ))
            }
        }
        guard !sheets.isEmpty else { throw WorkbookError(.noWorksheets, part: part) }
        return (sheets, usesDate1904)
    }
}
