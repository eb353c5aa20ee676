import ArgumentParsing
import CaseSampling

/// `casesample draw`: draws the provisional sample and its substitutes.
enum Draw: Subcommand {
    static let description = CommandDescription(
        name: "draw",
        abstract: "Draw the provisional sample and its substitutes.",
        discussion: """
            Classifies the long list with the spec, draws the provisional sample and, for \
            each sampled case, its substitutes in the order they are to be used, and writes \
            them with a record of the draw to the output directory. \
            'casesample verify' re-runs the draw from that record.

            The draw is reproducible: the same long list, spec, size and seed always give \
            the same sample. Without --seed the draw uses the fixed seed 20181101.
            """,
        arguments: [
            SharedOptions.longList,
            SharedOptions.spec,
            .option(
                "size", valueName: "n",
                help: "The number of cases to sample, in place of the size the spec sets.",
                format: .wholeNumber(atLeast: 1)),
            .option(
                "seed",
                help: "The seed for the random draw; the same seed gives the same sample.",
                defaultValue: "20181101",
                format: .wholeNumber(atLeast: 0)),
            .option(
                "substitutes", valueName: "m",
                help: "The number of substitutes to draw for each sampled case.",
                defaultValue: "1",
                format: .wholeNumber(atLeast: 0)),
            .option(
                "out", valueName: "dir",
                help: "The directory to write the sample, the substitutes and the draw record to.",
                occurrence: .required),
            .flag("force", help: "Replace the output directory if an earlier draw wrote it."),
            SharedOptions.json,
            SharedOptions.delimiter,
        ],
        examples: [
            .init(
                "Draw the sample for the shipped example long list:",
                "casesample draw SampleSpecs/examples/long-list.csv --out draw-2024-06"),
            .init(
                "Draw 40 cases with two substitutes each, with a seed of your own:",
                "casesample draw SampleSpecs/examples/long-list.csv --size 40 --substitutes 2 --seed 731 --out draw-2024-06"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let (spec, specBytes) = try CommandSupport.loadSpec(arguments)
        let job = DrawJob(
            longListPath: arguments.requiredString("long-list"), spec: spec, specBytes: specBytes,
            size: try arguments.int("size"), seed: UInt64(try arguments.requiredInt("seed")),
            substitutesPerCase: arguments.wasSpecified("substitutes") ? try arguments.int("substitutes") : nil,
            delimiter: try CommandSupport.delimiter(arguments), toolVersion: caseSampleVersion)
        let (result, outputs) = try job.run()
        let directory = arguments.requiredString("out")
        try OutputDirectory.write(outputs.files, to: directory, replacingExisting: arguments.flag("force"), marker: "draw.json")
        if arguments.flag("json") {
            print(outputs.record.serialized(), terminator: "")
        } else {
            print(DrawSummary.text(result: result, record: outputs.record, directory: directory, files: outputs.files.map(\.name)), terminator: "")
        }
    }
}
