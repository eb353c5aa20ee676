import ArgumentParsing
import CaseSampling
import Foundation

/// `casesample units`: the summary of cases by tier-1 and tier-2 unit that the lead inspector picks
/// units from (manual 4.4, stage 1).
enum Units: Subcommand {
    static let description = CommandDescription(
        name: "units",
        abstract: "Summarise a long list's cases by tier-1 and tier-2 unit.",
        discussion: """
            Classifies the long list with the spec and shows, for each tier-2 unit under its \
            tier-1 unit, the rows read, invalid, excluded (in total and by the most common \
            reasons) and eligible, and the mix of the eligible cases on the stratification \
            variables, with tier-1 subtotals and a grand total. This is the summary the lead \
            inspector chooses the units to sample from (manual 4.4, stage 1).

            Every row is counted once: an invalid row in its unit when its unit cells can be \
            trusted, otherwise under (unknown unit). A blank unit name is shown as (blank). A long \
            list with invalid rows is still summarised, then the command exits 1, as a draw \
            would refuse the list.

            --csv writes the same lines with every exclusion reason and every share; the file \
            is written whole or not at all.
            """,
        arguments: [
            SharedOptions.longList,
            SharedOptions.spec,
            .option(
                "csv", valueName: "file",
                help: "Also write the summary, with every exclusion reason, as CSV to this file (replaced if it exists)."),
            SharedOptions.json,
            SharedOptions.quiet,
            SharedOptions.fieldworkStart,
            SharedOptions.delimiter,
        ] + SharedOptions.longListReading,
        examples: [
            .init(
                "Summarise the shipped example long list by unit:",
                "casesample units SampleSpecs/examples/long-list.csv"),
            .init(
                "Also write the summary as CSV for a spreadsheet:",
                "casesample units SampleSpecs/examples/long-list.csv --csv units.csv"),
            .init(
                "Print the summary as JSON:",
                "casesample units SampleSpecs/examples/long-list.csv --json"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let path = arguments.requiredString("long-list")
        let csvPath = arguments.string("csv")
        if let csvPath, isSameFile(csvPath, path) {
            throw arguments.usageError("--csv names the long list itself; give another file")
        }
        let spec = try CommandSupport.loadSpecPlacingPeriod(arguments, required: true)
        let input = try CommandSupport.inputOptions(arguments)
        let delimiter = try CommandSupport.delimiter(arguments)
        let source = try LongListSource(path: path, sheet: input.sheet)
        let report = try CommandSupport.withProgress(reading: path, arguments) {
            try CommandSupport.mappingColumns(arguments) {
                try UnitsReport(source: source, spec: spec, delimiter: delimiter, input: input)
            }
        }
        if let csvPath { try StagedOutput.writeFile(UnitsOutput.csv(report), to: csvPath) }
        if arguments.flag("json") {
            print(UnitsOutput.json(report).serialized(), terminator: "")
        } else {
            print(UnitsOutput.text(report) + (csvPath.map { "\nWrote \($0).\n" } ?? ""), terminator: "")
        }
        guard report.errors.isEmpty else { throw InvalidRows(file: source.name, errors: report.errors) }
    }

    /// Whether two paths name one existing file (the same device and inode).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// The long list has invalid rows: exit 1 after the summary.
    struct InvalidRows: Error, CustomStringConvertible {
        var file: String
        var errors: [ReadProblem]
        var description: String {
            let rows = Set(errors.compactMap(\.line)).count
            return "\(file) has \(rows) invalid row\(rows == 1 ? "" : "s"); a draw refuses it until they are fixed:\n"
                + ReadProblem.summarise(errors)
        }
    }
}
