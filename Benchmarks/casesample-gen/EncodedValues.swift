/// A list of field values stored once, already encoded as CSV, in one flat byte array.
///
/// A value is quoted only when RFC 4180 requires it: when it holds a comma, a double quote, a
/// carriage return or a line feed. Inside quotes each `"` is doubled. So `Smith, Jr` is stored as
/// `"Smith, Jr"`, `O"Brien` as `"O""Brien"`, and `O’Neil` as it is (UTF-8, unquoted).
///
/// Layout, for the values `["Low", "Smith, Jr"]`:
///
///     bytes:  L o w " S m i t h ,   J r "
///     starts: 0     3                     14
///
/// Value `i` is `bytes[starts[i] ..< starts[i + 1]]`. Copying one out of a single shared array
/// keeps reference counting out of the row loop.
struct EncodedValues {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = [0]

    init<S: Sequence>(_ values: S) where S.Element == String {
        for value in values { append(value) }
    }

    var count: Int { starts.count - 1 }

    /// The CSV encoding of `value` as a field.
    static func encode(_ value: String) -> [UInt8] {
        let utf8 = Array(value.utf8)
        let needsQuotes = utf8.contains { $0 == .comma || $0 == .quote || $0 == .cr || $0 == .lf }
        guard needsQuotes else { return utf8 }
        var field: [UInt8] = [.quote]
        for byte in utf8 {
            if byte == .quote { field.append(.quote) }
            field.append(byte)
        }
        field.append(.quote)
        return field
    }

    mutating func append(_ value: String) {
        bytes.append(contentsOf: Self.encode(value))
        starts.append(bytes.count)
    }
}

extension UInt8 {
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let zero = UInt8(ascii: "0")
}
