import ArgumentParsing

/// A small tool described for the tests: `tool count` exercises every kind of
/// argument, `tool merge` positional counts.
enum Fixtures {
    static let count = CommandDescription(
        name: "count",
        abstract: "Count the words in files.",
        discussion: """
            Reads each file and counts the words in it, a word being a run of letters. The \
            counts are printed one per line.
              An indented line keeps its indent when it wraps, which is what lists need \
            to stay readable.
            """,
        arguments: [
            .positional("file", help: "The first file to read."),
            .positional("more", help: "More files to read.", occurrence: .repeating),
            .option(
                "size", short: "s", valueName: "n",
                help: "The number of words to show; the most frequent come first.",
                defaultValue: "10", format: .wholeNumber(atLeast: 1)),
            .option(
                "kind", help: "The statistic to print.", defaultValue: "mean",
                format: .oneOf(["mean", "median", "mode"])),
            .option("tag", help: "A tag to add; repeat for more.", occurrence: .repeating),
            .option("ratio", help: "A ratio.", format: .number(greaterThan: 0, lessThan: 1)),
            .option("offset", help: "Added to every count.", format: .wholeNumber()),
            .option("threshold", help: "Label of exactly 23 characters."),
            .option("out", valueName: "dir", help: "The directory to write to.", occurrence: .required),
            .option("a-very-long-option-name", valueName: "value", help: "Too long for the label column."),
            .flag("json", short: "j", help: "Print JSON."),
        ],
        examples: [
            .init("Count the words in two files:", "tool count a.txt b.txt --out counts"),
            .init(
                "Show the three most frequent words, as JSON, with a description long enough to wrap:",
                "tool count a.txt --size 3 --json --out counts"),
        ])

    static let merge = CommandDescription(
        name: "merge",
        abstract: "Merge two files.",
        arguments: [
            .positional("first", help: "The first file."),
            .positional("second", help: "The second file; standard input when absent.", occurrence: .optional),
        ])

    static let root = CommandDescription(
        name: "tool",
        abstract: "Work with the words in text files.",
        discussion: "A tool that the tests describe.",
        version: "1.2.3",
        examples: [.init("Count the words in a file:", "tool count notes.txt --out counts")],
        subcommands: [count, merge])

    /// Parses `arguments` with the root and returns the parsed command, or
    /// records an issue.
    static func parsed(_ arguments: [String]) throws -> ParsedArguments {
        let outcome = try root.parse(arguments)
        guard case .command(let parsed) = outcome else {
            throw UnexpectedOutcome(outcome: outcome)
        }
        return parsed
    }

    /// The usage error `arguments` cause, or `nil` when they parse.
    static func usageError(_ arguments: [String]) -> UsageError? {
        do {
            _ = try root.parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    struct UnexpectedOutcome: Error {
        let outcome: ParseOutcome
    }
}
