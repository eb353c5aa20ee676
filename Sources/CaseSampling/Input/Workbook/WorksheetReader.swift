import Foundation

/// One row of a worksheet, as the spreadsheet shows it.
///
/// `cells[0]` is column A. The row holds cells up to its last non-empty one, so rows differ in length;
/// a missing cell, an empty one and a cell with an empty string all read as "". Values are written as a
/// CSV export of the sheet would write them (see ``CellText``).
public struct WorksheetRow: Sendable, Equatable {
    /// The row number the spreadsheet shows, from 1.
    public let number: Int
    /// The cells' text, from column A.
    public let cells: [String]
    /// The cells holding an error value such as `#N/A`, whose text in ``cells`` is that code.
    public let errors: [CellError]

    public init(number: Int, cells: [String], errors: [CellError] = []) {
        self.number = number
        self.cells = cells
        self.errors = errors
    }

    /// The reference of the cell at `columnIndex` in this row (`F12`).
    public func reference(columnIndex: Int) -> CellReference {
        CellReference(row: number, columnIndex: columnIndex)
    }
}

/// A cell holding one of the spreadsheet's error values (`#N/A`, `#DIV/0!`, `#VALUE!`, `#REF!`,
/// `#NAME?`, `#NUM!`, `#NULL!`, `#GETTING_DATA`), usually a formula's cached result.
public struct CellError: Sendable, Equatable {
    /// The cell's column, from 0 (A).
    public let columnIndex: Int
    /// The error value as the spreadsheet shows it, such as `#N/A`.
    public let code: String

    public init(columnIndex: Int, code: String) {
        self.columnIndex = columnIndex
        self.code = code
    }
}

/// What a worksheet held besides its rows, known once all of it is read.
public struct WorksheetSummary: Sendable, Equatable {
    /// The rows handed over (rows absent from the file, which are blank, are not counted).
    public let rowCount: Int
    /// The merged ranges (`<mergeCell ref="A5:C7"/>`), at most the first 10,000. The value of a merged
    /// range belongs to its top-left cell; the sheet stores the other cells empty, and the reader gives
    /// them as "" like a CSV export does.
    public let mergedRanges: [CellRange]
    /// The used range the sheet declares (`<dimension ref="A1:S2001"/>`), when it does.
    public let dimension: CellRange?
}

/// The state machine that turns a worksheet part's XML events (ECMA-376 Part 1 §18.3) into rows.
///
/// Inside `<sheetData>`, each `<row r="N">` holds `<c r="F12" t="…" s="…">` cells with a `<v>` value,
/// an `<f>` formula (ignored: the cached `<v>` is used) or an `<is>` inline string. Without an `r`, a
/// row follows the previous row and a cell the previous cell. Rows must rise and cells move right,
/// as Excel requires.
struct WorksheetReader {
    let part: String
    let sharedStrings: [String]
    let styles: CellStyles
    let dateSystem: CellText.DateSystem

    static let maximumMergedRanges = 10_000

    private enum Capture { case none, value, inlineText }
    private enum CellType { case number, sharedString, formulaString, inlineString, boolean, error, isoDate }

    private var isInSheetData = false
    private var isInRow = false
    private var rowNumber = 0
    private var cells: [String] = []
    private var errors: [CellError] = []
    private var isInCell = false
    private var cellColumn = 0
    /// The column after the previous cell of the row, where a cell without a reference goes.
    private var nextColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var value: [UInt8] = []
    private var hasValue = false
    private var inlineText: [UInt8] = []
    private var hasInlineText = false
    private var capture = Capture.none
    private var isInInlineString = false
    private var phoneticDepth = 0

    private(set) var rowCount = 0
    private(set) var mergedRanges: [CellRange] = []
    private(set) var dimension: CellRange?

