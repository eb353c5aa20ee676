@testable import ArgumentParsing
import Testing

@Suite("Checking command descriptions")
struct DefinitionTests {
    @Test func fixtures_haveNoProblems() {
        for command in [Fixtures.root, Fixtures.count, Fixtures.merge] {
            #expect(command.definitionProblems.isEmpty, "\(command.name)")
        }
    }

    @Test func mistakes_areReported() {
        let command = CommandDescription(
            name: "bad",
            arguments: [
                .positional("rest", help: "", occurrence: .repeating),
                .positional("first", help: ""),
                .option("size", short: "s", help: "", occurrence: .required, defaultValue: "1"),
                .option("seed", short: "s", help: "", defaultValue: "x", format: .wholeNumber()),
                .flag("size", help: ""),
                .flag("help", help: ""),
            ],
            subcommands: [Fixtures.merge])
        #expect(command.definitionProblems == [
            "a command with subcommands takes no arguments of its own",
            "--size is required but has a default",
            "'-s' is declared twice",
            "the default of --seed does not match its format",
            "'size' is declared twice",
            "'help' is declared twice",
            "positionals must be required, then optional, then at most one repeating",
        ])
    }
}
