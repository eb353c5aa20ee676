/// One problem found in a long list, located by file, physical line, column and header.
///
/// Messages never quote a cell's value: long lists hold names and dates of birth, so a problem cites
/// where it is, not what it says. Lines are physical lines of the file, counted from 1, so a quoted
/// field with a line break moves later rows down as a text editor would show them.
public struct ReadProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case cannotOpen
        case emptyFile
        case headerOnly
        case missingColumn
        case duplicateHeader
        case unterminatedQuote
        case strayQuote
        case textAfterClosingQuote
        case tooFewFields
        case tooManyFields
        case undecodableBytes
        case unsupportedEncoding
        case duplicateCaseReference
        case missingCaseReference
        case repeatedHeader
        case blankRow
        case trailingDelimiters
        /// A NUL byte inside a row.
        case nulByte
        /// Case references that look like numbers in scientific notation.
        case scientificNotation
        /// A value the spec does not know, a blank it does not allow, or a date it cannot read.
        case unknownValue
        /// A returned list's case reference that is not one of the draw's cases (`finalize`).
        case unknownCase
        /// A provisional case that the returned list leaves out (`finalize`).
        case missingCase
        /// A file casesample wrote whose SHA-256 is no longer the one its record holds.
        case changedOutput
        /// A directory or file that is not laid out as casesample writes it.
        case notCasesampleOutput
        /// A file that is not a CSV or a readable `.xlsx` workbook (``FileKind``), or a workbook that
        /// cannot be read (``WorkbookError``).
        case unreadableFormat
        /// A trailing totals or footer row, skipped (a warning).
        case footerRow
        /// A date column whose day-month order is unknown or whose dates do not all read one way.
        case dateFormat
    }

    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var kind: Kind
    public var severity: Severity
    public var file: String
    /// Physical line, 1-based; nil for problems of the whole file.
    public var line: Int?
    /// Field number, 1-based.
    public var column: Int?
    /// The header of that column, when it has one.
    public var header: String?
    /// What went wrong and what is allowed, without cell values.
    public var message: String
    /// The column as a spreadsheet names it (`F`), for a long list read from a workbook; then
    /// ``line`` is the spreadsheet's row number and locations read `file:12:F`.
    public var columnLetter: String?

    public init(
        _ kind: Kind, _ severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil,
        header: String? = nil, message: String
    ) {
        self.kind = kind
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.header = header
        self.message = message
    }

    /// `file:line:column: error: message (column "Header")`, in the style compilers use.
    public var description: String {
        Self.located(file: file, line: line, column: column, header: header, severity: severity, message: message, columnLetter: columnLetter)
    }

    /// `file:line:column: severity: message (column N "Header")`, leaving out what is unknown.
    static func located(
        file: String, line: Int?, column: Int?, header: String?, severity: Severity, message: String, columnLetter: String? = nil
    ) -> String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(columnLetter ?? String(column))" }
        var text = "\(location): \(severity.rawValue): \(message)"
        if let column, let header, !header.isEmpty { text += " (column \(columnLetter ?? String(column)) \"\(header)\")" }
        return text
    }
}

/// A long list that cannot be read at all, with every problem that stops it.
public struct LongListError: Error, Sendable, CustomStringConvertible {
    public var problems: [ReadProblem]

    public init(problems: [ReadProblem]) { self.problems = problems }
    public init(_ problem: ReadProblem) { self.problems = [problem] }

    public var description: String { ReadProblem.summarise(problems) }
}

extension ReadProblem {
    /// The first `limit` problems, one a line, then how many more there were.
    public static func summarise(_ problems: [ReadProblem], limit: Int = 20) -> String {
        var lines = problems.prefix(limit).map(\.description)
        if problems.count > limit { lines.append("… and \(problems.count - limit) more problems") }
        return lines.joined(separator: "\n")
    }
}
