import ArgumentParsing
import CaseSampling
import Foundation

/// Steps several subcommands share: finding the spec and reading the delimiter option.
enum CommandSupport {
    /// An input problem found by the command itself (exit status 1).
    /// Folders searched for a spec given by name: `SampleSpecs` in the working directory, then beside
    /// the package the executable was built in (so `swift run` works from any folder of the clone).
    static var specSearchDirectories: [String] {
        var directories = [FileManager.default.currentDirectoryPath + "/SampleSpecs"]
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            directories.append(url.appendingPathComponent("SampleSpecs").path)
            url.deleteLastPathComponent()
        }
        return directories
    }

    /// The spec named by `--spec`, with its bytes.
    static func loadSpec(_ arguments: ParsedArguments) throws -> (SampleSpec, [UInt8]) {
        let loaded = try SampleSpec.load(nameOrPath: arguments.requiredString("spec"), searchDirectories: specSearchDirectories)
        return (loaded.spec, loaded.bytes)
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
