import ArgumentParsing

/// `casesample verify`: re-runs a recorded draw and compares its outputs.
enum Verify: Subcommand {
    static let description = CommandDescription(
        name: "verify",
        abstract: "Re-run a recorded draw and check that every output matches byte for byte.",
        discussion: """
            Reads the draw record that 'casesample draw' wrote to <dir>, draws again from \
            <long-list> with the recorded spec, size and seed, and compares every file it \
            produces with the one in <dir>. Reports each file that differs or is missing.
            """,
        arguments: [
            .positional("dir", help: "The output directory of an earlier 'casesample draw'."),
            .positional("long-list", help: "The long list that draw read."),
        ],
        examples: [
            .init(
                "Check a recorded draw against the shipped example long list:",
                "casesample verify draw-2024-06 SampleSpecs/examples/long-list.csv"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        throw NotYetWired(subcommand: "verify")
    }
}
