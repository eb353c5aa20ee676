import ArgumentParsing
import Foundation
import Testing

@Suite("Parsing command lines")
struct ParsingTests {
    @Test func parse_positionalOptionAndFlag_readsEachByName() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--size", "3", "--json", "--out", "d"])
        #expect(arguments.commandPath == ["tool", "count"])
        #expect(arguments.commandName == "count")
        #expect(arguments.string("file") == "a.txt")
        #expect(try arguments.int("size") == 3)
        #expect(arguments.flag("json"))
        #expect(arguments.string("out") == "d")
    }

    @Test func parse_equalsSyntax_readsValueAfterEquals() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--size=3", "--out=d", "--kind=median", "--tag=a=b"])
        #expect(try arguments.int("size") == 3)
        #expect(arguments.string("out") == "d")
        #expect(arguments.string("kind") == "median")
        #expect(arguments.string("tag") == "a=b")
    }

    @Test func parse_shortNames_readLikeLongNames() throws {
        let arguments = try Fixtures.parsed(["count", "-s", "4", "-j", "a.txt", "--out", "d"])
        #expect(try arguments.int("size") == 4)
        #expect(arguments.flag("json"))
    }

    @Test func parse_optionsAndFlagsBeforeAndBetweenPositionals_keepPositionalOrder() throws {
        let arguments = try Fixtures.parsed(["count", "--json", "--out", "d", "a.txt", "-s", "2", "b.txt", "c.txt"])
        #expect(arguments.string("file") == "a.txt")
        #expect(arguments.strings("more") == ["b.txt", "c.txt"])
        #expect(arguments.flag("json"))
    }

    @Test func parse_absentOptions_readAsDefaultOrNil() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--out", "d"])
        #expect(try arguments.int("size") == 10)
        #expect(arguments.string("kind") == "mean")
        #expect(!arguments.wasSpecified("size"))
        #expect(arguments.wasSpecified("out"))
        #expect(try arguments.double("ratio") == nil)
        #expect(arguments.strings("tag") == [])
        #expect(arguments.strings("more") == [])
        #expect(!arguments.flag("json"))
        #expect(!arguments.wasSpecified("json"))
    }

    @Test func parse_repeatedRepeatingOption_keepsEveryValueInOrder() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--tag", "x", "--out", "d", "--tag=y", "--tag", "z"])
        #expect(arguments.strings("tag") == ["x", "y", "z"])
        #expect(arguments.string("tag") == "z")
    }

    @Test func parse_repeatedSingleOption_lastValueWins() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--size", "3", "--size", "5", "--out", "d"])
        #expect(try arguments.int("size") == 5)
    }

    @Test func parse_repeatedFlag_isStillSet() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--json", "-j", "--out", "d"])
        #expect(arguments.flag("json"))
    }

    @Test func parse_doubleDash_makesEveryLaterWordPositional() throws {
        let arguments = try Fixtures.parsed(["count", "--out", "d", "--", "--json", "-x", "--help", "--"])
        #expect(arguments.string("file") == "--json")
        #expect(arguments.strings("more") == ["-x", "--help", "--"])
        #expect(!arguments.flag("json"))
    }

    @Test func parse_negativeNumber_isAValueNotAnOption() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--offset", "-2", "--out", "d"])
        #expect(try arguments.int("offset") == -2)
    }

    @Test func parse_valueStartingWithDashAfterEquals_isAccepted() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--out=-d"])
        #expect(arguments.string("out") == "-d")
    }

    @Test func parse_loneDash_isPositional() throws {
        let arguments = try Fixtures.parsed(["merge", "a.txt", "-"])
        #expect(arguments.string("second") == "-")
    }

    @Test func parse_optionalPositionalAbsent_isNil() throws {
        let arguments = try Fixtures.parsed(["merge", "a.txt"])
        #expect(arguments.string("first") == "a.txt")
        #expect(arguments.string("second") == nil)
    }

    @Test func parse_commandWithoutSubcommands_parsesItsOwnArguments() throws {
        let outcome = try Fixtures.merge.parse(["a.txt", "b.txt"])
        guard case .command(let arguments) = outcome else {
            Issue.record("Expected a command, got \(outcome)")
            return
        }
        #expect(arguments.commandPath == ["merge"])
        #expect(arguments.string("second") == "b.txt")
    }

    @Test func typedAccessors_convertValues() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--ratio", "0.25", "--out", "d"])
        #expect(try arguments.double("ratio") == 0.25)
        let length = try arguments.value("out", expected: "a name") { $0.count }
        #expect(length == 1)
    }

    @Test func requiredAccessors_readRequiredAndDefaultedArguments() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--out", "d", "--ratio", "0.5"])
        #expect(arguments.requiredString("file") == "a.txt")
        #expect(arguments.requiredString("out") == "d")
        #expect(try arguments.requiredInt("size") == 10)
        #expect(try arguments.requiredDouble("size") == 10)
        #expect(throws: UsageError.self) { try arguments.requiredInt("kind") }
        #expect(throws: UsageError.self) { try arguments.requiredDouble("out") }
    }

    @Test func intAccessor_onNonNumericValue_throwsNamingTheArgument() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--out", "d"])
        #expect(throws: UsageError(
            .invalidValue(argument: "--out", value: "d", expected: "a whole number", suggestion: nil),
            commandPath: ["tool", "count"], usage: HelpFormatterUsage.count)
        ) {
            try arguments.int("out")
        }
        #expect(throws: UsageError.self) { try arguments.double("file") }
        #expect(throws: UsageError.self) { try arguments.value("file", expected: "a number") { Int($0) } }
    }

    @Test func usageError_fromParsedArguments_carriesCommandAndMessage() throws {
        let arguments = try Fixtures.parsed(["count", "a.txt", "--out", "d"])
        let error = arguments.usageError("--size and --tag cannot be used together")
        #expect(error.kind == .invalidCombination("--size and --tag cannot be used together"))
        #expect(error.message == "--size and --tag cannot be used together")
        #expect(error.commandPath == ["tool", "count"])
        #expect(error.usage == HelpFormatterUsage.count)
    }

    // MARK: - Help and version

    @Test(arguments: [
        ([], ["tool"]),
        (["--help"], ["tool"]),
        (["-h"], ["tool"]),
        (["help"], ["tool"]),
        (["help", "count"], ["tool", "count"]),
        (["help", "count", "--help"], ["tool", "count"]),
        (["count", "--help"], ["tool", "count"]),
        (["count", "-h"], ["tool", "count"]),
        (["count", "a.txt", "--bogus", "--size", "abc", "-h"], ["tool", "count"]),
        (["merge", "--help", "a", "b", "c"], ["tool", "merge"]),
    ])
    func parse_helpRequest_namesTheCommand(arguments: [String], commandPath: [String]) throws {
        #expect(try Fixtures.root.parse(arguments) == .helpRequested(commandPath))
    }

    @Test func parse_helpAfterDoubleDash_isAValue() throws {
        let arguments = try Fixtures.parsed(["merge", "a.txt", "--", "--help"])
        #expect(arguments.string("second") == "--help")
    }

    @Test func parse_version_returnsTheRootVersion() throws {
        #expect(try Fixtures.root.parse(["--version"]) == .versionRequested("1.2.3"))
    }
}

/// Usage lines the tests expect, spelled out once.
enum HelpFormatterUsage {
    static let count = "tool count <file> [<more> ...] [--size <n>] [--kind <kind>] [--tag <tag> ...]"
        + " [--ratio <ratio>] [--offset <offset>] [--threshold <threshold>] --out <dir>"
        + " [--a-very-long-option-name <value>] [--json]"
    static let merge = "tool merge <first> [<second>]"
    static let root = "tool <subcommand>"
}

@Suite("Misusing parsed arguments")
struct ParsedArgumentsMisuseTests {
    // A parse failure exits 0 here, so that only the trap under test passes.

    @Test func undeclaredName_stopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            guard let arguments = try? Fixtures.parsed(["merge", "a.txt"]) else { exit(0) }
            _ = arguments.string("frist")
        }
    }

    @Test func requiredStringOfOptionalArgument_stopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            guard let arguments = try? Fixtures.parsed(["merge", "a.txt", "b.txt"]) else { exit(0) }
            _ = arguments.requiredString("second")
        }
    }
}
