import Foundation
import Testing

/// The exit codes the tool promises (see `ExitCode` in ArgumentParsing).
private enum Status {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
}

@Suite("casesample command line")
struct CaseSampleCommandTests {
    static let subcommands = ["inspect", "units", "draw", "verify", "finalize", "replace", "size", "confidence", "specs", "completions"]

    // MARK: - Help and version

    @Test func help_listsEverySubcommandAndExamples() throws {
        let result = try ExecutableRunner.run(["--help"])
        #expect(result.exitCode == Status.success, "\(result)")
        #expect(result.standardError.isEmpty, "\(result)")
        #expect(result.standardOutput.hasPrefix("OVERVIEW: Draw case samples for probation inspections.\n"))
        #expect(result.standardOutput.contains("USAGE: casesample <subcommand>\n"))
        #expect(result.standardOutput.contains("\nSUBCOMMANDS:\n"))
        for name in Self.subcommands {
            #expect(result.standardOutput.contains("\n  \(name) "), "\(name) missing from \(result)")
        }
        #expect(result.standardOutput.contains("  See 'casesample help <subcommand>' for detailed help.\n"))
        #expect(result.standardOutput.contains("\nEXAMPLES:\n"))
        #expect(result.standardOutput.contains("    casesample draw SampleSpecs/examples/long-list.csv --out "))
    }

    @Test(arguments: [[], ["-h"], ["help"]])
    func rootHelp_hasEverySpelling(arguments: [String]) throws {
        let result = try ExecutableRunner.run(arguments)
        let help = try ExecutableRunner.run(["--help"])
        #expect(result.exitCode == Status.success, "\(result)")
        #expect(result.standardOutput == help.standardOutput)
    }

    @Test func version_printsVersion() throws {
        let result = try ExecutableRunner.run(["--version"])
        #expect(result.exitCode == Status.success, "\(result)")
        #expect(result.standardOutput == "0.1.0\n")
        #expect(result.standardError.isEmpty)
    }

    @Test func inspectHelp_showsUsageArgumentsAndExamples() throws {
        let result = try ExecutableRunner.run(["inspect", "--help"])
        #expect(result.exitCode == Status.success, "\(result)")
        #expect(result.standardOutput.hasPrefix("OVERVIEW: Check a long list and show what is in it.\n"))
        #expect(result.standardOutput.contains("\nUSAGE: casesample inspect <long-list> [--json] [--quiet]\n       [--fieldwork-start <date>] [--spec <spec>] [--delimiter <delimiter>]\n"))
        #expect(result.standardOutput.contains("\n  <long-list> "))
        #expect(result.standardOutput.contains("\n  --delimiter <delimiter> "))
        #expect(result.standardOutput.contains("\nEXAMPLES:\n"))
    }

    @Test(arguments: subcommands)
    func subcommandHelp_isTheSameForEverySpelling(name: String) throws {
        let help = try ExecutableRunner.run([name, "--help"])
        #expect(help.exitCode == Status.success, "\(help)")
        #expect(help.standardOutput.contains("\nUSAGE: casesample \(name)"))
        #expect(help.standardOutput.contains("\nEXAMPLES:\n"))
        #expect(try ExecutableRunner.run(["help", name]).standardOutput == help.standardOutput)
        #expect(try ExecutableRunner.run([name, "-h"]).standardOutput == help.standardOutput)
    }

