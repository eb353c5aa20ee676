/// A seed as a record writes it: a JSON integer, or, from 2^63 up (beyond the 64-bit signed integers
/// the records' JSON holds), its decimal digits as a string, so that every `UInt64` is a seed
/// (`--seed 18446744073709551615` is written `"seed": "18446744073709551615"`). Records from before
/// have integers only, and read as before.
enum RecordSeed {
    static func encode<Key: CodingKey>(_ seed: UInt64, to container: inout KeyedEncodingContainer<Key>, forKey key: Key) throws {
        if let integer = Int(exactly: seed) {
            try container.encode(integer, forKey: key)
        } else {
            try container.encode(String(seed), forKey: key)
        }
    }

    static func decode<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> UInt64 {
        // Any other string is refused as the integer decoder refuses it ("expected a whole number").
        if let text = try? container.decode(String.self, forKey: key), let seed = UInt64(text), Int(exactly: seed) == nil {
            return seed
        }
        return try container.decode(UInt64.self, forKey: key)
    }
}
