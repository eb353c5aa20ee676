import Foundation
import Testing
@testable import CaseSampling

/// Bad and messy long lists, as spreadsheets and people really make them. Each case states the outcome,
/// the problem kind and the physical line reported, and every message is checked for personal data.
@Suite struct MessyInputTests {
    /// Personal data planted in the inputs; no message may contain any of it.
    static let personal = ["Siân", "Zoë", "O’Neil", "Smith", "Jones", "01/02/1980", "X100001", "X100002"]

    static let columns = [
        ColumnRequest(role: "caseReference", aliases: ["CRN", "Case reference"], storage: .caseReference),
        ColumnRequest(role: "gender", aliases: ["Gender", "Sex"]),
        ColumnRequest(role: "rosh", aliases: ["RoSH", "RoSH Level", "Risk of Serious Harm"]),
    ]

    enum Outcome {
        /// Read, with this many rows, and these problems (kind and line) in order.
        case reads(rows: Int, problems: [(ReadProblem.Kind, Int?)] = [])
        /// Not readable: the first problem has this kind and line.
        case fails(ReadProblem.Kind, line: Int?)
    }

    struct Case: CustomStringConvertible, @unchecked Sendable {
        var name: String
        var bytes: [UInt8]
        var outcome: Outcome
        var delimiter: UInt8? = nil
        var description: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static let header = "CRN,Surname,DateOfBirth,Gender,RoSH\n"
    static let row1 = "X100001,Siân,01/02/1980,Male,Low\n"
    static let row2 = "X100002,Zoë,01/02/1980,Female,High\n"

