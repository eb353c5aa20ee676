import CaseSampling
import Testing

@Suite struct JSONSerializationTests {
    @Test func prettyPrintsNestedValuesInInsertionOrder() {
        let value: JSONValue = ["a": 1, "b": [1, 2]]
        #expect(value.serialized() == "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}\n")
    }

    @Test func keepsKeyOrderRatherThanSortingKeys() {
        let value: JSONValue = ["zeta": true, "alpha": false, "mid": .null]
        #expect(value.serialized() == "{\n  \"zeta\": true,\n  \"alpha\": false,\n  \"mid\": null\n}\n")
    }

    @Test func writesEmptyContainersOnOneLine() {
        let value: JSONValue = ["list": [], "map": [:], "deep": [[], [:]]]
        #expect(
            value.serialized()
                == "{\n  \"list\": [],\n  \"map\": {},\n  \"deep\": [\n    [],\n    {}\n  ]\n}\n")
        #expect(JSONValue.array([]).serialized() == "[]\n")
        #expect(JSONValue.object([]).serialized() == "{}\n")
    }

    @Test func indentZeroWritesOneCompactLine() {
        let value: JSONValue = ["a": [1, "x"], "b": [:], "c": .null]
        #expect(value.serialized(indent: 0) == "{\"a\":[1,\"x\"],\"b\":{},\"c\":null}\n")
    }

    @Test func indentSetsSpacesPerLevel() {
        let value: JSONValue = ["a": [true]]
        #expect(value.serialized(indent: 4) == "{\n    \"a\": [\n        true\n    ]\n}\n")
    }

    @Test func writesScalars() {
        #expect(JSONValue.null.serialized() == "null\n")
        #expect(JSONValue.bool(true).serialized() == "true\n")
        #expect(JSONValue.int(0).serialized() == "0\n")
        #expect(JSONValue.int(-42).serialized() == "-42\n")
        #expect(JSONValue.int(Int.max).serialized() == "9223372036854775807\n")
        #expect(JSONValue.int(Int.min).serialized() == "-9223372036854775808\n")
    }

    @Test func escapesStringsAsRFC8259Requires() {
        let text = "q\" b\\ n\n r\r t\t b\u{8} f\u{C} c\u{1}\u{1F}\u{7F} /"
        #expect(
            JSONValue.string(text).serialized()
                == #""q\" b\\ n\n r\r t\t b\b f\f c\u0001\u001f\u007f /"# + "\"\n")
    }

    /// DEL and the C1 controls are escaped so that JSON printed to a terminal is safe as it is (the
    /// command line escapes any control character left in what it prints, which would break JSON);
    /// U+00A0 and above, which share the lead byte 0xC2, are written raw.
    @Test func escapesDeleteAndC1Controls_butNotTheirNeighbours() throws {
        let text = "a\u{7F}b\u{80}c\u{85}d\u{9F}e\u{A0}f\u{BF}g\u{C2}"
        let written = JSONValue.string(text).serialized()
        #expect(written == #""a\u007fb\u0080c\u0085d\u009fe"# + "\u{A0}f\u{BF}g\u{C2}\"\n")
        #expect(try JSONValue.parse(Array(written.utf8)) == .string(text))
    }

    @Test func writesNonASCIIAsUTF8() {
        let value = JSONValue.string("Siân Zoë 😀 ∑")
        #expect(value.serializedBytes() == Array("\"Siân Zoë 😀 ∑\"\n".utf8))
    }

    @Test(arguments: [
        (0.1, "0.1"),
        (1.0, "1.0"),
        (2.5, "2.5"),
        (-2.5, "-2.5"),
        (0.0, "0.0"),
        (-0.0, "0.0"),
        (2.5e-7, "0.0"),
        (-1e-7, "0.0"),
        (1e-6, "0.000001"),
        (-1e-6, "-0.000001"),
        (123456.789, "123456.789"),
        (0.1234564, "0.123456"),
        (0.9999996, "1.0"),
        (-0.9999996, "-1.0"),
        (1.0 / 3.0, "0.333333"),
        (2.0 / 3.0, "0.666667"),
        (9_000_000_000_000.0, "9000000000000.0"),
        (-4_397_388_842.4501295, "-4397388842.45013"),
        (1e15 + 0.125, "1000000000000000.125"),
        (0x1p53, "9007199254740992.0"),
        (-0x1p63.nextDown, "-9223372036854774784.0"),
    ])
    func formatsDoublesToSixDecimalsWithoutTrailingZeros(value: Double, text: String) {
        #expect(JSONValue.double(value).serialized() == text + "\n")
    }

    @Test func stopsOnNaN() async {
        await #expect(processExitsWith: .failure) {
            _ = JSONValue.double(.nan).serialized()
        }
    }

    @Test func stopsOnInfinity() async {
        await #expect(processExitsWith: .failure) {
            _ = JSONValue.double(-.infinity).serialized()
        }
    }

    @Test func stopsOnDoublesFromTwoToTheSixtyThree() async {
        await #expect(processExitsWith: .failure) {
            _ = JSONValue.double(0x1p63).serialized()
        }
    }

    @Test func equalityKeepsCaseAndMemberOrder() {
        #expect(JSONValue.object([("a", 1), ("b", 2)]) == ["a": 1, "b": 2])
        #expect(JSONValue.object([("a", 1), ("b", 2)]) != ["b": 2, "a": 1])
        #expect(JSONValue.int(1) != .double(1))
        #expect(JSONValue.array([1, "x"]) == [1, "x"])
        #expect(JSONValue.array([1]) != [1, 1])
    }

    @Test func accessorsReadMatchingCasesOnly() {
        let value: JSONValue = ["n": 3, "d": 0.5, "s": "x", "b": true, "a": [1], "o": ["k": .null]]
        #expect(value["n"]?.intValue == 3)
        #expect(value["n"]?.doubleValue == 3.0)
        #expect(value["d"]?.doubleValue == 0.5)
        #expect(value["d"]?.intValue == nil)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["o"]?["k"]?.isNull == true)
        #expect(value["o"]?.objectValue?.map(\.0) == ["k"])
        #expect(value["missing"] == nil)
        #expect(value["s"]?["k"] == nil)
        #expect(value["n"]?.stringValue == nil)
    }
}
