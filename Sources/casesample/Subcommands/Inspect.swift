import ArgumentParsing
import CaseSampling

/// `casesample inspect`: checks a long list and reports what is in it.
enum Inspect: Subcommand {
    static let description = CommandDescription(
        name: "inspect",
        abstract: "Check a long list and show what is in it.",
        discussion: """
            Reads the long list, checks it against the columns the spec needs, and reports \
            how many rows it has, how they classify, and which rows the draw would exclude \
            and why. Nothing is written to disk.
            """,
        arguments: [
            SharedOptions.longList,
            SharedOptions.json,
            SharedOptions.quiet,
            SharedOptions.fieldworkStart,
            SharedOptions.spec,
            SharedOptions.delimiter,
        ] + SharedOptions.longListReading,
        examples: [
            .init(
                "Check the shipped example long list:",
                "casesample inspect SampleSpecs/examples/long-list.csv"),
            .init(
                "Check the same list saved from Excel as a workbook, its sheet named Cases:",
                "casesample inspect SampleSpecs/examples/long-list.xlsx --sheet Cases"),
            .init(
                "Check a list whose headers the spec does not know, with US dates, from standard input:",
                "export-cases | casesample inspect - --column caseReference=\"Case Reference Number\" --date-order mdy"),
            .init(
                "Check a semicolon-separated export and print JSON:",
                "casesample inspect SampleSpecs/examples/long-list.csv --delimiter semicolon --json"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let spec = try CommandSupport.loadSpecPlacingPeriod(arguments, required: false)
        let input = try CommandSupport.inputOptions(arguments)
        let path = arguments.requiredString("long-list"), delimiter = try CommandSupport.delimiter(arguments)
        let source = try LongListSource(path: path, sheet: input.sheet)
        let report = try CommandSupport.withProgress(reading: path, arguments) {
            try CommandSupport.mappingColumns(arguments) {
                try InspectReport(source: source, spec: spec, delimiter: delimiter, input: input)
            }
        }
        if arguments.flag("json") {
            print(InspectOutput.json(report).serialized(), terminator: "")
        } else {
            print(InspectOutput.text(report), terminator: "")
        }
        guard report.isReadable else { throw InspectOutput.NotReadable(report: report) }
    }
}
