import ArgumentParsing
import CaseSampling

/// `casesample finalize`: the final sample from a draw and the organisation's returned list.
enum Finalize: Subcommand {
    static let description = CommandDescription(
        name: "finalize",
        abstract: "Make the final sample from a draw and the returned provisional list.",
        discussion: """
            Reads the directory 'casesample draw' wrote (checking that its files are \
            unchanged) and the provisional list as the organisation returned it, with \
            exclusions marked (a reason from the spec, by code or text) and responsible \
            officers' availability given. Rows are matched by case reference; the returned \
            list may be re-saved by Excel, re-ordered, filtered, or have columns added or \
            moved. Each excluded or unavailable case is replaced by its own substitute, \
            else by another substitute of the same stratum in the same tier-2 unit, tier-1 \
            unit or anywhere; substitutes marked in the returned list are skipped.

            Writes final.csv, reserve.csv, removed.csv, spec.json and finalize.json to the \
            output directory, atomically; without --out, beside the draw directory as \
            <dir>-final. Nothing is written when the returned list has a case reference \
            not in the draw, leaves out a provisional case (unless --missing-means-kept), \
            gives an unknown exclusion reason, or belongs to another draw.
            """,
        arguments: [
            .option("draw", valueName: "dir", help: "The directory 'casesample draw' wrote.", occurrence: .required),
            .option("returned", valueName: "file", help: "The provisional list as the organisation returned it.", occurrence: .required),
            .option("out", valueName: "dir", help: "The directory to write the final sample to (default: <draw dir>-final)."),
            .flag("missing-means-kept", help: "Keep provisional cases that the returned list leaves out, rather than refusing it."),
            .option(
                "title", valueName: "text",
                help: "The inspection's name, shown atop report.html and recorded in finalize.json (default: the draw's --title).",
                occurrence: .optional),
            .flag("force", help: "Replace the output directory if an earlier finalize wrote it and no replace has been recorded since."),
            SharedOptions.delimiter(of: "returned list"),
            SharedOptions.json,
        ],
        examples: [
            .init(
                "Finalize the example draw (casesample draw SampleSpecs/examples/long-list.csv --size 120 --seed 7 --out sample) with the example returned list, into sample-final:",
                "casesample finalize --draw sample --returned SampleSpecs/examples/returned.csv"),
            .init(
                "Keep the provisional cases the organisation left out of its returned list:",
                "casesample finalize --draw sample --returned returned.csv --missing-means-kept --out sample-final"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let drawDirectory = arguments.requiredString("draw")
        let returned = arguments.requiredString("returned")
        let directory = arguments.string("out") ?? FinalizeJob.defaultOutput(forDraw: drawDirectory)
        var job = FinalizeJob(
            drawDirectory: drawDirectory, returnedPath: returned, missingMeansKept: arguments.flag("missing-means-kept"),
            delimiter: try CommandSupport.delimiter(arguments), toolVersion: caseSampleVersion)
        job.title = arguments.string("title")
        let outcome: FinalizeJob.Outcome
        do {
            outcome = try job.run(writingTo: directory, replacingExisting: arguments.flag("force"))
        } catch let error as OutputError where error.kind == .alreadyExists {
            throw CommandFailure(description: "\(error.description) (nothing was written); give --force to replace an earlier finalize, or --out for another directory")
        }
        if arguments.flag("json") {
            print(outcome.outputs.record.document.serialized(), terminator: "")
        } else {
            print(FinalizeSummary.finalizeText(
                sample: outcome.sample, match: outcome.match, record: outcome.outputs.record, drawDirectory: drawDirectory,
                returnedFile: returned, directory: directory, files: outcome.outputs.files.map(\.name)), terminator: "")
        }
    }
}

/// A failure the command itself detects: exit 1 with its description.
