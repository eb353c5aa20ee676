import CaseSampling
import Testing

@Suite struct JSONParsingTests {
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    @Test func readsEveryKindOfValue() throws {
        let text = #"""
            {"s": "x", "i": -12, "d": 1.5, "e": 1e2, "t": true, "f": false, "n": null,
             "a": [1, [], {}], "o": {"k": "v"}}
            """#
        let expected: JSONValue = [
            "s": "x", "i": -12, "d": 1.5, "e": 100.0, "t": true, "f": false, "n": .null,
            "a": [1, [], [:]], "o": ["k": "v"],
        ]
        #expect(try Self.parse(text) == expected)
    }

    @Test func keepsMemberOrder() throws {
        let value = try Self.parse(#"{"b": 1, "a": 2, "c": 3}"#)
        #expect(value.objectValue?.map(\.0) == ["b", "a", "c"])
    }

    @Test(arguments: [
        ("0", JSONValue.int(0)),
        ("-0", .int(0)),
        ("42", .int(42)),
        ("9223372036854775807", .int(Int.max)),
        ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9223372036854775808.0)),
        ("1.0", .double(1)),
        ("0.1", .double(0.1)),
        ("-1.25e-3", .double(-0.00125)),
        ("1E+2", .double(100)),
        ("2e0", .double(2)),
        ("0.5E-1", .double(0.05)),
    ])
    func readsIntegersAsIntAndOtherNumbersAsDouble(text: String, value: JSONValue) throws {
        #expect(try Self.parse(text) == value)
    }

    @Test func decodesEveryEscape() throws {
        let text = #""\" \\ \/ \b \f \n \r \t \u00e9 \u00E9 \u0000 \ud83d\ude00""#
        #expect(try Self.parse(text) == .string("\" \\ / \u{8} \u{C} \n \r \t é é \u{0} 😀"))
    }

    @Test func readsRawUTF8Text() throws {
        #expect(try Self.parse("\"Siân 😀\"") == .string("Siân 😀"))
    }

    @Test func skipsLeadingByteOrderMark() throws {
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    @Test func acceptsAllFourWhitespaceCharacters() throws {
        #expect(try Self.parse(" \t\r\n[ 1 ,\r\n 2 ]\n ") == [1, 2])
    }

    @Test func serializedTextReadsBackToTheSameValue() throws {
        let value: JSONValue = [
            "name": "Zoë \"Z\" \\ \n\t\u{1}", "count": -7, "share": 0.333333, "whole": 2.0, "none": .null,
            "flags": [true, false], "nested": ["empty": [], "map": [:], "deep": [[["x"]]]],
        ]
        for indent in [0, 2, 3] {
            #expect(try JSONValue.parse(value.serializedBytes(indent: indent)) == value)
        }
    }

    @Test func parsingAndWritingGoldenTextGivesTheSameBytes() throws {
        let text = "{\n  \"a\": 1,\n  \"b\": [\n    0.5,\n    \"é\\n\"\n  ],\n  \"c\": {}\n}\n"
        #expect(try Self.parse(text).serialized() == text)
    }

    @Test func doubleTextIsStableAfterOneRoundTrip() throws {
        var generator = Xoshiro256StarStar(seed: 20_240_611)
        for _ in 0..<2_000 {
            let magnitude = Double(generator.bounded(Int(12)))
            let value = Double.random(in: -1...1, using: &generator) * pow10(magnitude)
            let once = JSONValue.double(value).serializedBytes()
            let again = try JSONValue.parse(once).serializedBytes()
            #expect(once == again, "value \(value)")
        }
    }

    private func pow10(_ exponent: Double) -> Double {
        (0..<Int(exponent)).reduce(1.0) { result, _ in result * 10 }
    }

    @Test func rejectsNumbersTooLargeForDouble() {
        #expect(throws: JSONParseError.self) { try Self.parse("1e400") }
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = JSONValue.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try Self.parse(text)
    }
}
