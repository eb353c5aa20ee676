import Foundation

/// A findings file: one row per key question with the counts from the case assessments, read strictly
/// so that every problem is reported with its file, line and column.
///
/// The file is comma-separated text with a header row, in UTF-8 (with or without a byte order mark)
/// or, when it is not valid UTF-8, Windows-1252, as Excel saves it:
///
/// ```
/// Standard,Key question,Yes,Applicable
/// 2.1,Engaging the person on probation,84,130
/// 2.1,Desistance,101,130
/// 2.2,Keeping other people safe,30,41
/// ```
///
/// Four columns are needed, found by header name with ``HeaderName/key(_:)`` (case, spaces and
/// punctuation ignored) and in any order; other columns are ignored:
///
/// | Role         | Header names accepted                                                         |
/// |--------------|-------------------------------------------------------------------------------|
/// | standard     | Standard, Standard number, Standard no, Standard ID, Standard ref             |
/// | key question | Key question, KQ, Question, Key question number, Key question no, Key question ID |
/// | yes          | Yes, Yes count, Number yes, Yes cases, Met, Cases met, Number met              |
/// | applicable   | Applicable, Applicable cases, Number applicable, Cases applicable, Of, Base    |
///
/// Counts are whole numbers in decimal digits; spaces around any field are ignored. Each row needs a
/// standard and a key question, 0 ≤ yes ≤ applicable and at least one applicable case, and a standard's
/// key question may appear once. Blank lines are skipped. Lines are physical lines counted from 1, so
/// a quoted field holding a line break moves later rows down, as a text editor shows them; a problem in
/// a row is reported on the line the row starts on. Messages name the column and its header; they
/// give counts but never quote a standard, a key question or a value that is not a count.
///
/// ```swift
/// let file = try FindingsFile.read(path: "findings.csv")
/// let evaluation = try file.evaluate(confidence: 0.80, population: 300)
/// ```
public struct FindingsFile: Sendable {
    /// One row of the file: the finding and where it was read.
    public struct Row: Sendable, Equatable {
        /// The physical line the row starts on, counted from 1 (the header is line 1).
        public var line: Int
        public var finding: KeyQuestionFinding

        public init(line: Int, finding: KeyQuestionFinding) {
            self.line = line
            self.finding = finding
        }
    }

    /// The file's name as given, used in messages.
    public let file: String
    /// The rows in file order.
    public let rows: [Row]
    /// The applicable column's field number (from 1) and header, for messages about a row's count.
    let applicableColumn: (number: Int, header: String)

    /// The findings in file order.
    public var findings: [KeyQuestionFinding] { rows.map(\.finding) }

    /// The columns a findings file needs, with the header names each may go by.
    public static let columns: [(role: Column, aliases: [String])] = [
        (.standard, ["Standard", "Standard number", "Standard no", "Standard ID", "Standard ref"]),
        (.keyQuestion, ["Key question", "KQ", "Question", "Key question number", "Key question no", "Key question ID"]),
        (.yes, ["Yes", "Yes count", "Number yes", "Yes cases", "Met", "Cases met", "Number met"]),
        (.applicable, ["Applicable", "Applicable cases", "Number applicable", "Cases applicable", "Of", "Base"]),
    ]

    /// A column of a findings file.
    public enum Column: String, Sendable, CaseIterable {
        case standard
        case keyQuestion
        case yes
        case applicable

        /// The name used in messages: "standard", "key question", "yes", "applicable".
        public var displayName: String {
            switch self {
            case .standard: "standard"
            case .keyQuestion: "key question"
            case .yes: "yes"
            case .applicable: "applicable"
            }
        }
    }

