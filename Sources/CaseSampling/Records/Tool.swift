/// The program that wrote a record.
public struct Tool: Codable, Sendable, Equatable {
    public var name: String
    public var version: String

    /// casesample at `version`.
    public static func casesample(_ version: String) -> Tool { Tool(name: "casesample", version: version) }
}

/// The spec a record was made with: its name, the file beside the record that holds it as used,
/// that file's SHA-256 and where it came from.
public struct SpecReference: Codable, Sendable, Equatable {
    public var name: String
    public var file: String
    public var sha256: String
    /// `built-in` (compiled into casesample, `--spec NAME`) or `file` (`--spec FILE`); absent from
    /// records written before casesample 0.2.0, and from those of callers that do not say.
    public var source: String?

    public init(name: String, file: String = OutputFiles.spec, sha256: String, source: String? = nil) {
        self.name = name
        self.file = file
        self.sha256 = sha256
        self.source = source
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(file, forKey: .file)
        try container.encode(sha256, forKey: .sha256)
        if let source { try container.encode(source, forKey: .source) }
    }
}
