/// The field delimiters casesample knows by name (comma, semicolon and tab) and how it names any other.
public enum Delimiter {
    public static let comma: UInt8 = 0x2C
    public static let semicolon: UInt8 = 0x3B
    public static let tab: UInt8 = 0x09

    /// The named delimiters, in the order detection prefers them on a tie.
    public static let named: [(name: String, byte: UInt8)] = [("comma", comma), ("semicolon", semicolon), ("tab", tab)]

    /// `comma`, `semicolon`, `tab`, or the character itself.
    public static func name(of byte: UInt8) -> String {
        named.first { $0.byte == byte }?.name ?? String(UnicodeScalar(byte))
    }

    /// The delimiter a `--delimiter` value names: `comma`, `semicolon`, `tab`, or one ASCII character
    /// other than a quote or a line break; nil for anything else.
    public static func byte(named value: String) -> UInt8? {
        if let known = named.first(where: { $0.name == value }) { return known.byte }
        guard value.utf8.count == 1, let byte = value.utf8.first, byte < 0x80, byte != 0x22, byte != 0x0A, byte != 0x0D else {
            return nil
        }
        return byte
    }
}
