/// The SHA-256 of each of a set of files, by name, in the order they were listed: `{"provisional.csv":
/// {"sha256": "…"}, …}` in a record.
public struct FileDigests: Codable, Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// Lowercase hexadecimal.
        public var sha256: String

        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// The recorded digest of `name`.
    public subscript(name: String) -> String? { entries.first { $0.name == name }?.sha256 }

    public var names: [String] { entries.map(\.name) }

    private struct Digest: Codable {
        var sha256: String
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        entries = try container.allKeys.map { key in
            Entry(name: key.stringValue, sha256: try container.decode(Digest.self, forKey: key).sha256)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for entry in entries { try container.encode(Digest(sha256: entry.sha256), forKey: NameKey(entry.name)) }
    }
}

/// A coding key that is any name: the members of an object keyed by data, such as file names.
struct NameKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
