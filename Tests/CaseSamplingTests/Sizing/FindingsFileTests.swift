import Testing

@testable import CaseSampling

/// Findings files: header matching, encodings, and one test per way a file can be malformed, each
/// checking the kind of problem and the line and column it is reported at.
@Suite("FindingsFile: reading a findings CSV")
struct FindingsFileTests {
    static let header = "Standard,Key question,Yes,Applicable\n"

    static func parse(_ text: String) throws(FindingsFileError) -> FindingsFile {
        try FindingsFile.parse(Array(text.utf8), file: "findings.csv")
    }

    // MARK: - Good files

    @Test func goodFile_givesEachRowWithItsLine() throws {
        let file = try Self.parse(Self.header + "2.1,Engaging,84,130\n2.1,Desistance,101,130\n\n2.2,Safety,30,41\n")
        #expect(file.file == "findings.csv")
        #expect(file.rows == [
            FindingsFile.Row(line: 2, finding: KeyQuestionFinding(standard: "2.1", keyQuestion: "Engaging", yes: 84, applicable: 130)),
            FindingsFile.Row(line: 3, finding: KeyQuestionFinding(standard: "2.1", keyQuestion: "Desistance", yes: 101, applicable: 130)),
            // Line 4 is blank and skipped; lines keep counting.
            FindingsFile.Row(line: 5, finding: KeyQuestionFinding(standard: "2.2", keyQuestion: "Safety", yes: 30, applicable: 41)),
        ])
    }

    @Test func headersMatchIgnoringCaseSpacesAndPunctuation_inAnyOrderWithExtraColumns() throws {
        let text = "Notes, CASES_MET ,applicable cases,key-question,STANDARD NO.\r\nfine, 7 ,10,KQ one,1.1\r\n"
        let file = try Self.parse(text)
        #expect(file.findings == [KeyQuestionFinding(standard: "1.1", keyQuestion: "KQ one", yes: 7, applicable: 10)])
    }

    @Test(arguments: [
        ["standard", "kq", "met", "of"], ["Standard ID", "Question", "Number yes", "Base"],
        ["standard_ref", "Key question number", "Yes count", "Number applicable"],
    ])
    func aliases_areAccepted(headers: [String]) throws {
        let file = try Self.parse(headers.joined(separator: ",") + "\n2.1,A,3,4\n")
        #expect(file.findings == [KeyQuestionFinding(standard: "2.1", keyQuestion: "A", yes: 3, applicable: 4)])
    }

    @Test func utf8WithByteOrderMark_isRead() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((Self.header + "2.1,Café,3,4\n").utf8)
        let file = try FindingsFile.parse(bytes, file: "bom.csv")
        #expect(file.findings.map(\.keyQuestion) == ["Café"])
    }

    @Test func windows1252_isRead() throws {
        // "Café – risk" in Windows-1252: é is 0xE9 and the en dash 0x96, neither valid UTF-8 here.
        let bytes = Array((Self.header + "2.1,Caf").utf8) + [0xE9, 0x20, 0x96, 0x20] + Array("risk,3,4\n".utf8)
        let file = try FindingsFile.parse(bytes, file: "cp1252.csv")
        #expect(file.findings.map(\.keyQuestion) == ["Café – risk"])
    }

    @Test func quotedFieldWithLineBreak_movesLaterRowsDown() throws {
        let text = Self.header + "2.1,\"Two\nlines\",3,4\n2.1,B,x,4\n"
        let error = try #require(throws: FindingsFileError.self) { try Self.parse(text) }
        #expect(error.kind == .notANumber)
        #expect(error.line == 4)
        #expect(error.column == 3)
    }

    // MARK: - Malformed files

    struct MalformedCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let kind: FindingsFileError.Kind
        let line: Int?
        let column: Int?
        let header: String?
        var testDescription: String { name }
    }

    static let malformed: [MalformedCase] = [
        .init(name: "empty file", text: "", kind: .emptyFile, line: nil, column: nil, header: nil),
        .init(name: "header only", text: header, kind: .noFindings, line: 1, column: nil, header: nil),
        .init(name: "missing applicable column", text: "Standard,Key question,Yes\n2.1,A,3\n",
              kind: .missingColumn, line: 1, column: nil, header: nil),
        .init(name: "second yes column", text: "Standard,Key question,Yes,Met,Applicable\n2.1,A,3,3,4\n",
              kind: .duplicateColumn, line: 1, column: 4, header: "Met"),
        .init(name: "yes not a number", text: header + "2.1,A,3,4\n2.1,B,three,4\n",
              kind: .notANumber, line: 3, column: 3, header: "Yes"),
        .init(name: "applicable a decimal", text: header + "2.1,A,3,4.5\n",
              kind: .notANumber, line: 2, column: 4, header: "Applicable"),
        .init(name: "negative yes", text: header + "2.1,A,-1,4\n",
              kind: .notANumber, line: 2, column: 3, header: "Yes"),
        .init(name: "no applicable cases", text: header + "2.1,A,0,0\n",
              kind: .invalidCount, line: 2, column: 4, header: "Applicable"),
        .init(name: "yes more than applicable", text: header + "2.1,A,3,4\n2.1,B,5,4\n",
              kind: .yesExceedsApplicable, line: 3, column: 3, header: "Yes"),
        .init(name: "blank standard", text: header + " ,A,3,4\n",
              kind: .blankField, line: 2, column: 1, header: "Standard"),
        .init(name: "blank yes", text: header + "2.1,A,,4\n",
              kind: .blankField, line: 2, column: 3, header: "Yes"),
        .init(name: "ragged row, too few fields", text: header + "2.1,A,3,4\n2.1,B,3\n",
              kind: .tooFewFields, line: 3, column: 4, header: nil),
        .init(name: "ragged row, too many fields", text: header + "2.1,A,3,4,9\n",
              kind: .tooManyFields, line: 2, column: 5, header: nil),
        .init(name: "repeated key question", text: header + "2.1,A,3,4\n2.2,A,3,4\n2.1,A,2,4\n",
              kind: .duplicateKeyQuestion, line: 4, column: 2, header: "Key question"),
        .init(name: "unterminated quote", text: header + "2.1,A,3,4\n2.1,\"B,3,4\n",
              kind: .malformedCSV, line: 3, column: 2, header: nil),
        .init(name: "stray quote", text: header + "2.1,A\"B,3,4\n",
              kind: .malformedCSV, line: 2, column: 2, header: nil),
    ]

    @Test(arguments: malformed)
    func malformedFile_isReportedWithItsLineAndColumn(_ testCase: MalformedCase) throws {
        let error = try #require(throws: FindingsFileError.self) { try Self.parse(testCase.text) }
        #expect(error.kind == testCase.kind)
        #expect(error.file == "findings.csv")
        #expect(error.line == testCase.line)
        #expect(error.column == testCase.column)
        #expect(error.header == testCase.header)
        #expect(!error.message.isEmpty)
    }

    @Test func errorDescription_isFileLineColumnMessageAndHeader() throws {
        let error = try #require(throws: FindingsFileError.self) { try Self.parse(Self.header + "2.1,A,5,4\n") }
        #expect(error.description
            == "findings.csv:2:3: error: 5 yes out of 4 applicable: yes cannot exceed applicable (column 3 \"Yes\")")
    }

    @Test func missingColumns_areAllNamed_andASingleFieldHeaderHintsAtTheDelimiter() throws {
        let error = try #require(throws: FindingsFileError.self) { try Self.parse("Standard;KQ;Yes;Of\n2.1;A;3;4\n") }
        #expect(error.kind == .missingColumn)
        for role in ["no standard column", "no key question column", "no yes column", "no applicable column"] {
            #expect(error.message.contains(role), "\(error)")
        }
        #expect(error.message.contains("comma-separated"))
    }

    @Test func unreadableFile_isCannotOpen() throws {
        let error = try #require(throws: FindingsFileError.self) {
            try FindingsFile.read(path: "/nonexistent/findings-\(UInt64.random(in: 0...UInt64.max)).csv")
        }
        #expect(error.kind == .cannotOpen)
        #expect(error.line == nil)
    }

    // MARK: - Evaluation

    @Test func evaluate_ratesTheFileAndRejectsApplicableAbovePopulationOnItsLine() throws {
        let file = try Self.parse(Self.header + "2.1,A,84,130\n2.1,B,250,300\n")
        let evaluation = try file.evaluate(confidence: 0.80, population: 400)
        #expect(evaluation.standards.map(\.band) == [.requiresImprovement])   // 84 of 130 is 64.6%

        let error = try #require(throws: FindingsFileError.self) { try file.evaluate(population: 200) }
        #expect(error.kind == .applicableExceedsPopulation)
        #expect(error.line == 3)
        #expect(error.column == 4)
        #expect(error.header == "Applicable")
    }
}