    static let cases: [Case] = [
        Case(name: "plain LF", bytes: text(header + row1 + row2), outcome: .reads(rows: 2)),
        Case(name: "CRLF", bytes: text((header + row1 + row2).replacingOccurrences(of: "\n", with: "\r\n")), outcome: .reads(rows: 2)),
        Case(name: "lone CR (old Mac)", bytes: text((header + row1 + row2).replacingOccurrences(of: "\n", with: "\r")), outcome: .reads(rows: 2)),
        Case(name: "mixed endings", bytes: text("CRN,Surname,DateOfBirth,Gender,RoSH\r\nX100001,Siân,01/02/1980,Male,Low\rX100002,Zoë,01/02/1980,Female,High\n"), outcome: .reads(rows: 2)),
        Case(name: "no final newline", bytes: text(header + row1 + "X100002,Zoë,01/02/1980,Female,High"), outcome: .reads(rows: 2)),
        Case(name: "UTF-8 BOM before a quoted header", bytes: [0xEF, 0xBB, 0xBF] + text("\"CRN\",Surname,DateOfBirth,Gender,RoSH\n" + row1), outcome: .reads(rows: 1)),
        Case(name: "only a BOM", bytes: [0xEF, 0xBB, 0xBF], outcome: .fails(.emptyFile, line: nil)),
        Case(name: "empty file", bytes: [], outcome: .fails(.emptyFile, line: nil)),
        Case(name: "header only", bytes: text(header), outcome: .fails(.headerOnly, line: 1)),
        Case(name: "header then blank rows only", bytes: text(header + "\n,,,,\n"), outcome: .fails(.headerOnly, line: 1)),
        Case(name: "blank and delimiter-only rows at the end", bytes: text(header + row1 + "\n,,,,\r\n\n"), outcome: .reads(rows: 1, problems: [(.blankRow, 3)])),
        Case(name: "too few fields", bytes: text(header + "X100001,Siân,Male,Low\n" + row2), outcome: .reads(rows: 2, problems: [(.tooFewFields, 2)])),
        Case(name: "unquoted comma in a name", bytes: text(header + "X100001,Smith, Jr,01/02/1980,Male,Low\n"), outcome: .reads(rows: 1, problems: [(.tooManyFields, 2)])),
        Case(name: "trailing delimiter on every row", bytes: text("CRN,Surname,DateOfBirth,Gender,RoSH,\nX100001,Siân,01/02/1980,Male,Low,\n"), outcome: .reads(rows: 1)),
        Case(name: "trailing delimiter on data rows only", bytes: text(header + "X100001,Siân,01/02/1980,Male,Low,\n"), outcome: .reads(rows: 1, problems: [(.trailingDelimiters, nil)])),
        Case(name: "unterminated quote swallows the file", bytes: text(header + row1 + "X100002,\"Zoë,01/02/1980,Female,High\nX100003,Jones,01/02/1980,Male,Low\n"), outcome: .fails(.unterminatedQuote, line: 3)),
        Case(name: "stray quote inside an unquoted field", bytes: text(header + "X100001,O\"Neil Smith,01/02/1980,Male,Low\n"), outcome: .reads(rows: 1, problems: [(.strayQuote, 2)])),
        Case(name: "text after a closing quote", bytes: text(header + "X100001,\"Smith\" Jr,01/02/1980,Male,Low\n"), outcome: .reads(rows: 1, problems: [(.textAfterClosingQuote, 2)])),
        Case(name: "space before an opening quote", bytes: text(header + "X100001, \"Smith\",01/02/1980,Male,Low\n"), outcome: .reads(rows: 1, problems: [(.strayQuote, 2)])),
        Case(name: "line break inside quotes moves later lines", bytes: text(header + "X100001,\"Siân\nSmith\",01/02/1980,Male,Low\nX100002,Zoë,01/02/1980,Female\n"), outcome: .reads(rows: 2, problems: [(.tooFewFields, 4)])),
        Case(name: "CRLF inside quotes", bytes: text(header + "X100001,\"Siân\r\nSmith\",01/02/1980,Male,Low\r\nX100002,Zoë,01/02/1980,Female\r\n"), outcome: .reads(rows: 2, problems: [(.tooFewFields, 4)])),
        Case(name: "duplicate case reference", bytes: text(header + row1 + row2 + "x100001 ,Jones,01/02/1980,Male,Low\n"), outcome: .reads(rows: 3, problems: [(.duplicateCaseReference, 4)])),
        Case(name: "missing case reference", bytes: text(header + ",Jones,01/02/1980,Male,Low\n" + row1), outcome: .reads(rows: 2, problems: [(.missingCaseReference, 2)])),
        Case(name: "header repeated mid-file", bytes: text(header + row1 + header + row2), outcome: .reads(rows: 3, problems: [(.repeatedHeader, 3)])),
        Case(name: "missing required column", bytes: text("CRN,Surname,DateOfBirth,Sex\nX100001,Siân,01/02/1980,Male\n"), outcome: .fails(.missingColumn, line: 1)),
        Case(name: "duplicated header", bytes: text("CRN,Gender,RoSH,RoSH Level\nX100001,Male,Low,Low\n"), outcome: .fails(.duplicateHeader, line: 1)),
        Case(name: "header aliases and spacing", bytes: text(" case_reference ,Surname,DateOfBirth, SEX ,Risk of Serious Harm\n" + row1), outcome: .reads(rows: 1)),
        Case(name: "semicolon delimiter", bytes: text((header + row1).replacingOccurrences(of: ",", with: ";")), outcome: .reads(rows: 1)),
        Case(name: "tab delimiter", bytes: text((header + row1).replacingOccurrences(of: ",", with: "\t")), outcome: .reads(rows: 1)),
        Case(name: "Excel sep= line", bytes: text("sep=;\n" + (header + row1).replacingOccurrences(of: ",", with: ";")), outcome: .reads(rows: 1)),
        Case(name: "Windows-1252 O’Neil and Siân", bytes: text("CRN,Surname,DateOfBirth,Gender,RoSH\nX100001,O") + [0x92] + text("Neil Si") + [0xE2] + text("n,01/02/1980,Male,Low\n"), outcome: .reads(rows: 1)),
        Case(name: "a few 1252 bytes in a UTF-8 file", bytes: text(header + row1 + "X100002,Zo") + [0xEB] + text(",01/02/1980,Female,High\n"), outcome: .fails(.undecodableBytes, line: 3)),
        Case(name: "byte undefined in Windows-1252", bytes: text(header + "X100001,Smith") + [0x81] + text(",01/02/1980,Male,Low\n"), outcome: .fails(.undecodableBytes, line: 2)),
        Case(name: "UTF-16LE with BOM", bytes: [0xFF, 0xFE] + Array((header + row1).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), outcome: .reads(rows: 1)),
        Case(name: "UTF-16LE without BOM", bytes: Array((header + row1).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), outcome: .fails(.unsupportedEncoding, line: 1)),
        Case(name: "no-break space in a header", bytes: text("CRN,Surname,DateOfBirth,Gender\u{A0},RoSH\n" + row1), outcome: .reads(rows: 1)),
        Case(name: "one long field", bytes: text(header + "X100001,\"" + String(repeating: "a", count: 100_000) + "\",01/02/1980,Male,Low\n"), outcome: .reads(rows: 1)),
        Case(name: "NUL byte inside a row", bytes: text(header + row1 + "X100002,Zo\u{0}ë,01/02/1980,Female,High\n"), outcome: .reads(rows: 2, problems: [(.nulByte, 3)])),
        Case(name: "case references in scientific notation", bytes: text(header + row1 + "1.23E+05,Zoë,01/02/1980,Female,High\n2.5e+06,Smith,01/02/1980,Male,Low\n"), outcome: .reads(rows: 3, problems: [(.scientificNotation, 3)])),
        Case(name: "--delimiter overrides detection", bytes: text("CRN;Surname;DateOfBirth;Gender;RoSH\nX100001;Siân;01/02/1980;Male;Low\n"), outcome: .fails(.missingColumn, line: 1), delimiter: 0x09),
    ]

