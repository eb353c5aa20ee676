import ArgumentParsing

/// `casesample confidence`: shows a finding's interval and rating band.
enum Confidence: Subcommand {
    static let description = CommandDescription(
        name: "confidence",
        abstract: "Show a finding's interval and rating band, or check a findings file.",
        discussion: """
            With --yes and --of, shows the confidence interval of the proportion of cases \
            that met a standard, with the finite population correction when --population \
            is given, and the rating band or bands the interval falls in.

            With --findings, does the same for each finding in a findings file.
            """,
        arguments: [
            .option(
                "yes", valueName: "n",
                help: "The number of cases that met the standard.",
                format: .wholeNumber(atLeast: 0)),
            .option(
                "of", valueName: "n",
                help: "The number of cases assessed.",
                format: .wholeNumber(atLeast: 1)),
            SharedOptions.population(help: "The number of eligible cases the sample was drawn from."),
            SharedOptions.confidence,
            .option(
                "findings", valueName: "file",
                help: "A findings file to check, in place of --yes and --of."),
            SharedOptions.json,
        ],
        examples: [
            .init(
                "Show the interval and band for 34 of 40 cases meeting a standard:",
                "casesample confidence --yes 34 --of 40 --population 300"),
            .init(
                "Check every finding in a findings file:",
                "casesample confidence --findings findings.csv --population 300"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        throw NotYetWired(subcommand: "confidence")
    }
}
