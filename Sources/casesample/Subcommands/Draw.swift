import Foundation
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
            the same sample. Without --seed the draw uses the fixed seed \(DrawRequest.defaultSeed).
            """,
        arguments: [
            SharedOptions.longList,
            SharedOptions.spec,
            SharedOptions.size,
            .option(
                "seed",
                help: "The seed for the random draw; the same seed gives the same sample.",
                defaultValue: String(DrawRequest.defaultSeed),
                format: .custom("a whole number from 0 to \(UInt64.max)") { UInt64($0) != nil }),
            .option(
                "substitutes", valueName: "m",
                help: "The number of substitutes to draw for each sampled case (at most \(DrawRecord.maximumSubstitutesPerCase), and at most the eligible cases left once the sample is drawn).",
                defaultValue: "1",
                format: .wholeNumber(atLeast: 0, atMost: DrawRecord.maximumSubstitutesPerCase)),
            .option(
                "out", valueName: "dir",
                help: "The directory to write the sample, the substitutes and the draw record to.",
                occurrence: .required),
            .option(
                "units", valueName: "list",
                help: "Draw only from these units: tier-1/tier-2 names, or tier-1/* for every team of a tier-1 unit, separated by commas ('casesample units' lists them).",
                occurrence: .optional),
            .option(
                "units-file", valueName: "file",
                help: "Draw only from the units listed in this file, one per line (lines starting with # are skipped).",
                occurrence: .optional),
            .option(
                "min-per-unit", valueName: "k",
                help: "At least k cases from every selected tier-2 unit; inclusion probabilities then differ by unit.",
                format: .wholeNumber(atLeast: 1)),
            .option(
                "max-per-officer", valueName: "k",
                help: "At most k selected cases for any responsible officer.",
                format: .wholeNumber(atLeast: 1)),
            .flag(
                "no-unit-balance",
                help: "Do not spread the sample over the tier-2 units in proportion: each stratum's cases are then a simple random sample whatever their unit, which keeps equal probability exact after 'casesample finalize' (Documentation/Finalize.md)."),
            .option(
                "officer-limit-repetitions", valueName: "r",
                help: "When --max-per-officer binds, repeat the design r times to estimate each case's inclusion probability (default 2000).",
                format: .wholeNumber(atLeast: 1, atMost: OfficerLimitProbabilities.maximumRepetitions)),
            SharedOptions.fieldworkStart,
            SharedOptions.windowWeeks,
            SharedOptions.shiftWeeks,
            .option(
                "title", valueName: "text",
                help: "The inspection's name, shown atop report.html and recorded in draw.json.",
                occurrence: .optional),
            .flag("force", help: "Replace the output directory if an earlier draw wrote it."),
            .flag("xlsx", help: "Also write provisional.xlsx: the sample, and the substitutes on a second sheet, as an Excel workbook."),
            SharedOptions.json,
            SharedOptions.quiet,
            SharedOptions.delimiter,
        ] + SharedOptions.longListReading,
        examples: [
            .init(
                "Draw the sample for the shipped example long list:",
                "casesample draw SampleSpecs/examples/long-list.csv --out draw-2024-06"),
            .init(
                "Draw from two teams of North and every team of South, at least 3 cases a team:",
                "casesample draw SampleSpecs/examples/long-list.csv --units 'North/Durham,North/Stockton,South/*' --min-per-unit 3 --out draw-2024-06"),
            .init(
                "Draw from an Excel workbook's sheet Cases, naming a column the spec does not know:",
                "casesample draw cases.xlsx --sheet Cases --column caseReference=\"Case Reference Number\" --out draw-2024-06"),
            .init(
                "Also write the sample as an Excel workbook, provisional.xlsx:",
                "casesample draw SampleSpecs/examples/long-list.csv --xlsx --out draw-2024-06"),
            .init(
                "Draw from a list piped in, written with US dates (12/18/2026):",
                "export-cases | casesample draw - --date-order mdy --out draw-2024-06"),
            .init(
                "Draw the court reports sample, its week placed by the first day of fieldwork:",
                "casesample draw SampleSpecs/examples/court-reports.csv --spec court-reports --fieldwork-start 2026-03-02 --out court-sample"),
            .init(
                "The PDU census of a one-week window moved a week earlier, as a court was closed:",
                "casesample draw SampleSpecs/examples/pdu-census.csv --spec pdu-census --fieldwork-start 2026-03-02 --window-weeks 1 --shift-weeks -1 --out census"),
            .init(
                "Draw 40 cases with two substitutes each, with a seed of your own:",
                "casesample draw SampleSpecs/examples/long-list.csv --size 40 --substitutes 2 --seed 731 --out draw-2024-06"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        var job = try job(
            arguments, seed: try arguments.value("seed", expected: "a whole number from 0 to \(UInt64.max)") { UInt64($0) } ?? DrawRequest.defaultSeed,
            substitutesPerCase: arguments.wasSpecified("substitutes") ? try arguments.int("substitutes") : nil)
        job.writesWorkbook = arguments.flag("xlsx")
        job.officerLimitRepetitions = try arguments.int("officer-limit-repetitions") ?? OfficerLimitProbabilities.drawRepetitions
        job.title = arguments.string("title")
        let directory = arguments.requiredString("out")
        let (result, record): (DrawResult, DrawRecord)
        do {
            (result, record) = try CommandSupport.withProgress(reading: job.longListPath, arguments) {
                try job.run(writingTo: directory, replacingExisting: arguments.flag("force"))
            }
        } catch let error as UnitSelectionError {
            throw arguments.usageError(error.description)
        } catch let error as ColumnMappingError {
            throw arguments.usageError(error.message)
        }
        if arguments.flag("json") {
            print(record.document.serialized(), terminator: "")
        } else {
            let files = OutputFiles.draw.flatMap { name in
                name == OutputFiles.substitutes && record.outputs[OutputFiles.provisionalWorkbook] != nil ? [name, OutputFiles.provisionalWorkbook] : [name]
            }
            print(DrawSummary.text(result: result, record: record, directory: directory, files: files), terminator: "")
        }
    }

    /// The draw job of the long list, spec, size, unit, officer, period and reading options (shared
    /// with `simulate`).
    static func job(_ arguments: ParsedArguments, seed: UInt64, substitutesPerCase: Int?) throws -> DrawJob {
        let (spec, source, specBytes) = try CommandSupport.loadSpecWithSource(arguments)
        var job = DrawJob(
            longListPath: arguments.requiredString("long-list"), spec: spec, specBytes: specBytes,
            size: try arguments.int("size"), seed: seed, substitutesPerCase: substitutesPerCase,
            delimiter: try CommandSupport.delimiter(arguments), toolVersion: caseSampleVersion,
            units: try unitSelection(arguments), minimumPerUnit: try arguments.int("min-per-unit"),
            maximumPerOfficer: try arguments.int("max-per-officer"))
        if arguments.flag("no-unit-balance") {
            guard !arguments.wasSpecified("min-per-unit") else {
                throw arguments.usageError("--min-per-unit needs the unit balance that --no-unit-balance turns off; give one of them")
            }
            job.balancesUnits = false
        }
        job.input = try CommandSupport.inputOptions(arguments)
        job.specSource = source.recordValue
        job.fieldworkStart = try CommandSupport.fieldworkStart(arguments)
        job.windowWeeks = try arguments.int("window-weeks")
        job.shiftWeeks = try arguments.int("shift-weeks") ?? 0
        return job
    }

    /// `--units` or `--units-file`, or nil for every unit.
    static func unitSelection(_ arguments: ParsedArguments) throws -> UnitSelection? {
        switch (arguments.string("units"), arguments.string("units-file")) {
        case (nil, nil):
            return nil
        case (let list?, nil):
            let selection = UnitSelection(commaSeparated: list)
            guard !selection.entries.isEmpty else { throw arguments.usageError("--units names no unit") }
            return selection
        case (nil, let path?):
            let data: Data
            do {
                guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
                data = try handle.readToEnd() ?? Data()
            } catch {
                throw CommandFailure(description: "\(path): cannot read it")
            }
            guard !data.isEmpty else {
                throw CommandFailure(description: "\(path): the units file is empty; list the units to draw from, one a line (tier-1/tier-2, or tier-1/* for every team of a tier-1 unit)")
            }
            guard let text = TextFile.decode([UInt8](data)) else {
                throw CommandFailure(description: "\(path): cannot read it as a text file of unit names (save it as UTF-8 text)")
            }
            let selection = UnitSelection(lines: text)
            guard !selection.entries.isEmpty else { throw CommandFailure(description: "\(path): names no unit") }
            return selection
        case (_?, _?):
            throw arguments.usageError("give --units or --units-file, not both")
        }
    }
}
