import ArgumentParsing

/// `casesample size`: sizes a sample, or shows the margin a sample achieves.
enum Size: Subcommand {
    static let description = CommandDescription(
        name: "size",
        abstract: "Size a sample for a margin of error, or show the margin a sample achieves.",
        discussion: """
            Without --sample, shows the smallest sample whose margin of error is at most \
            --margin at the --confidence level, for a proportion near --proportion, with the \
            finite population correction when --population is given, and enlarged to allow \
            for --expected-exclusions.

            With --sample, shows the margin of error that a sample of that size achieves, \
            for the --observed proportion when it is given.
            """,
        arguments: [
            SharedOptions.population(help: "The number of eligible cases in the long list."),
            .option(
                "margin",
                help: "The margin of error to achieve, as a proportion.",
                defaultValue: "0.05",
                format: .number(greaterThan: 0, lessThan: 1)),
            SharedOptions.confidence,
            .option(
                "proportion", valueName: "p",
                help: "The proportion expected in the population; 0.5 gives the largest sample.",
                defaultValue: "0.5",
                format: .number(atLeast: 0, atMost: 1)),
            .option(
                "expected-exclusions", valueName: "share",
                help: "The share of sampled cases expected to be excluded, from 0 up to 1.",
                format: .number(atLeast: 0, lessThan: 1)),
            .option(
                "sample", valueName: "n",
                help: "A sample size whose margin of error to show.",
                format: .wholeNumber(atLeast: 1)),
            .option(
                "observed", valueName: "p",
                help: "The proportion observed in that sample.",
                format: .number(atLeast: 0, atMost: 1)),
            SharedOptions.json,
        ],
        examples: [
            .init(
                "Size a sample from 300 eligible cases at the defaults:",
                "casesample size --population 300"),
            .init(
                "Allow for one sampled case in ten being excluded:",
                "casesample size --population 300 --expected-exclusions 0.1"),
            .init(
                "Show the margin a sample of 60 of those cases achieves:",
                "casesample size --population 300 --sample 60 --observed 0.7"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        throw NotYetWired(subcommand: "size")
    }
}