    @Test func drawHelp_documentsDefaults() throws {
        let result = try ExecutableRunner.run(["draw", "--help"])
        #expect(result.standardOutput.contains("(default: domain-two)"))
        #expect(result.standardOutput.contains("(default: 20181101)"))
        #expect(result.standardOutput.contains("(default: 1)"))
        #expect(result.standardOutput.contains("--out <dir>"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completions_printAScriptForEachShell(shell: String) throws {
        let result = try ExecutableRunner.run(["completions", shell])
        #expect(result.exitCode == Status.success, "\(result)")
        #expect(result.standardOutput.contains("completion for casesample"))
        for name in Self.subcommands { #expect(result.standardOutput.contains(name), "\(shell): \(name)") }
        #expect(result.standardOutput.contains("--max-per-officer") || result.standardOutput.contains("-l max-per-officer"))
    }

    @Test func specs_listsTheBuiltInSpecs_andExplainsOne() throws {
        let list = try ExecutableRunner.run(["specs"])
        #expect(list.exitCode == Status.success, "\(list)")
        let files = try FileManager.default.contentsOfDirectory(atPath: DrawCommandTests.root.appendingPathComponent("SampleSpecs").path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(!files.isEmpty)
        for name in files { #expect(list.standardOutput.contains("\n  \(name)  "), "\(name)") }

        let one = try ExecutableRunner.run(["specs", "domain-two"])
        #expect(one.exitCode == Status.success, "\(one)")
        for text in ["Columns the long list needs", "  gender: \"Gender\", \"Sex\"", "  yot-held: Held by a YOT",
                     "Stratified by", "  rosh: Low, Medium, High, Very high", "Size: enough for ±5 points at 80% confidence"] {
            #expect(one.standardOutput.contains(text), "\(text)")
        }
        let json = try ExecutableRunner.run(["specs", "domain-two", "--json"])
        #expect(Data(json.standardOutput.utf8) == (try Data(contentsOf: DrawCommandTests.root.appendingPathComponent("SampleSpecs/domain-two.json"))))

        let unknown = try ExecutableRunner.run(["specs", "domain-tow"])
        #expect(unknown.exitCode == Status.usage)
        #expect(unknown.standardError.contains("Did you mean 'domain-two'?"), "\(unknown)")
    }

    @Test func completions_unknownShell_exits64NamingTheShells() throws {
        let result = try ExecutableRunner.run(["completions", "tcsh"])
        #expect(result.exitCode == Status.usage, "\(result)")
        #expect(result.standardError.contains("bash, zsh, fish"), "\(result)")
    }

    // MARK: - Usage errors

    @Test func misspelledSubcommand_exits64WithSuggestion() throws {
        let result = try ExecutableRunner.run(["drwa"])
        #expect(result.exitCode == Status.usage, "\(result)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            Error: Unknown subcommand 'drwa'. Did you mean 'draw'?
            Usage: casesample <subcommand>
              See 'casesample --help' for more information.

            """)
    }

    @Test func misspelledOption_exits64NamingItAndSuggesting() throws {
        let result = try ExecutableRunner.run(["draw", "x.csv", "--seeed", "3", "--out", "d"])
        #expect(result.exitCode == Status.usage, "\(result)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("Error: Unknown option '--seeed'. Did you mean '--seed'?\n"))
        #expect(result.standardError.contains("\nUsage: casesample draw <long-list> "))
        #expect(result.standardError.hasSuffix("\n  See 'casesample draw --help' for more information.\n"))
    }

    @Test func missingRequiredOut_exits64() throws {
        let result = try ExecutableRunner.run(["draw", "x.csv"])
        #expect(result.exitCode == Status.usage, "\(result)")
        #expect(result.standardError.hasPrefix("Error: Missing expected argument '--out <dir>'\n"))
    }

    @Test func invalidSize_exits64NamingTheOption() throws {
        let result = try ExecutableRunner.run(["draw", "x.csv", "--size", "abc", "--out", "d"])
        #expect(result.exitCode == Status.usage, "\(result)")
        #expect(result.standardError.hasPrefix("Error: --size must be a whole number ≥ 1, got 'abc'\n"))
    }

    @Test(arguments: [
        (["inspect"], "Error: Missing expected argument '<long-list>'\n"),
        (["inspect", "x.csv", "--delimiter", "pipe"],
         "Error: --delimiter must be comma, semicolon, tab, or a single character, got 'pipe'\n"),
        (["verify", "d"], "Error: Missing expected argument '<long-list>'\n"),
        (["size", "--margin", "5"], "Error: --margin must be a number > 0 and < 1, got '5'\n"),
        (["confidence", "--yes", "-1"], "Error: --yes must be a whole number ≥ 0, got '-1'\n"),
        (["--verison"], "Error: Unknown option '--verison'. Did you mean '--version'?\n"),
    ])
    func badCommandLine_exits64(arguments: [String], firstLine: String) throws {
        let result = try ExecutableRunner.run(arguments)
        #expect(result.exitCode == Status.usage, "\(result)")
        #expect(result.standardError.hasPrefix(firstLine), "\(result)")
    }
}
