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

    /// The scalar overloads that a hand-written `encode(to:)` calls (keyed, optional and unkeyed) write
    /// what the generic path writes, and a non-finite number is still an error naming its key.
    @Test func scalarOverloads_writeWhatTheGenericPathWrites() throws {
        struct Manual: Encodable {
            var flag: Bool?, text: String?, count: Int?, share: Double?
            enum CodingKeys: String, CodingKey { case flag, text, count, share, list }
            func encode(to encoder: any Encoder) throws {
                var keyed = encoder.container(keyedBy: CodingKeys.self)
                try keyed.encodeIfPresent(flag, forKey: .flag)
                try keyed.encodeIfPresent(text, forKey: .text)
                try keyed.encodeIfPresent(count, forKey: .count)
                try keyed.encodeIfPresent(share, forKey: .share)
                var list = keyed.nestedUnkeyedContainer(forKey: .list)
                if let flag { try list.encode(flag) }
                if let text { try list.encode(text) }
                if let count { try list.encode(count) }
                if let share { try list.encode(share) }
            }
        }
        struct Synthesised: Encodable { var flag: Bool?, text: String?, count: Int?, share: Double?, list: [GenericScalar] }
        enum GenericScalar: Encodable {
            case flag(Bool), text(String), count(Int), share(Double)
            func encode(to encoder: any Encoder) throws {
                var single = encoder.singleValueContainer()
                switch self {
                case .flag(let v): try single.encode(v)
                case .text(let v): try single.encode(v)
                case .count(let v): try single.encode(v)
                case .share(let v): try single.encode(v)
                }
            }
        }
        let manual = try JSONValueEncoder().encode(Manual(flag: false, text: "é\u{1}", count: -7, share: 0.1))
        let generic = try JSONValueEncoder().encode(Synthesised(
            flag: false, text: "é\u{1}", count: -7, share: 0.1, list: [.flag(false), .text("é\u{1}"), .count(-7), .share(0.1)]))
        #expect(manual == generic)
        #expect(try JSONValueEncoder().encode(Manual(flag: nil, text: nil, count: nil, share: nil))
            == ["flag": .null, "text": .null, "count": .null, "share": .null, "list": []])
        do {
            _ = try JSONValueEncoder().encode(Manual(flag: nil, text: nil, count: nil, share: .infinity))
            Issue.record("encoded infinity")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["share"])
        }
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
