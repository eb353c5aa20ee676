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

    /// `--fieldwork-start`, checked to be a date (a usage error otherwise); nil when not given.
    static func fieldworkStart(_ arguments: ParsedArguments) throws -> String? {
        guard let date = arguments.string("fieldwork-start") else { return nil }
        guard SamplePeriod.isDate(date) else {
            throw arguments.usageError("--fieldwork-start must be a date such as 2026-03-02, got '\(date)'")
        }
        return date
    }

    /// The spec of `--spec` with its period placed by `--fieldwork-start`, for the commands that
    /// summarise a long list. A spec with a period needs `--fieldwork-start` when `required`; otherwise
    /// its period is left unapplied without it.
    static func loadSpecPlacingPeriod(_ arguments: ParsedArguments, required: Bool) throws -> SampleSpec {
        let (spec, _) = try loadSpec(arguments)
        guard spec.period != nil else { return spec }
        guard let date = try fieldworkStart(arguments) else {
            if required { throw arguments.usageError("the spec \"\(spec.name)\" samples a period placed by the start of fieldwork; give --fieldwork-start yyyy-mm-dd") }
            return spec
        }
        return try spec.resolvingPeriod(fieldworkStart: date).spec
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

    /// `--sheet`, `--column` and `--date-order` (``SharedOptions/longListReading``).
    static func inputOptions(_ arguments: ParsedArguments) throws -> InputOptions {
        var input = InputOptions(sheet: arguments.string("sheet"))
        for value in arguments.strings("column") {
            guard let mapping = ColumnMapping(argument: value) else {
                throw arguments.usageError("--column takes role=header, such as caseReference=\"Case Reference Number\"; got '\(value)'")
            }
            input.columns.append(mapping)
        }
        if let order = arguments.string("date-order") {
            guard let parsed = DateOrder(rawValue: order) else {
                throw arguments.usageError("--date-order must be dmy, mdy or ymd, got '\(order)'")
            }
            input.dateOrder = parsed
        }
        return input
    }

    /// Runs `body`, turning a `--column` that names no role of the spec into a usage error.
    static func mappingColumns<T>(_ arguments: ParsedArguments, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ColumnMappingError {
            throw arguments.usageError(error.message)
        }
    }
}

/// A failure the command reports as `Error: …` with exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}
