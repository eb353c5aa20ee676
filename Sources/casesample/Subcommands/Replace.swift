import ArgumentParsing
import CaseSampling

/// `casesample replace`: a fieldwork replacement in a final sample.
enum Replace: Subcommand {
    static let description = CommandDescription(
        name: "replace",
        abstract: "Replace a case of the final sample that turned out to be unsuitable during fieldwork.",
        discussion: """
            Takes the case out of final.csv, promotes the next substitute for its place by \
            the same rule as finalize (its place's own substitutes by rank, then the same \
            stratum in the same tier-2 unit, tier-1 unit or anywhere), and rewrites \
            final.csv, reserve.csv, removed.csv and finalize.json, appending to its \
            history the time (UTC) and the reason. The reason must name one of the spec's \
            exclusion reasons (code or text) unless --free-text is given.

            The new state is written to a temporary directory and swapped in whole, so an \
            interrupted replace leaves the previous state intact. When no substitute of the \
            case's stratum is left, nothing is changed unless --allow-shortfall is given.
            """,
        arguments: [
            .option("final", valueName: "dir", help: "The directory 'casesample finalize' wrote.", occurrence: .required),
            .option("case", valueName: "reference", help: "The case reference of the case to replace.", occurrence: .required),
            .option("reason", valueName: "text", help: "Why: a code or text of the spec's exclusion reasons.", occurrence: .required),
            .flag("free-text", help: "Accept a --reason that names none of the spec's reasons, recorded as written with the code 'other'."),
            .flag("allow-shortfall", help: "Remove the case even when no substitute of its stratum is left, leaving its place empty."),
            SharedOptions.json,
        ],
        examples: [
            .init(
                "Replace a case whose officer has left, in the example's final sample:",
                "casesample replace --final sample-final --case C569662 --reason officer-unavailable"),
            .init(
                "Record a reason the spec does not list:",
                "casesample replace --final sample-final --case C569662 --reason 'Case file cannot be found' --free-text"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let directory = arguments.requiredString("final")
        let job = ReplaceJob(
            directory: directory, caseReference: arguments.requiredString("case"), reason: arguments.requiredString("reason"),
            allowsFreeText: arguments.flag("free-text"), allowShortfall: arguments.flag("allow-shortfall"),
            toolVersion: caseSampleVersion)
        let result: ReplaceJob.Outcome
        do {
            result = try job.runAndWrite()
        } catch let error as ReplaceJob.UnknownReason {
            throw arguments.usageError(error.description)
        } catch let error as FinalSample.ReplaceError {
            throw ReplaceFailed(directory: directory, message: error.description)
        }
        if arguments.flag("json") {
            print(result.outputs.record.document.serialized(), terminator: "")
        } else {
            print(FinalizeSummary.replaceText(
                sample: result.sample, replacement: result.replacement, record: result.outputs.record, directory: directory), terminator: "")
        }
    }

    /// The replacement cannot be made: exit 1, nothing changed.
    struct ReplaceFailed: Error, CustomStringConvertible {
        var directory: String
        var message: String
        var description: String { "--case: \(message) (\(directory) is unchanged)" }
    }
}