    /// Reads and parses the findings file at `path`.
    ///
    /// - Throws: ``FindingsFileError`` when the file cannot be read or is malformed.
    public static func read(path: String) throws(FindingsFileError) -> FindingsFile {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw FindingsFileError(.cannotOpen, file: path, message: "cannot read the findings file: check the path and that it is a readable file")
        }
        return try parse(bytes, file: path)
    }

    /// Parses the bytes of a findings file.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file's name, for messages.
    /// - Throws: ``FindingsFileError`` for the first problem, top to bottom and left to right.
    public static func parse(_ bytes: [UInt8], file: String) throws(FindingsFileError) -> FindingsFile {
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.parse(bytes, file: file)
        } catch {
            let problem = error.problems.first
            throw FindingsFileError(
                .malformedCSV, file: file, line: problem?.line, column: problem?.column,
                message: problem?.message ?? "the file is not valid CSV")
        }
        guard let header = records.first else {
            throw FindingsFileError(.emptyFile, file: file, message: "the findings file is empty: it needs a header row and one row per key question")
        }
        let columnIndex = try columnIndices(header: header, file: file)
        guard records.count > 1 else {
            throw FindingsFileError(.noFindings, file: file, line: header.line, message: "the findings file has a header but no findings: give one row per key question")
        }

        var rows: [Row] = []
        var firstLineOfKeyQuestion: [[String]: Int] = [:]
        for record in records.dropFirst() {
            let row = try parseRow(record, header: header, columnIndex: columnIndex, file: file)
            let identity = [row.finding.standard, row.finding.keyQuestion]
            if let firstLine = firstLineOfKeyQuestion[identity] {
                throw FindingsFileError(
                    .duplicateKeyQuestion, file: file, line: record.line,
                    column: columnIndex[.keyQuestion]! + 1, header: header.fields[columnIndex[.keyQuestion]!],
                    message: "this standard and key question are already on line \(firstLine): give each key question of a standard once")
            }
            firstLineOfKeyQuestion[identity] = record.line
            rows.append(row)
        }
        let applicableIndex = columnIndex[.applicable]!
        return FindingsFile(file: file, rows: rows, applicableColumn: (applicableIndex + 1, header.fields[applicableIndex]))
    }

    /// Rates the file's findings (see ``FindingsEvaluation/evaluate(_:confidence:population:)``).
    ///
    /// - Throws: ``SizingError`` when `confidence` or `population` is out of range;
    ///   ``FindingsFileError`` naming the line and column of a row whose applicable count exceeds
    ///   `population`.
    public func evaluate(confidence: Double = 0.80, population: Int? = nil) throws -> FindingsEvaluation {
        do {
            return try FindingsEvaluation.evaluate(findings, confidence: confidence, population: population)
        } catch let error as FindingsError {
            let row = rows[error.index]
            switch error.problem {
            case .applicableExceedsPopulation(let population):
                throw FindingsFileError(
                    .applicableExceedsPopulation, file: file, line: row.line,
                    column: applicableColumn.number, header: applicableColumn.header,
                    message: "\(row.finding.applicable) applicable cases is more than the population of \(population): applicable cannot exceed the population the sample was drawn from")
            default:
                // parse(_:file:) rejects every other problem first; report it on its line all the same.
                throw FindingsFileError(.invalidCount, file: file, line: row.line, message: error.description)
            }
        }
    }

    // MARK: - Implementation details

    /// The 0-based field index of each column, from the header row.
    private static func columnIndices(header: CSVRecords.Record, file: String) throws(FindingsFileError) -> [Column: Int] {
        var indices: [Column: Int] = [:]
        var missing: [String] = []
        let keys = header.fields.map(HeaderName.key)
        for (role, aliases) in columns {
            let aliasKeys = Set(aliases.map(HeaderName.key))
            let matches = keys.indices.filter { aliasKeys.contains(keys[$0]) }
            guard let first = matches.first else {
                missing.append("no \(role.displayName) column (name it \(aliases.map { "\"\($0)\"" }.joined(separator: ", ")))")
                continue
            }
            if matches.count > 1 {
                throw FindingsFileError(
                    .duplicateColumn, file: file, line: header.line, column: matches[1] + 1, header: header.fields[matches[1]],
                    message: "a second \(role.displayName) column (the first is column \(first + 1)): keep one")
            }
            indices[role] = first
        }
        guard missing.isEmpty else {
            var message = missing.joined(separator: "; ") + "; case, spaces and punctuation in header names are ignored"
            if header.fields.count == 1 {
                message += ". The header has a single field: a findings file must be comma-separated"
            }
            throw FindingsFileError(.missingColumn, file: file, line: header.line, message: message)
        }
        return indices
    }

    private static func parseRow(
        _ record: CSVRecords.Record, header: CSVRecords.Record, columnIndex: [Column: Int], file: String
    ) throws(FindingsFileError) -> Row {
        let expected = header.fields.count
        guard record.fields.count == expected else {
            let isShort = record.fields.count < expected
            throw FindingsFileError(
                isShort ? .tooFewFields : .tooManyFields, file: file, line: record.line,
                column: isShort ? record.fields.count + 1 : expected + 1,
                message: "\(record.fields.count) fields where the header has \(expected): every row needs one field per header column")
        }
        func failure(_ kind: FindingsFileError.Kind, _ column: Column, _ message: String) -> FindingsFileError {
            let index = columnIndex[column]!
            return FindingsFileError(kind, file: file, line: record.line, column: index + 1, header: header.fields[index], message: message)
        }
        func text(_ column: Column) throws(FindingsFileError) -> String {
            let value = record.fields[columnIndex[column]!].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else {
                throw failure(.blankField, column, "the \(column.displayName) is blank: every row needs one")
            }
            return value
        }
        func count(_ column: Column, atLeast minimum: Int) throws(FindingsFileError) -> Int {
            let value = try text(column)
            guard value.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(value) else {
                throw failure(.notANumber, column, "the \(column.displayName) count is not a whole number: give a count of cases in digits, such as 84")
            }
            guard number >= minimum else {
                throw failure(.invalidCount, column, "the \(column.displayName) count is \(number): it must be at least \(minimum)")
            }
            return number
        }

        let standard = try text(.standard)
        let keyQuestion = try text(.keyQuestion)
        let yes = try count(.yes, atLeast: 0)
        let applicable = try count(.applicable, atLeast: 1)
        guard yes <= applicable else {
            throw failure(.yesExceedsApplicable, .yes, "\(yes) yes out of \(applicable) applicable: yes cannot exceed applicable")
        }
        return Row(line: record.line, finding: KeyQuestionFinding(standard: standard, keyQuestion: keyQuestion, yes: yes, applicable: applicable))
    }
}

/// A findings file that cannot be used, located by file, physical line (from 1), column (field number,
/// from 1) and header, in the style compilers use: `findings.csv:4:3: error: … (column 3 "Yes")`.
public struct FindingsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case cannotOpen
        case emptyFile
        /// A quote fault: an unterminated quoted field, a stray quote, or text after a closing quote.
        case malformedCSV
        case missingColumn
        case duplicateColumn
        case noFindings
        case tooFewFields
        case tooManyFields
        case blankField
        case notANumber
        /// A count out of range: a negative yes or no applicable cases.
        case invalidCount
        case yesExceedsApplicable
        case duplicateKeyQuestion
        case applicableExceedsPopulation
    }

    public let kind: Kind
    public let file: String
    /// The physical line, from 1; `nil` for a problem of the whole file.
    public let line: Int?
    /// The field number, from 1; `nil` for a problem of the whole row or file.
    public let column: Int?
    /// The header of that column, when it has one.
    public let header: String?
    /// What went wrong and what is allowed, without the cell's value.
    public let message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, header: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.header = header
        self.message = message
    }

    public var description: String {
        ReadProblem.located(file: file, line: line, column: column, header: header, severity: .error, message: message)
    }
}
