import ArgumentParsing
import CaseSampling
import Foundation

/// The `casesample` tool: parses the command line, runs the subcommand it
/// names, and maps the outcome to an exit code.
///
/// - 0: done, or help or the version was printed.
/// - 1: the input or data was wrong, or the work failed (`Error: …` on
///   standard error).
/// - 64: the command line was wrong (`Error: …`, the usage line and a hint on
///   standard error).
@main
enum CaseSampleCommand {
    /// The subcommands, in the order the help lists them.
    static let subcommands: [any Subcommand.Type] = [
        Inspect.self, Units.self, Draw.self, Simulate.self, Verify.self, Finalize.self, Replace.self, Size.self, Confidence.self,
        Specs.self, Completions.self,
    ]

    static var description: CommandDescription {
        CommandDescription(
            name: "casesample",
            abstract: "Draw case samples for probation inspections.",
            discussion: """
                casesample checks a long list of cases and summarises it by unit, draws a \
                reproducible sample with substitutes from it, re-runs a recorded draw to prove \
                it, makes the final sample from the list the organisation returns and replaces \
                cases during fieldwork, and sizes samples and findings by their margin of error.

                Exit status: 0 on success, 1 when the input or data is wrong, 64 when the \
                command line is wrong.
                """,
            version: caseSampleVersion,
            examples: [
                .init(
                    "Check the shipped example long list:",
                    "casesample inspect SampleSpecs/examples/long-list.csv"),
                .init(
                    "Summarise its cases by unit, to choose the units to sample:",
                    "casesample units SampleSpecs/examples/long-list.csv"),
                .init(
                    "Draw its sample into a new directory:",
                    "casesample draw SampleSpecs/examples/long-list.csv --out draw-2024-06"),
                .init(
                    "Prove that the recorded draw can be reproduced:",
                    "casesample verify draw-2024-06 SampleSpecs/examples/long-list.csv"),
            ],
            subcommands: subcommands.map { $0.description })
    }

    static func main() {
        InterruptCleanup.install()
        let status = run(Array(CommandLine.arguments.dropFirst()))
        exit(status.rawValue)
    }

    /// Runs one command line and returns the exit code; output goes to
    /// standard output and errors to standard error.
    static func run(_ arguments: [String]) -> ExitCode {
        let root = description
        do {
            switch try root.parse(arguments) {
            case .helpRequested(let commandPath):
                print(root.helpText(for: commandPath), terminator: "")
            case .versionRequested(let version):
                print(version)
            case .command(let parsed):
                guard let subcommand = subcommands.first(where: { $0.description.name == parsed.commandName }) else {
                    preconditionFailure("No subcommand type for '\(parsed.commandName)'")
                }
                try subcommand.run(parsed)
            }
            return .success
        } catch let error as UsageError {
            InterruptCleanup.holdIfInterrupted()
            StandardError.write(error.report)
            return .usage
        } catch {
            // An interrupt's cleanup can make the work fail; the signal, not that failure, ends the run.
            InterruptCleanup.holdIfInterrupted()
            StandardError.write("Error: \(String(describing: error))\n")
            return .failure
        }
    }
}

/// Writes to standard error, unbuffered, with control characters escaped (``TerminalText``).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.escaped(text).utf8))
    }
}

/// Every `print` of the tool, in place of the standard library's: the same output with control
/// characters escaped (``TerminalText``), so that nothing read from a file can drive the terminal.
func print(_ text: String, terminator: String = "\n") {
    Swift.print(TerminalText.escaped(text), terminator: terminator)
}
