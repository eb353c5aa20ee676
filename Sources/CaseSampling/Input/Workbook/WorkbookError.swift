/// A workbook that cannot be read, or a sheet or cell in it: what is wrong and where (the part, the
/// sheet, the cell as `F12`), never what a cell holds.
public struct WorkbookError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The zip container is damaged, encrypted, or breaks a limit; the detail says how.
        case archive(String)
        /// A part the workbook needs is missing.
        case missingPart
        /// A part's XML cannot be read; the detail says what and at which byte.
        case malformedXML(String)
        /// A part is larger than the reader keeps in memory.
        case partTooLarge(limit: Int)
        /// The workbook has no worksheet.
        case noWorksheets
        /// No sheet has the name asked for; `suggestions` are near misses, `available` all the sheets' names.
        case noSuchSheet(name: String, suggestions: [String], available: [String])
        /// The sheet asked for is a chart or another kind of sheet without cells.
        case notAWorksheet(name: String)
        /// A cell reference or row number that is malformed, out of order or out of bounds.
        case invalidReference
        /// A cell whose stored value does not fit its type (a boolean other than 0 or 1, a number that is
        /// not one, a shared string index past the table).
        case invalidCellValue
        /// A cell type this reader does not know.
        case unknownCellType
    }

    public let kind: Kind
    /// The zip entry concerned, such as `xl/worksheets/sheet1.xml`.
    public let part: String?
    /// The cell or row concerned.
    public let cell: CellReference?
    /// A row number, for problems of a whole row.
    public let row: Int?

    init(_ kind: Kind, part: String? = nil, cell: CellReference? = nil, row: Int? = nil) {
        self.kind = kind
        self.part = part
        self.cell = cell
        self.row = row
    }

    public var description: String {
        var location = ""
        if let part { location += "\(part)" }
        if let cell { location += location.isEmpty ? "cell \(cell)" : ", cell \(cell)" } else if let row {
            location += location.isEmpty ? "row \(row)" : ", row \(row)"
        }
        let what: String
        switch kind {
        case .archive(let detail): what = "the workbook's zip container cannot be read: \(detail)"
        case .missingPart: what = "a part the workbook needs is missing; save it again from the spreadsheet program"
        case .malformedXML(let detail): what = "the workbook's XML cannot be read: \(detail)"
        case .partTooLarge(let limit): what = "the part is larger than the limit of \(limit) bytes"
        case .noWorksheets: what = "the workbook has no worksheet"
        case .noSuchSheet(let name, let suggestions, let available):
            let listed = available.map { "\"\($0)\"" }.joined(separator: ", ")
            if let best = suggestions.first {
                what = "the workbook has no sheet named \"\(name)\" (did you mean \"\(best)\"?); its sheets are \(listed)"
            } else {
                what = "the workbook has no sheet named \"\(name)\"; its sheets are \(listed)"
            }
        case .notAWorksheet(let name): what = "sheet \"\(name)\" is a chart or macro sheet, not a worksheet with cells"
        case .invalidReference: what = "a cell reference or row number is malformed, out of order or out of bounds"
        case .invalidCellValue: what = "a cell's stored value does not match its type"
        case .unknownCellType: what = "a cell has a type this reader does not know"
        }
        return location.isEmpty ? what : "\(location): \(what)"
    }
}
