import CaseSampling
import Testing

/// Each case marks where the error must be reported with `‸` in the input; the marker is removed before
/// parsing, and the expected line and column are worked out from its position.
@Suite struct JSONParseErrorTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var marked: String
        var kind: JSONParseError.Kind
        var path: String
        var messageMentions: String = ""
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "trailing comma in array", marked: "[1, 2‸,]", kind: .trailingComma, path: "$"),
        Case(
            name: "trailing comma in object", marked: "{\"a\": {\"b\": 1‸,\n}}", kind: .trailingComma,
            path: "$.a"),
        Case(
            name: "duplicate key", marked: "{\"strata\": [{\"size\": 1,\n  ‸\"size\": 2}]}", kind: .duplicateKey,
            path: "$.strata[0].size", messageMentions: "\"size\""),
        Case(
            name: "duplicate odd key", marked: "{\"a b\": 1, ‸\"a b\": 2}", kind: .duplicateKey,
            path: "$[\"a b\"]", messageMentions: "\"a b\""),
        Case(name: "bad escape", marked: "[\"ok\", \"a‸\\x\"]", kind: .invalidEscape, path: "$[1]"),
        Case(name: "short unicode escape", marked: "\"‸\\u12\"", kind: .invalidEscape, path: "$"),
        Case(name: "unterminated string", marked: "{\"a\": ‸\"abc}", kind: .unterminatedString, path: "$.a"),
        Case(name: "leading zero", marked: "[‸01]", kind: .leadingZero, path: "$[0]"),
        Case(name: "negative leading zero", marked: "-‸00", kind: .leadingZero, path: "$"),
        Case(name: "trailing garbage", marked: "{\"a\": 1}\n ‸x", kind: .trailingContent, path: "$"),
        Case(name: "second document", marked: "[1] ‸[2]", kind: .trailingContent, path: "$"),
        Case(name: "line comment", marked: "{\n  ‸// note\n  \"a\": 1}", kind: .comment, path: "$"),
        Case(name: "block comment after value", marked: "[1] ‸/* x */", kind: .comment, path: "$"),
        Case(name: "single quotes", marked: "[‸'a']", kind: .unexpectedCharacter, path: "$[0]"),
        Case(name: "unquoted key", marked: "{‸a: 1}", kind: .unexpectedCharacter, path: "$"),
        Case(name: "missing colon", marked: "{\"a\" ‸1}", kind: .unexpectedCharacter, path: "$.a"),
        Case(name: "missing comma", marked: "[1 ‸2]", kind: .unexpectedCharacter, path: "$"),
        Case(name: "NaN", marked: "[‸NaN]", kind: .unexpectedCharacter, path: "$[0]"),
        Case(name: "capitalised literal", marked: "[‸True]", kind: .unexpectedCharacter, path: "$[0]"),
        Case(name: "misspelt literal", marked: "[‸nul]", kind: .invalidLiteral, path: "$[0]"),
        Case(name: "fraction without digits", marked: "1.‸", kind: .invalidNumber, path: "$"),
        Case(name: "exponent without digits", marked: "[1e‸]", kind: .invalidNumber, path: "$[0]"),
        Case(name: "bare minus", marked: "-‸x", kind: .invalidNumber, path: "$"),
        Case(name: "leading decimal point", marked: "‸.5", kind: .unexpectedCharacter, path: "$"),
        Case(name: "plus sign", marked: "‸+1", kind: .unexpectedCharacter, path: "$"),
        Case(name: "number out of range", marked: "{\"x\": ‸-1e999}", kind: .numberOutOfRange, path: "$.x"),
        Case(name: "raw newline in string", marked: "\"ab‸\ncd\"", kind: .controlCharacterInString, path: "$"),
        Case(name: "raw tab in string", marked: "[\"‸\t\"]", kind: .controlCharacterInString, path: "$[0]"),
        Case(name: "lone high surrogate", marked: "\"x‸\\ud83d\"", kind: .loneSurrogate, path: "$"),
        Case(name: "high then non-low", marked: "\"‸\\ud83d\\u0041\"", kind: .loneSurrogate, path: "$"),
        Case(name: "lone low surrogate", marked: "\"‸\\ude00\"", kind: .loneSurrogate, path: "$"),
        Case(name: "empty document", marked: " \n ‸", kind: .emptyDocument, path: "$"),
        Case(name: "unclosed array", marked: "{\"a\": ‸[1, 2\n", kind: .unexpectedEnd, path: "$.a"),
        Case(name: "unclosed object", marked: "‸{\"a\": 1,", kind: .unexpectedEnd, path: "$"),
        Case(name: "input ends after comma", marked: "[1,‸", kind: .unexpectedEnd, path: "$[1]"),
        Case(
            name: "columns count characters", marked: "[\"Siân\", ‸x]", kind: .unexpectedCharacter,
            path: "$[1]"),
    ]

    @Test(arguments: cases)
    func reportsKindLocationAndPath(_ testCase: Case) {
        let parts = testCase.marked.split(separator: "‸", omittingEmptySubsequences: false)
        precondition(parts.count == 2, "each case needs exactly one marker")
        let before = String(parts[0])
        let expectedLine = before.count(where: { $0 == "\n" || $0 == "\r\n" }) + 1
        let lastLine = before.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        let expectedColumn = lastLine.unicodeScalars.count + 1

        let error = #expect(throws: JSONParseError.self) {
            try JSONValue.parse(Array((before + parts[1]).utf8))
        }
        #expect(error?.kind == testCase.kind)
        #expect(error?.line == expectedLine)
        #expect(error?.column == expectedColumn)
        #expect(error?.path == testCase.path)
        if !testCase.messageMentions.isEmpty {
            #expect(error?.message.contains(testCase.messageMentions) == true)
        }
    }

    @Test func rejectsBytesThatAreNotUTF8() {
        let error = #expect(throws: JSONParseError.self) {
            try JSONValue.parse([UInt8(ascii: "["), 0x22, 0xC3, 0x28, 0x22, UInt8(ascii: "]")])
        }
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.column == 2)
        #expect(error?.path == "$[0]")
    }

    @Test func rejectsNonASCIIBytesOutsideStrings() {
        let error = #expect(throws: JSONParseError.self) {
            try JSONValue.parse(Array("[1, é]".utf8))
        }
        #expect(error?.kind == .unexpectedCharacter)
        #expect(error?.message.contains("0xC3") == true)
    }

    @Test func rejectsNestingBeyondTheLimit() {
        let depth = JSONValue.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
        #expect(error?.kind == .tooDeeplyNested)
        #expect(error?.column == depth)
    }

    @Test func locationSkipsByteOrderMark() {
        let error = #expect(throws: JSONParseError.self) {
            try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1,]".utf8))
        }
        #expect(error?.kind == .trailingComma)
        #expect(error?.line == 1)
        #expect(error?.column == 3)
    }

    @Test func descriptionGivesLocationMessageAndPath() {
        let error = #expect(throws: JSONParseError.self) {
            try JSONValue.parse(Array("{\"a\": 1,\n \"a\": 2}".utf8))
        }
        #expect(
            error?.description
                == "line 2, column 2: duplicate key \"a\"; each key may appear once in an object (at $.a)")
    }
}
