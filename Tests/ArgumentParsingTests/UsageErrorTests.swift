import ArgumentParsing
import Testing

/// A command line that must fail, the message it must fail with, and the
/// command the error must be about.
struct FailingCommandLine: CustomTestStringConvertible, Sendable {
    let arguments: [String]
    let message: String
    let commandPath: [String]
    let sourceLocation: SourceLocation

    init(
        _ arguments: [String], _ message: String, in commandPath: [String] = ["tool", "count"],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        self.arguments = arguments
        self.message = message
        self.commandPath = commandPath
        self.sourceLocation = sourceLocation
    }

    var testDescription: String { arguments.joined(separator: " ") }
}

@Suite("Usage errors")
struct UsageErrorTests {
    static let cases: [FailingCommandLine] = [
        // Unknown subcommands, near and far.
        .init(["cuont"], "Unknown subcommand 'cuont'. Did you mean 'count'?", in: ["tool"]),
        .init(["mrege"], "Unknown subcommand 'mrege'. Did you mean 'merge'?", in: ["tool"]),
        .init(["statistics"], "Unknown subcommand 'statistics'", in: ["tool"]),
        .init(["help", "cuont"], "Unknown subcommand 'cuont'. Did you mean 'count'?", in: ["tool"]),
        .init(["help", "count", "extra"], "Unexpected argument 'extra'"),
        // Unknown options, near and far.
        .init(["--hepl"], "Unknown option '--hepl'. Did you mean '--help'?", in: ["tool"]),
        .init(["--verison"], "Unknown option '--verison'. Did you mean '--version'?", in: ["tool"]),
        .init(["--json"], "Unknown option '--json'", in: ["tool"]),
        .init(["count", "a", "--out", "d", "--szie", "3"], "Unknown option '--szie'. Did you mean '--size'?"),
        .init(["count", "a", "--out", "d", "--sze=3"], "Unknown option '--sze'. Did you mean '--size'?"),
        .init(["count", "a", "--out", "d", "--colour"], "Unknown option '--colour'"),
        .init(["count", "a", "--out", "d", "-x"], "Unknown option '-x'"),
        .init(["count", "a", "--out", "d", "-size", "3"], "Unknown option '-size'. Did you mean '--size'?"),
        .init(["count", "a", "--out", "d", "--version"], "Unknown option '--version'"),
        // Missing values and arguments.
        .init(["count", "a", "--out"], "Missing value for '--out <dir>'"),
        .init(["count", "a", "--out", "--json"], "Missing value for '--out <dir>'"),
        .init(["count", "a", "--out="], "Missing value for '--out <dir>'"),
        .init(["count", "a", "--out", "d", "-s"], "Missing value for '--size <n>'"),
        .init(["count", "--out", "d"], "Missing expected argument '<file>'"),
        .init(["count", "a"], "Missing expected argument '--out <dir>'"),
        .init(["merge"], "Missing expected argument '<first>'", in: ["tool", "merge"]),
        // Extra arguments.
        .init(["merge", "a", "b", "c"], "Unexpected argument 'c'", in: ["tool", "merge"]),
        .init(["merge", "a", "b", "c", "d"], "2 unexpected arguments: 'c', 'd'", in: ["tool", "merge"]),
        .init(["count", "a", "--out", "d", "--json=yes"], "--json is a flag and takes no value, got 'yes'"),
        // Invalid values.
        .init(["count", "a", "--out", "d", "--size", "abc"], "--size must be a whole number ≥ 1, got 'abc'"),
        .init(["count", "a", "--out", "d", "--size=0"], "--size must be a whole number ≥ 1, got '0'"),
        .init(["count", "a", "--out", "d", "-s", "2.5"], "--size must be a whole number ≥ 1, got '2.5'"),
        .init(
            ["count", "a", "--out", "d", "--kind", "meen"],
            "--kind must be one of mean, median, mode, got 'meen'. Did you mean 'mean'?"),
        .init(["count", "a", "--out", "d", "--kind", "average"], "--kind must be one of mean, median, mode, got 'average'"),
        .init(["count", "a", "--out", "d", "--ratio", "1"], "--ratio must be a number > 0 and < 1, got '1'"),
        .init(["count", "a", "--out", "d", "--ratio=nan"], "--ratio must be a number > 0 and < 1, got 'nan'"),
    ]

    @Test(arguments: cases)
    func parse_badCommandLine_throwsExactMessage(_ failing: FailingCommandLine) {
        guard let error = Fixtures.usageError(failing.arguments) else {
            Issue.record("Parsed without error", sourceLocation: failing.sourceLocation)
            return
        }
        #expect(error.message == failing.message, sourceLocation: failing.sourceLocation)
        #expect(error.commandPath == failing.commandPath, sourceLocation: failing.sourceLocation)
        #expect(error.description == error.message, sourceLocation: failing.sourceLocation)
    }

    @Test func unknownOption_carriesNameAndSuggestion() {
        let error = Fixtures.usageError(["count", "a", "--out", "d", "--szie", "3"])
        #expect(error?.kind == .unknownOption("--szie", suggestion: "--size"))
    }

    @Test func report_hasErrorUsageAndHint() {
        let error = Fixtures.usageError(["count", "a"])
        #expect(error?.report == """
            Error: Missing expected argument '--out <dir>'
            Usage: tool count <file> [<more> ...] [--size <n>] [--kind <kind>]
                   [--tag <tag> ...] [--ratio <ratio>] [--offset <offset>]
                   [--threshold <threshold>] --out <dir> [--a-very-long-option-name <value>]
                   [--json]
              See 'tool count --help' for more information.

            """)
        #expect(error?.usage == HelpFormatterUsage.count)
    }

    @Test func report_forRootError_showsRootUsage() {
        let error = Fixtures.usageError(["cuont"])
        #expect(error?.report == """
            Error: Unknown subcommand 'cuont'. Did you mean 'count'?
            Usage: tool <subcommand>
              See 'tool --help' for more information.

            """)
    }

    @Test func exitCodes_followSysexits() {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.usage.rawValue == 64)
    }
}
