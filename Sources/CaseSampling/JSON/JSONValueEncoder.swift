/// Encodes an `Encodable` value as a ``JSONValue``, keeping members in the order they are encoded.
///
/// The tool's records (`draw.json`, `finalize.json`) are Swift types whose `Codable` conformances say
/// what each file holds; this encoder turns one into the ordered document that ``JSONValue`` writes
/// byte for byte the same everywhere:
///
/// ```swift
/// struct Seeded: Encodable { var seed: Int; var share: Double; var note: String? }
/// let document = try JSONValueEncoder().encode(Seeded(seed: 7, share: 0.25, note: nil))
/// document.serialized()   // {"seed": 7, "share": 0.25, "note": null} over four lines
/// ```
///
/// Integers become ``JSONValue/int(_:)`` and floating-point numbers ``JSONValue/double(_:)``, so the
/// record's types decide how each number is written. An optional that is nil is written as `null`
/// (records say "not applicable" explicitly); a type that leaves a member out instead writes its own
/// `encode(to:)`.
package struct JSONValueEncoder {
    package init() {}

    /// The document for `value`.
    ///
    /// - Throws: `EncodingError.invalidValue` for an unsigned integer above `Int.max`, a number that is
    ///   not finite, or a value that encodes nothing.
    package func encode<Value: Encodable>(_ value: Value) throws -> JSONValue {
        let encoder = ValueEncoder(codingPath: [])
        try encoder.encodeValue(value)
        guard let node = encoder.node else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "the value encoded nothing"))
        }
        return node.value
    }
}

// MARK: - Implementation

/// A document under construction: containers are references so that nested containers can be filled
/// after they were handed out.
private enum Node {
    case value(JSONValue)
    case object(ObjectNode)
    case array(ArrayNode)

    var value: JSONValue {
        switch self {
        case .value(let value): value
        case .object(let object): .object(object.members.map { ($0.0, $0.1.value) })
        case .array(let array): .array(array.elements.map(\.value))
        }
    }
}

private final class ObjectNode {
    var members: [(String, Node)] = []

    func set(_ key: String, _ node: Node) {
        if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = node } else { members.append((key, node)) }
    }
}

private final class ArrayNode {
    var elements: [Node] = []
}

private final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var node: Node?

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectNode
        if case .object(let existing)? = node {
            object = existing
        } else {
            object = ObjectNode()
            node = .object(object)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayNode
        if case .array(let existing)? = node {
            array = existing
        } else {
            array = ArrayNode()
            node = .array(array)
        }
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// Encodes `value` into this encoder's node.
    func encodeValue(_ value: some Encodable) throws {
        if let scalar = try Self.scalar(value, codingPath: codingPath) {
            node = .value(scalar)
        } else {
            try value.encode(to: self)
        }
    }

    /// The node for `value` encoded at `path`.
    static func node(for value: some Encodable, at path: [any CodingKey]) throws -> Node {
        let encoder = ValueEncoder(codingPath: path)
        try encoder.encodeValue(value)
        return encoder.node ?? .object(ObjectNode())
    }

    /// The document value of a standard-library scalar, or nil for other types.
    static func scalar(_ value: some Encodable, codingPath: [any CodingKey]) throws -> JSONValue? {
        switch value {
        case let v as Bool: return .bool(v)
        case let v as String: return .string(v)
        case let v as Int: return .int(v)
        case let v as Int8: return .int(Int(v))
        case let v as Int16: return .int(Int(v))
        case let v as Int32: return .int(Int(v))
        case let v as Int64: return .int(Int(v))
        case let v as UInt8: return .int(Int(v))
        case let v as UInt16: return .int(Int(v))
        case let v as UInt32: return .int(Int(v))
        case let v as UInt: return try integer(exactly: v, codingPath: codingPath)
        case let v as UInt64: return try integer(exactly: v, codingPath: codingPath)
        case let v as Double: return try finite(v, codingPath: codingPath)
        case let v as Float: return try finite(Double(v), codingPath: codingPath)
        default: return nil
        }
    }

    static func integer(exactly value: some BinaryInteger, codingPath: [any CodingKey]) throws -> JSONValue {
        guard let int = Int(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) is larger than a JSON integer here can hold"))
        }
        return .int(int)
    }

    static func finite(_ value: Double, codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite, value.magnitude < 0x1p63 else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSON has no text for \(value)"))
        }
        return .double(value)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .value(.null)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(key.stringValue, try ValueEncoder.node(for: value, at: codingPath + [key]))
    }

    // The common scalars straight into the document, without an encoder of their own (a record with
    // 300,000 unit lines encodes millions of them); the same values the generic path gives.
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .value(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .value(.string(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, .value(.int(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.set(key.stringValue, .value(try ValueEncoder.finite(value, codingPath: codingPath + [key])))
    }

    // A nil optional is written as `null`, not left out (see ``JSONValueEncoder``).
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOptional(value, key) }

    private mutating func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        object.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        object.set(key.stringValue, .array(nested))
        return UnkeyedContainer(array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = ValueEncoder(codingPath: codingPath + [key])
        let object = ObjectNode()
        encoder.node = .object(object)
        self.object.set(key.stringValue, .object(object))
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: ArrayNode
    let codingPath: [any CodingKey]
    var count: Int { array.elements.count }

    private var nextKey: any CodingKey { IndexKey(array.elements.count) }

    mutating func encodeNil() throws { array.elements.append(.value(.null)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try ValueEncoder.node(for: value, at: codingPath + [nextKey]))
    }

    mutating func encode(_ value: Bool) throws { array.elements.append(.value(.bool(value))) }
    mutating func encode(_ value: String) throws { array.elements.append(.value(.string(value))) }
    mutating func encode(_ value: Int) throws { array.elements.append(.value(.int(value))) }
    mutating func encode(_ value: Double) throws {
        array.elements.append(.value(try ValueEncoder.finite(value, codingPath: codingPath + [nextKey])))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        let path = codingPath + [nextKey]
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        let path = codingPath + [nextKey]
        array.elements.append(.array(nested))
        return UnkeyedContainer(array: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = ValueEncoder(codingPath: codingPath + [nextKey])
        let object = ObjectNode()
        encoder.node = .object(object)
        array.elements.append(.object(object))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}

/// The coding key of an array element.
struct IndexKey: CodingKey {
    var stringValue: String { "[\(index)]" }
    var intValue: Int? { index }
    let index: Int

    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
}
