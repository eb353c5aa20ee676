import Foundation

/// Where a long list comes from: a CSV file, an Excel workbook (`.xlsx`), or standard input (`-`),
/// told apart by the file's first bytes (``FileKind``), never by its name.
///
/// ```swift
/// let source = try LongListSource(path: "cases.xlsx", sheet: "Cases")   // or "-" for standard input
/// let list = try source.read(columns: spec.columnRequests)
/// // list.problems cite spreadsheet rows and column letters: cases.xlsx:12:F: error: … (column F "RoSH")
/// ```
///
/// A CSV file is read from disk by ``LongListReader`` as it always was, never held whole. A workbook
/// is read whole, its sheet (the first visible worksheet, or the one named) rendered in memory as the
/// CSV a spreadsheet program would export (UTF-8, comma, CRLF; see ``Workbook``) and that CSV read by
/// the same reader, so a list gives the same rows and the same draw as `.xlsx`, CSV UTF-8 or CSV
/// Windows-1252. Rows absent from the sheet become blank lines, so that the CSV's line *n* is, in a
/// sheet whose header is on row 1 and whose cells hold no line breaks, the sheet's row *n*; in any
/// case problems are translated back to the sheet's rows and column letters. Standard input is read
/// once, whole, and then treated as a file with those bytes.
///
/// Files the reader cannot take (`.xls`, `.ods`, HTML saved as `.xls`, PDF, …) are refused with a
/// ``ReadProblem/Kind/unreadableFormat`` problem saying what the file is and how to save it.
public struct LongListSource: Sendable {
    /// What the bytes are.
    public enum Format: String, Sendable, Codable {
        case csv
        case xlsx
    }

    /// The path as given, or `-` for standard input.
    public let path: String
    /// The name problems cite: the path, or `<stdin>`.
    public let name: String
    public let format: Format
    /// The worksheet read, for a workbook.
    public let sheet: String?
    /// The input's bytes when they are held in memory (standard input, workbooks); nil for a CSV file
    /// read from disk.
    let original: [UInt8]?
    /// The CSV rendering of a workbook's sheet.
    let rendered: RenderedSheet?

    /// The argument that names standard input.
    public static let standardInputPath = "-"
    /// How problems name standard input.
    public static let standardInputName = "<stdin>"

    /// Whether the list came from standard input.
    public var isStandardInput: Bool { path == Self.standardInputPath }

    /// Opens the long list at `path` (`-`: reads standard input to its end).
    ///
    /// - Parameter sheet: the worksheet to read from a workbook (as `--sheet`); nil for the first visible
    ///   one. Ignored for CSV.
    /// - Throws: ``LongListError`` when the file cannot be opened, is of a kind the reader cannot take,
    ///   or is a workbook that cannot be read or lacks the sheet.
    public init(path: String, sheet: String? = nil) throws(LongListError) {
        if path == Self.standardInputPath {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            try self.init(bytes: [UInt8](data), path: path, sheet: sheet)
            return
        }
        let source = try ByteSource(path: path)
        let kind = FileKind.identify(source.bytes(in: 0..<min(source.count, FileKind.prefixLength)))
        if kind == .text {
            self.init(path: path, name: path, format: .csv, sheet: nil, original: nil, rendered: nil)
            return
        }
        try self.init(bytes: source.bytes(in: 0..<source.count), path: path, sheet: sheet, kind: kind)
    }

    /// A long list whose bytes are in memory; `path` names it (`-` for standard input).
    ///
    /// - Throws: as ``init(path:sheet:)``.
    public init(bytes: [UInt8], path: String, sheet: String? = nil) throws(LongListError) {
        try self.init(bytes: bytes, path: path, sheet: sheet, kind: FileKind.identify(bytes.prefix(FileKind.prefixLength)))
    }

    private init(bytes: [UInt8], path: String, sheet: String?, kind: FileKind) throws(LongListError) {
        let name = path == Self.standardInputPath ? Self.standardInputName : path
        if let refusal = kind.refusal {
            throw LongListError(ReadProblem(.unreadableFormat, file: name, message: refusal))
        }
        guard kind == .xlsx else {
            self.init(path: path, name: name, format: .csv, sheet: nil, original: bytes, rendered: nil)
            return
        }
        do {
            let workbook = try Workbook(bytes: bytes)
            let chosen = try sheet.map { name throws(WorkbookError) in try workbook.sheet(named: name) } ?? workbook.defaultSheet()
            let rendered = try RenderedSheet(workbook: workbook, sheet: chosen)
            self.init(path: path, name: name, format: .xlsx, sheet: chosen.name, original: bytes, rendered: rendered)
        } catch let error as WorkbookError {
            throw LongListError(ReadProblem(.unreadableFormat, file: name, message: "the workbook cannot be read: \(error.description)"))
        } catch {
            throw LongListError(ReadProblem(.unreadableFormat, file: name, message: "the workbook cannot be read: \(error)"))
        }
    }