    init(part: String, sharedStrings: [String], styles: CellStyles, dateSystem: CellText.DateSystem) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
    }

    var summary: WorksheetSummary {
        WorksheetSummary(rowCount: rowCount, mergedRanges: mergedRanges, dimension: dimension)
    }

    /// Takes one event; calls `emit` when it ends a row.
    mutating func handle(
        _ parser: inout XMLPullParser, _ event: XMLPullParser.Event, emit: (WorksheetRow) throws -> Void
    ) throws {
        switch event {
        case .text:
            switch capture {
            case .none: return
            case .value: value.append(contentsOf: try parser.textBytes())
            case .inlineText: inlineText.append(contentsOf: try parser.textBytes())
            }
        case .startElement:
            if isInCell {
                if parser.hasLocalName("v") {
                    capture = .value
                    hasValue = true
                } else if parser.hasLocalName("is") {
                    isInInlineString = true
                    hasInlineText = true
                } else if parser.hasLocalName("rPh") {
                    phoneticDepth += 1
                } else if isInInlineString && phoneticDepth == 0 && parser.hasLocalName("t") {
                    capture = .inlineText
                }
            } else if isInRow {
                if parser.hasLocalName("c") { try startCell(parser) }
            } else if isInSheetData {
                if parser.hasLocalName("row") { try startRow(parser) }
            } else if parser.hasLocalName("sheetData") {
                isInSheetData = true
            } else if parser.hasLocalName("mergeCell") {
                if mergedRanges.count < Self.maximumMergedRanges, let ref = try parser.attribute("ref"), let range = CellRange(ref) {
                    mergedRanges.append(range)
                }
            } else if parser.hasLocalName("dimension") {
                dimension = try parser.attribute("ref").flatMap(CellRange.init)
            }
        case .endElement:
            if isInCell {
                if parser.hasLocalName("c") {
                    try endCell()
                } else if parser.hasLocalName("v") || parser.hasLocalName("t") {
                    capture = .none
                } else if parser.hasLocalName("is") {
                    isInInlineString = false
                } else if parser.hasLocalName("rPh") {
                    phoneticDepth -= 1
                }
            } else if isInRow {
                if parser.hasLocalName("row") { try endRow(emit) }
            } else if isInSheetData && parser.hasLocalName("sheetData") {
                isInSheetData = false
            }
        }
    }

    // MARK: Rows and cells

    private mutating func startRow(_ parser: XMLPullParser) throws {
        var number = rowNumber + 1
        if let text = try parser.attributeBytes("r") {
            guard let parsed = Self.integer(text) else { throw WorkbookError(.invalidReference, part: part, row: rowNumber + 1) }
            number = parsed
        }
        guard number > rowNumber, number <= CellReference.maximumRow else {
            throw WorkbookError(.invalidReference, part: part, row: number <= 0 ? nil : number)
        }
        rowNumber = number
        isInRow = true
        cells.removeAll(keepingCapacity: true)
        errors.removeAll(keepingCapacity: true)
        nextColumn = 0
    }

    private mutating func endRow(_ emit: (WorksheetRow) throws -> Void) throws {
        isInRow = false
        while let last = cells.last, last.isEmpty { cells.removeLast() }
        rowCount += 1
        try emit(WorksheetRow(number: rowNumber, cells: cells, errors: errors))
    }

    private mutating func startCell(_ parser: XMLPullParser) throws {
        var column = nextColumn
        if let text = try parser.attributeBytes("r") {
            guard let parsed = CellReference.parse(text), parsed.row == nil || parsed.row == rowNumber else {
                throw WorkbookError(.invalidReference, part: part, row: rowNumber)
            }
            column = parsed.columnIndex
        }
        let reference = CellReference(row: rowNumber, columnIndex: column)
        guard column >= nextColumn, column < CellReference.maximumColumnCount else {
            throw WorkbookError(.invalidReference, part: part, cell: reference)
        }
        cellColumn = column
        cellType = .number
        if let type = try parser.attributeBytes("t") {
            guard let known = Self.cellType(type) else { throw WorkbookError(.unknownCellType, part: part, cell: reference) }
            cellType = known
        }
        cellStyle = 0
        if let style = try parser.attributeBytes("s") {
            guard let index = Self.integer(style) else { throw WorkbookError(.invalidCellValue, part: part, cell: reference) }
            cellStyle = index
        }
        value.removeAll(keepingCapacity: true)
        inlineText.removeAll(keepingCapacity: true)
        hasValue = false
        hasInlineText = false
        capture = .none
        isInInlineString = false
        phoneticDepth = 0
        isInCell = true
    }

    private mutating func endCell() throws {
        isInCell = false
        capture = .none
        nextColumn = cellColumn + 1
        let text = try cellText()
        guard !text.isEmpty else { return }
        while cells.count < cellColumn { cells.append("") }
        cells.append(text)
    }

    /// The finished cell's text (see ``CellText``).
    private mutating func cellText() throws -> String {
        let reference = CellReference(row: rowNumber, columnIndex: cellColumn)
        if cellType == .inlineString || (!hasValue && hasInlineText) {
            return try string(CellText.decodingEscapes(inlineText[...]), at: reference)
        }
        guard hasValue else { return "" }
        switch cellType {
        case .sharedString:
            guard let index = Self.integer(value[...]), index < sharedStrings.count else {
                throw WorkbookError(.invalidCellValue, part: part, cell: reference)
            }
            return sharedStrings[index]
        case .formulaString, .inlineString:
            return try string(CellText.decodingEscapes(value[...]), at: reference)
        case .boolean:
            switch value {
            case [UInt8(ascii: "1")]: return "TRUE"
            case [UInt8(ascii: "0")]: return "FALSE"
            default: throw WorkbookError(.invalidCellValue, part: part, cell: reference)
            }
        case .error:
            // A spreadsheet always writes the code (#N/A, #DIV/0!, …); without one the cell is damaged.
            let code = try string(value[...], at: reference)
            guard !code.isEmpty else { throw WorkbookError(.invalidCellValue, part: part, cell: reference) }
            errors.append(CellError(columnIndex: cellColumn, code: code))
            return code
        case .isoDate:
            return CellText.isoDate(try string(value[...], at: reference))
        case .number:
            return try numberText(at: reference)
        }
    }

    private func numberText(at reference: CellReference) throws -> String {
        let kind = styles.kind(ofStyle: cellStyle)
        // Fast path: a plain integer of up to 15 digits is already written as the reader writes it.
        if kind == .number, value.count <= 15, let first = value.first, first != UInt8(ascii: "0") || value.count == 1,
            value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        {
            return String(decoding: value, as: UTF8.self)
        }
        let text = String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return "" }
        guard let number = Double(text) else { throw WorkbookError(.invalidCellValue, part: part, cell: reference) }
        if kind != .number, let date = CellText.date(serial: number, system: dateSystem, kind: kind) {
            return date
        }
        return CellText.number(number)
    }

    private func string(_ bytes: ArraySlice<UInt8>, at reference: CellReference) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw WorkbookError(.malformedXML("a cell's text is not valid UTF-8"), part: part, cell: reference)
        }
        return text
    }

    private static func cellType(_ bytes: ArraySlice<UInt8>) -> CellType? {
        switch Array(bytes) {
        case Array("n".utf8): .number
        case Array("s".utf8): .sharedString
        case Array("str".utf8): .formulaString
        case Array("inlineStr".utf8): .inlineString
        case Array("b".utf8): .boolean
        case Array("e".utf8): .error
        case Array("d".utf8): .isoDate
        default: nil
        }
    }

    /// A non-negative decimal integer of at most 9 digits, or nil.
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
