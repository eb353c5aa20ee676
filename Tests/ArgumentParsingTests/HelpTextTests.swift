import ArgumentParsing
import Testing

@Suite("Help text")
struct HelpTextTests {
    @Test func rootHelp_listsOptionsSubcommandsAndExamples() {
        #expect(Fixtures.root.helpText() == """
            OVERVIEW: Work with the words in text files.

            A tool that the tests describe.

            USAGE: tool <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              count                   Count the words in files.
              merge                   Merge two files.

              See 'tool help <subcommand>' for detailed help.

            EXAMPLES:
              Count the words in a file:
                tool count notes.txt --out counts

            """)
        #expect(Fixtures.root.helpText(for: ["tool"]) == Fixtures.root.helpText())
    }

    /// Wrapping at 80 columns, the label column, labels too long for it, and
    /// `(values: …; default: …)`.
    @Test func subcommandHelp_wrapsAndAlignsEverySection() {
        #expect(Fixtures.root.helpText(for: ["tool", "count"]) == """
            OVERVIEW: Count the words in files.

            Reads each file and counts the words in it, a word being a run of letters. The
            counts are printed one per line.
              An indented line keeps its indent when it wraps, which is what lists need to
              stay readable.

            USAGE: tool count <file> [<more> ...] [--size <n>] [--kind <kind>]
                   [--tag <tag> ...] [--ratio <ratio>] [--offset <offset>]
                   [--threshold <threshold>] --out <dir> [--a-very-long-option-name <value>]
                   [--json]

            ARGUMENTS:
              <file>                  The first file to read.
              <more>                  More files to read.

            OPTIONS:
              -s, --size <n>          The number of words to show; the most frequent come
                                      first. (default: 10)
              --kind <kind>           The statistic to print. (values: mean, median, mode;
                                      default: mean)
              --tag <tag>             A tag to add; repeat for more.
              --ratio <ratio>         A ratio.
              --offset <offset>       Added to every count.
              --threshold <threshold> Label of exactly 23 characters.
              --out <dir>             The directory to write to.
              --a-very-long-option-name <value>
                                      Too long for the label column.
              -j, --json              Print JSON.
              -h, --help              Show help information.

            EXAMPLES:
              Count the words in two files:
                tool count a.txt b.txt --out counts

              Show the three most frequent words, as JSON, with a description long enough to
              wrap:
                tool count a.txt --size 3 --json --out counts

            """)
    }

    @Test func minimalHelp_hasNoDiscussionOrExamples() {
        #expect(Fixtures.root.helpText(for: ["tool", "merge"]) == """
            OVERVIEW: Merge two files.

            USAGE: tool merge <first> [<second>]

            ARGUMENTS:
              <first>                 The first file.
              <second>                The second file; standard input when absent.

            OPTIONS:
              -h, --help              Show help information.

            """)
    }

    @Test func commandWithoutAbstract_startsWithUsage() {
        let bare = CommandDescription(name: "bare", arguments: [.flag("quiet", help: "")])
        #expect(bare.helpText() == """
            USAGE: bare [--quiet]

            OPTIONS:
              --quiet
              -h, --help              Show help information.

            """)
    }

    @Test(arguments: [["tool"], ["tool", "count"], ["tool", "merge"]])
    func helpLines_fitIn80Columns_exceptExampleCommands(commandPath: [String]) {
        let examples = Set(Fixtures.root.commandStackExamples(commandPath))
        for line in Fixtures.root.helpText(for: commandPath).split(separator: "\n") {
            let text = line.trimmingPrefixSpaces
            #expect(line.count <= 80 || examples.contains(text), "\(line)")
        }
    }
}

extension CommandDescription {
    fileprivate func commandStackExamples(_ commandPath: [String]) -> [String] {
        var command = self
        for name in commandPath.dropFirst() {
            command = command.subcommands.first { $0.name == name } ?? command
        }
        return command.examples.map(\.commandLine)
    }
}

extension Substring {
    fileprivate var trimmingPrefixSpaces: String { String(drop { $0 == " " }) }
}