    private init(path: String, name: String, format: Format, sheet: String?, original: [UInt8]?, rendered: RenderedSheet?) {
        self.path = path
        self.name = name
        self.format = format
        self.sheet = sheet
        self.original = original
        self.rendered = rendered
    }

    /// Size of the input in bytes (the workbook's, not its CSV rendering's).
    public var byteCount: Int {
        get throws(LongListError) {
            if let original { return original.count }
            return try ByteSource(path: path).count
        }
    }

    /// The input's SHA-256, in hexadecimal: of the bytes read from standard input, of the workbook
    /// file, or of the CSV file (read again from disk).
    public func sha256() throws -> String {
        if let original { return SHA256.hexDigest(original) }
        return try SHA256.hexDigest(ofFileAt: path)
    }

    /// Reads the list with ``LongListReader``, then applies `input`: the `--column` mappings before,
    /// and after, the trailing totals rows skipped (``FooterRows``) and the date columns read
    /// (``DateColumns``). For a workbook the delimiter is always a comma, and every problem's line and
    /// column, and every value's first line, are the sheet's row and column letter.
    ///
    /// - Throws: ``LongListError`` as ``LongListReader/read(path:columns:options:)`` does, with one
    ///   problem for all missing columns; ``ColumnMappingError`` when a `--column` names no role.
    public func read(
        columns requests: [ColumnRequest], options: ReadOptions = ReadOptions(), input: InputOptions = InputOptions()
    ) throws -> LongList {
        let columns = try ColumnMapping.apply(input.columns, to: requests)
        var options = options
        if rendered != nil { options.delimiter = UInt8(ascii: ",") }
        var list: LongList
        do {
            list = try readCSV(columns: columns, options: options, prefix: nil)
        } catch {
            throw translated(missingColumns(error, columns: columns, options: options))
        }
        let referenceRole = columns.first { $0.storage == .caseReference }?.role
        let footer = list.trailingFooterRows(referenceRole: referenceRole)
        if let first = footer.first {
            let lines = list.physicalLines(of: footer)
            let end = list.offset(ofLine: lines[0], startingAtOrBefore: first)
            let whole = list
            do {
                list = try readCSV(columns: columns, options: options, prefix: whole.source.bytes(in: 0..<end))
            } catch {
                throw translated(error)
            }
            list.byteCount = whole.byteCount
            list.encoding = whole.encoding
            for line in lines {
                list.problems.append(ReadProblem(
                    .footerRow, .warning, file: name, line: line,
                    message: "a totals row (no case reference; only totals words and numbers) at the end of the list: skipped"))
            }
        }
        list.readDates(roles: input.dateRoles, order: input.dateOrder, date1904: rendered?.usesDate1904 ?? false)
        rendered?.translate(&list)
        return list
    }

    /// The rows of a workbook's sheet, the bytes of standard input, or the file; only the first `prefix`
    /// bytes when given (of the bytes the reader read).
    private func readCSV(columns: [ColumnRequest], options: ReadOptions, prefix: [UInt8]?) throws(LongListError) -> LongList {
        if let bytes = prefix ?? rendered?.csv ?? original {
            return try LongListReader.read(bytes: bytes, file: name, columns: columns, options: options)
        }
        return try LongListReader.read(path: path, columns: columns, options: options)
    }

    /// `error` with its missing-column problems made one (``combinedMissingColumns(_:columns:headers:headerLine:)``).
    private func missingColumns(_ error: LongListError, columns: [ColumnRequest], options: ReadOptions) -> LongListError {
        guard error.problems.contains(where: { $0.kind == .missingColumn }) else { return error }
        let source: ByteSource
        if let bytes = rendered?.csv ?? original { source = ByteSource(bytes: bytes) } else {
            guard let file = try? ByteSource(path: path) else { return error }
            source = file
        }
        guard let head = try? LongListReader.Head.read(source: source, file: name, delimiter: options.delimiter) else { return error }
        return combinedMissingColumns(error, columns: columns, headers: head.headers, headerLine: head.headerLine)
    }

    private func translated(_ error: LongListError) -> LongListError {
        guard let rendered else { return error }
        return LongListError(problems: error.problems.map(rendered.translate))
    }
}

/// What to read of a long list beyond its CSV dialect: which sheet, which columns, which date order.
public struct InputOptions: Sendable, Equatable {
    /// `--sheet`: the worksheet of a workbook; nil for the first visible one.
    public var sheet: String?
    /// `--column role=header`, in the order given.
    public var columns: [ColumnMapping]
    /// `--date-order`; nil detects each date column's order.
    public var dateOrder: DateOrder?
    /// The roles whose columns hold dates (from the spec).
    public var dateRoles: [String]

