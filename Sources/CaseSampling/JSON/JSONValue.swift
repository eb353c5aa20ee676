/// A JSON document as a value: the model behind the tool's JSON files, written byte-for-byte the same on
/// every platform and toolchain and read back strictly.
///
/// Objects keep their members in insertion order, and the writer keeps that order, so a document reads
/// in the order it was built. Build one with literals or cases, write it with ``serialized(indent:)``,
/// and read one with ``parse(_:)``:
///
/// ```swift
/// let draw: JSONValue = ["seed": 42, "share": 0.25, "strata": ["male", "female"]]
/// draw.serialized()
/// // {
/// //   "seed": 42,
/// //   "share": 0.25,
/// //   "strata": [
/// //     "male",
/// //     "female"
/// //   ]
/// // }
/// try JSONValue.parse(Array(text.utf8))["seed"]?.intValue  // 42
/// ```
///
/// Keys in an object should be unique: the writer writes what it is given, and the parser rejects
/// duplicate keys, so a document with repeated keys cannot be read back.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number with a fraction, written rounded to six decimal places (see ``serialized(indent:)``).
    /// It must be finite and smaller in magnitude than 2⁶³; other values stop the program.
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members in order. Keys compare as Swift strings, so canonically equivalent spellings (a precomposed
    /// `é` and `e` with a combining accent) are the same key.
    case object([(String, JSONValue)])
}

extension JSONValue: Equatable {
    /// Values are equal when they are the same case with equal payloads. Objects are equal when they have
    /// the same keys in the same order with equal values; `.int(1)` and `.double(1)` are not equal.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.int(let left), .int(let right)):
            return left == right
        case (.double(let left), .double(let right)):
            return left == right
        case (.string(let left), .string(let right)):
            return left == right
        case (.array(let left), .array(let right)):
            return left == right
        case (.object(let left), .object(let right)):
            return left.count == right.count
                && zip(left, right).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default:
            return false
        }
    }
}

extension JSONValue {
    /// The value of the first member named `key`, or nil when there is none or this is not an object.
    ///
    /// - Complexity: O(*n*) in the number of members.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The Boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The integer, when this is an ``int(_:)``; a double is never converted.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The number, when this is an ``int(_:)`` or a ``double(_:)``.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The text, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members in order, when this is an object.
    public var objectValue: [(String, JSONValue)]? {
        if case .object(let value) = self { return value }
        return nil
    }
}
