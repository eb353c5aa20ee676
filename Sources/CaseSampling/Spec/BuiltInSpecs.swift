import Foundation
import NearMatch

/// The specs shipped in `SampleSpecs/`, compiled into the library so that a copied `casesample`
/// executable has them wherever it runs (a resource bundle beside it would be lost in the copy).
///
/// `SampleSpecs/*.json` are the single source: `scripts/generate-builtin-specs.sh` writes their texts
/// into `BuiltInSpecs+Generated.swift`, and a test fails when the two differ by a byte.
///
/// ```swift
/// let loaded = try SampleSpec.load(nameOrPath: "domain-two")   // built in
/// let custom = try SampleSpec.load(nameOrPath: "my-spec.json") // a file
/// ```
public enum BuiltInSpecs {
    /// The names of the built-in specs, in file-name order: `domain-two`, ….
    public static var names: [String] { sources.map(\.name) }

    /// The JSON bytes of the built-in spec `name`, exactly as in `SampleSpecs/<name>.json`; nil for
    /// an unknown name.
    public static func bytes(named name: String) -> [UInt8]? {
        sources.first { $0.name == name }.map { Array($0.text.utf8) }
    }

    /// Every built-in spec, loaded. A built-in spec that fails to load is a bug the tests catch.
    public static func all() -> [SampleSpec] {
        sources.compactMap { try? SampleSpec.load(bytes: Array($0.text.utf8), file: $0.name) }
    }
}

extension SampleSpec {
    /// Where a spec came from: compiled into casesample, or read from a file.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// One of ``BuiltInSpecs`` (`--spec NAME`).
        case builtIn(name: String)
        /// A spec file (`--spec FILE`), by the path as given.
        case file(path: String)

        /// How `draw.json` records it: `built-in`, or `file` (a path would make the record depend
        /// on the folder it was drawn from; the spec's bytes are in `spec.json` either way).
        public var recordValue: String {
            switch self {
            case .builtIn: "built-in"
            case .file: "file"
            }
        }

        public var description: String {
            switch self {
            case .builtIn(let name): "built-in spec \(name)"
            case .file(let path): path
            }
        }
    }

    /// Loads a built-in spec by name, or a spec file by path.
    ///
    /// A value that contains `/` or ends in `.json` is a file path; anything else names one of
    /// ``BuiltInSpecs`` (see `casesample specs`).
    ///
    /// - Throws: ``SpecError``: an unknown built-in name (with the names there are and a near miss),
    ///   an unreadable file, or a spec that does not load.
    public static func load(nameOrPath: String) throws(SpecError) -> (spec: SampleSpec, source: Source, bytes: [UInt8]) {
        if isPath(nameOrPath) {
            guard let data = FileManager.default.contents(atPath: nameOrPath) else {
                throw SpecError(file: nameOrPath, path: "", message: "cannot read this spec file (built-in specs are named without .json: \(BuiltInSpecs.names.joined(separator: ", ")))")
            }
            let bytes = [UInt8](data)
            return (try load(bytes: bytes, file: nameOrPath), .file(path: nameOrPath), bytes)
        }
        guard let bytes = BuiltInSpecs.bytes(named: nameOrPath) else {
            var message = "no built-in spec has this name"
            if let near = EditDistance.nearest(to: nameOrPath, among: BuiltInSpecs.names) { message += " (did you mean \"\(near)\"?)" }
            message += "; built-in specs: \(BuiltInSpecs.names.joined(separator: ", ")) ('casesample specs' lists them); for a spec file give its path, such as ./\(nameOrPath).json"
            throw SpecError(file: nameOrPath, path: "", message: message)
        }
        return (try load(bytes: bytes, file: "built-in spec \(nameOrPath)"), .builtIn(name: nameOrPath), bytes)
    }

    /// Whether `--spec` names a file rather than a built-in spec.
    public static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".json")
    }
}