    public init(sheet: String? = nil, columns: [ColumnMapping] = [], dateOrder: DateOrder? = nil, dateRoles: [String] = []) {
        self.sheet = sheet
        self.columns = columns
        self.dateOrder = dateOrder
        self.dateRoles = dateRoles
    }
}

/// A worksheet rendered as CSV, with each CSV line's spreadsheet row.
struct RenderedSheet: Sendable {
    /// UTF-8, comma-separated, CRLF, quoted where a cell holds a comma, a quote or a line break.
    let csv: [UInt8]
    /// The sheet row of each CSV physical line (index 0 is line 1).
    let rowOfLine: [Int]
    /// Whether the workbook counts dates from 1904.
    let usesDate1904: Bool

    init(workbook: Workbook, sheet: Workbook.Sheet) throws {
        var csv: [UInt8] = []
        var rowOfLine: [Int] = []
        var width = 0
        var lastRow = 0
        try workbook.forEachRow(in: sheet) { row in
            if rowOfLine.isEmpty {
                // The header: the first row with a value; blank rows above it are left out.
                guard row.cells.contains(where: { !$0.isEmpty }) else { return }
                width = row.cells.count
            } else {
                for blank in (lastRow + 1)..<row.number {
                    csv += [0x0D, 0x0A]
                    rowOfLine.append(blank)
                }
            }
            lastRow = row.number
            let cells = row.cells.count < width ? row.cells + Array(repeating: "", count: width - row.cells.count) : row.cells
            var lineBreaks = 0
            for (index, cell) in cells.enumerated() {
                if index > 0 { csv.append(UInt8(ascii: ",")) }
                lineBreaks += Self.append(cell, to: &csv)
            }
            csv += [0x0D, 0x0A]
            rowOfLine += Array(repeating: row.number, count: lineBreaks + 1)
        }
        self.csv = csv
        self.rowOfLine = rowOfLine
        usesDate1904 = workbook.usesDate1904
    }

    /// Appends `cell`, quoted if it must be; returns the physical line breaks it holds (CRLF counting once).
    private static func append(_ cell: String, to csv: inout [UInt8]) -> Int {
        let bytes = Array(cell.utf8)
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            csv += bytes
            return 0
        }
        var breaks = 0
        csv.append(0x22)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x22 { csv.append(0x22) }
            if byte == 0x0A && !(index > 0 && bytes[index - 1] == 0x0D) || byte == 0x0D { breaks += 1 }
            csv.append(byte)
        }
        csv.append(0x22)
        return breaks
    }

    /// The sheet row of CSV line `line`.
    func row(ofLine line: Int) -> Int {
        line >= 1 && line <= rowOfLine.count ? rowOfLine[line - 1] : line
    }

    /// `problem` located by sheet row and column letter.
    func translate(_ problem: ReadProblem) -> ReadProblem {
        var problem = problem
        problem.line = problem.line.map(row(ofLine:))
        problem.columnLetter = problem.column.map { CellReference.columnLetters($0 - 1) }
        problem.message = translateLines(in: problem.message)
        return problem
    }

    /// Every problem and every value's first line of `list` in sheet rows.
    func translate(_ list: inout LongList) {
        list.problems = list.problems.map(translate)
        list.headerLine = row(ofLine: list.headerLine)
        for (role, column) in list.categorical {
            list.categorical[role] = CategoricalColumn(values: column.values.map(translate), codes: column.codes)
        }
        for (field, profile) in list.profiles {
            list.profiles[field] = profile.map { $0.map(translate) }
        }
    }

    private func translate(_ value: ValueCount) -> ValueCount {
        ValueCount(value: value.value, count: value.count, firstLine: row(ofLine: value.firstLine))
    }

    /// "line 12" and "lines 3, 4" in a message, with sheet rows for CSV lines.
    private func translateLines(in message: String) -> String {
        guard rowOfLine.enumerated().contains(where: { $0.offset + 1 != $0.element }) else { return message }
        var result = ""
        var rest = Substring(message)
        while let range = rest.range(of: "line") {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            if rest.hasPrefix("s") { result += "s"; rest = rest.dropFirst() }
            while true {
                guard rest.hasPrefix(" ") || rest.hasPrefix(", ") else { break }
                let separator = rest.prefix(while: { $0 == " " || $0 == "," })
                let digits = rest.dropFirst(separator.count).prefix(while: \.isASCII).prefix(while: \.isNumber)
                guard let line = Int(digits) else { break }
                result += separator + String(row(ofLine: line))
                rest = rest.dropFirst(separator.count + digits.count)
            }
        }
        return result + rest
    }
}
