/// The program that wrote a record.
public struct Tool: Codable, Sendable, Equatable {
    public var name: String
    public var version: String

    /// casesample at `version`.
    public static func casesample(_ version: String) -> Tool { Tool(name: "casesample", version: version) }
}

/// The spec a record was made with: its name, the file beside the record that holds it as used, and
/// that file's SHA-256.
public struct SpecReference: Codable, Sendable, Equatable {
    public var name: String
    public var file: String
    public var sha256: String

    public init(name: String, file: String = OutputFiles.spec, sha256: String) {
        self.name = name
        self.file = file
        self.sha256 = sha256
    }
}
