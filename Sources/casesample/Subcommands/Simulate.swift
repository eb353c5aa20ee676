import ArgumentParsing
import CaseSampling

/// `casesample simulate`: repeats the draw with many seeds and reports what the design guarantees.
enum Simulate: Subcommand {
    static let description = CommandDescription(
        name: "simulate",
        abstract: "Repeat the draw with many seeds and measure the design's guarantees.",
        discussion: """
            Draws the sample K times from the long list (seeds S, S + 1, …, S + K − 1, no \
            substitutes, nothing written) with the options 'casesample draw' would get, and \
            reports each case's measured inclusion probability against the stated one (range \
            and chi-square), how often each stratification variable and each unit kept its \
            floor or ceiling, and how many pairs of cases were never selected together, by kind.
            """,
        arguments: [
            SharedOptions.longList,
            SharedOptions.spec,
            SharedOptions.size,
            .option(
                "draws", valueName: "K", help: "The number of draws.", defaultValue: "1000",
                format: .wholeNumber(atLeast: 1)),
            .option(
                "first-seed", valueName: "S", help: "The seed of the first draw.", defaultValue: "1",
                format: .wholeNumber(atLeast: 0)),
            .option(
                "units", valueName: "list",
                help: "Draw only from these units, as for 'casesample draw'.",
                occurrence: .optional),
            .option(
                "units-file", valueName: "file",
                help: "Draw only from the units listed in this file, as for 'casesample draw'.",
                occurrence: .optional),
            .option(
                "min-per-unit", valueName: "k", help: "As for 'casesample draw'.", format: .wholeNumber(atLeast: 1)),
            .option(
                "max-per-officer", valueName: "k", help: "As for 'casesample draw'.", format: .wholeNumber(atLeast: 1)),
            .flag("no-unit-balance", help: "As for 'casesample draw'."),
            SharedOptions.fieldworkStart,
            SharedOptions.windowWeeks,
            SharedOptions.shiftWeeks,
            SharedOptions.delimiter,
        ] + SharedOptions.longListReading,
        examples: [
            .init(
                "Check the design on the shipped example with 2,000 draws of 120:",
                "casesample simulate SampleSpecs/examples/long-list.csv --size 120 --draws 2000"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let job = try Draw.job(arguments, seed: 0, substitutesPerCase: 0)
        let simulation: Simulation
        do {
            simulation = try job.simulate(draws: try arguments.requiredInt("draws"), firstSeed: UInt64(try arguments.requiredInt("first-seed")))
        } catch let error as UnitSelectionError {
            throw arguments.usageError(error.description)
        }
        print(SimulationSummary.text(simulation), terminator: "")
    }
}
