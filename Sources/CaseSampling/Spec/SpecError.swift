import NearMatch

/// A spec file that cannot be used, with the JSON path of the problem.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Where in the document, such as `$.rules[2].when.all[0].column`; empty for a problem with the
    /// spec as a whole (an unknown built-in name, an unreadable file).
    public var path: String
    public var message: String

    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): error: \(path): \(message)" }
}
