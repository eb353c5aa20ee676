import Testing
@testable import CaseSampling

/// ``JSONValueEncoder`` and ``JSONValueDecoder``: key order, numbers, nulls, nesting, errors.
@Suite struct JSONValueCodingTests {
    struct Sample: Codable, Equatable {
        struct Inner: Codable, Equatable {
            var flag: Bool
            var tags: [String]
        }

        var zeta: Int
        var alpha: Double
        var note: String?
        var inner: Inner
        var list: [Inner]
        var big: UInt64
    }

    static let sample = Sample(
        zeta: -3, alpha: 0.25, note: nil, inner: .init(flag: true, tags: ["a", "b"]), list: [.init(flag: false, tags: [])],
        big: 42)

    @Test func encodes_inDeclarationOrder_withNullForNil() throws {
        let document = try JSONValueEncoder().encode(Self.sample)
        #expect(document == [
            "zeta": -3, "alpha": 0.25, "note": .null, "inner": ["flag": true, "tags": ["a", "b"]],
            "list": [["flag": false, "tags": []]], "big": 42,
        ])
    }

    @Test func decodes_whatItEncodes() throws {
        let document = try JSONValueEncoder().encode(Self.sample)
        #expect(try JSONValueDecoder().decode(Sample.self, from: document) == Self.sample)
        let reparsed = try JSONValue.parse(document.serializedBytes())
        #expect(try JSONValueDecoder().decode(Sample.self, from: reparsed) == Self.sample)
    }

    @Test func wholeNumberReadsAsDouble_butAFractionNeverAsAnInt() throws {
        struct Numbers: Codable { var d: Double; var i: Int }
        #expect(try JSONValueDecoder().decode(Numbers.self, from: ["d": 3, "i": 4]).d == 3)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Numbers.self, from: ["d": 3, "i": 4.5]) }
    }

    @Test func unsignedAboveIntMax_isAnError() {
        struct Big: Encodable { var value: UInt64 }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Big(value: .max)) }
    }

    @Test func nonFiniteDouble_isAnError() {
        struct Bad: Encodable { var value: Double }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Bad(value: .nan)) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Bad(value: .infinity)) }
    }

    @Test func errorsNameTheJSONPath() {
        do {
            _ = try JSONValueDecoder().decode(Sample.self, from: [
                "zeta": 1, "alpha": 1, "inner": ["flag": true, "tags": ["a", 3]], "list": [], "big": 1,
            ])
            Issue.record("decoded a wrong document")
        } catch {
            #expect(JSONValueDecoder.describe(error) == "$.inner.tags[1]: expected a string, found a whole number")
        }
        do {
            _ = try JSONValueDecoder().decode(Sample.self, from: ["zeta": 1])
            Issue.record("decoded a wrong document")
        } catch {
            #expect(JSONValueDecoder.describe(error) == "$: missing required key \"alpha\"")
        }
    }
}