    @Test(arguments: cases)
    func messyInput(_ testCase: Case) throws {
        var options = ReadOptions()
        options.delimiter = testCase.delimiter
        let problems: [ReadProblem]
        switch testCase.outcome {
        case .reads(let rows, let expected):
            let list = try LongListReader.read(bytes: testCase.bytes, file: "list.csv", columns: Self.columns, options: options)
            #expect(list.rowCount == rows)
            #expect(list.problems.map(\.kind) == expected.map(\.0))
            #expect(list.problems.map(\.line) == expected.map(\.1))
            problems = list.problems
        case .fails(let kind, let line):
            do {
                _ = try LongListReader.read(bytes: testCase.bytes, file: "list.csv", columns: Self.columns, options: options)
                Issue.record("expected \(kind)")
                return
            } catch {
                #expect(error.problems.first?.kind == kind)
                #expect(error.problems.first?.line == line)
                problems = error.problems
            }
        }
        for problem in problems {
            #expect(problem.file == "list.csv")
            for secret in Self.personal {
                #expect(!problem.description.contains(secret), "message leaks personal data: \(problem.description)")
            }
        }
    }

    @Test func windows1252_isTranscodedByteForByte() throws {
        let bytes = Self.text("CRN,Surname,DateOfBirth,Gender,RoSH\nX100001,O") + [0x92] + Self.text("Neil Si") + [0xE2]
            + Self.text("n Zo") + [0xEB] + Self.text(",01/02/1980,Male,Low\n")
        let list = try LongListReader.read(bytes: bytes, file: "l.csv", columns: Self.columns)
        #expect(list.encoding == .windows1252)
        let fields = list.recordFields(row: 0)
        #expect(Array(fields[1].utf8) == Array("O’Neil Siân Zoë".utf8))
    }

    @Test func utf16_isTranscoded() throws {
        let text = Self.header + Self.row2
        let bytes: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let list = try LongListReader.read(bytes: bytes, file: "l.csv", columns: Self.columns)
        #expect(list.encoding == .utf16BigEndian)
        #expect(list.recordFields(row: 0)[1] == "Zoë")
    }

    @Test func valuesAreDictionaryEncoded() throws {
        let list = try LongListReader.read(bytes: Self.text(Self.header + Self.row1 + Self.row2 + Self.row1.replacingOccurrences(of: "X100001", with: "X100003")), file: "l.csv", columns: Self.columns)
        let gender = try #require(list.column("gender"))
        #expect(gender.values.map(\.value) == ["Male", "Female"])
        #expect(gender.values.map(\.count) == [2, 1])
        #expect(gender.values.map(\.firstLine) == [2, 3])
        #expect((0..<3).map(gender.code(of:)) == [0, 1, 0])
        #expect(list.lineEndings.description == "LF")
    }

    /// The two-thread split gives the same result as one thread, even when the guessed split point
    /// falls inside a quoted field.
    @Test(arguments: [false, true])
    func parallelSplit_matchesSerial(quotedNewlinesEverywhere: Bool) throws {
        var text = Self.header
        for i in 0..<3000 {
            let name = quotedNewlinesEverywhere ? "\"Line one\nline two \(i)\"" : "Name\(i)"
            text += "X\(200000 + i),\(name),01/02/1980,\(i % 3 == 0 ? "Female" : "Male"),\(["Low", "Medium", "High"][i % 3])\r\n"
        }
        let bytes = Self.text(text)
        let serial = try LongListReader.read(bytes: bytes, file: "l.csv", columns: Self.columns, options: ReadOptions(isParallel: false))
        let parallel = try LongListReader.read(bytes: bytes, file: "l.csv", columns: Self.columns, options: ReadOptions(isParallel: true, chunkSize: 64))
        #expect(serial.rowCount == 3000)
        #expect(parallel.rowCount == serial.rowCount)
        #expect(parallel.physicalLines(of: 0..<3000) == serial.physicalLines(of: 0..<3000))
        #expect(parallel.caseReferenceHashes == serial.caseReferenceHashes)
        #expect(parallel.column("rosh")!.values == serial.column("rosh")!.values)
        #expect((0..<3000).allSatisfy { parallel.column("rosh")!.code(of: $0) == serial.column("rosh")!.code(of: $0) })
    }
}
