import ArgumentParsing
import CaseSampling
import Foundation

/// Steps several subcommands share: finding the spec and reading the delimiter option.
enum CommandSupport {
    /// The spec named by `--spec`, with its bytes.
    static func loadSpec(_ arguments: ParsedArguments) throws -> (SampleSpec, [UInt8]) {
        let loaded = try loadSpecWithSource(arguments)
        return (loaded.spec, loaded.bytes)
    }

    /// The spec named by `--spec` (a built-in name or a file), with where it came from and its bytes.
    /// An unknown built-in name is a usage error (exit 64) that names the built-in specs and a near miss.
    static func loadSpecWithSource(_ arguments: ParsedArguments) throws -> (spec: SampleSpec, source: SampleSpec.Source, bytes: [UInt8]) {
        let value = arguments.requiredString("spec")
        let result = Result { () throws(SpecError) in try SampleSpec.load(nameOrPath: value) }
        if case .failure(let error) = result, !SampleSpec.isPath(value), BuiltInSpecs.bytes(named: value) == nil {
            throw arguments.usageError("--spec '\(value)': \(error.message)")
        }
        return try result.get()
    }

    /// Runs `work` with a progress line for the long list at `path` (see ``ProgressReporter``).
    static func withProgress<T>(reading path: String, _ arguments: ParsedArguments, _ work: () throws -> T) rethrows -> T {
        let progress = ProgressReporter.start(path: path, quiet: arguments.flag("quiet"))
        defer { progress?.finish() }
        return try work()
    }

    /// The byte `--delimiter` names, or nil to detect it.
    static func delimiter(_ arguments: ParsedArguments) throws -> UInt8? {
        guard let value = arguments.string("delimiter") else { return nil }
        guard let byte = Delimiter.byte(named: value) else {
            throw arguments.usageError("--delimiter must be comma, semicolon, tab or one ASCII character other than a quote or line break, got '\(value)'")
        }
        return byte
    }

}

/// A failure the command reports as `Error: …` with exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}
