/// A record (`draw.json`, `finalize.json`) that cannot be read: not JSON, or not the record expected.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
