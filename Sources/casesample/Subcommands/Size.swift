import ArgumentParsing
import CaseSampling
import NearMatch

/// `casesample size`: sizes a sample, or shows the margin a sample achieves.
enum Size: Subcommand {
    static let description = CommandDescription(
        name: "size",
        abstract: "Size a sample for a margin of error, or show the margin a sample achieves.",
        discussion: """
            Without --sample, shows the smallest simple random sample whose margin of error \
            is at most --margin at the --confidence level, for a proportion near \
            --proportion (0.5, the default, gives the largest sample). The working is \
            Cochran's: z is the two-sided critical value for the confidence level, \
            n0 = z² · p(1 − p) / e², and with --population N the finite population \
            correction n = n0 / (1 + (n0 − 1) / N); the sample size is n rounded up. \
            Without --population the population is taken as infinite and the size is n0 \
            rounded up: at 80% confidence and a 5% margin n0 is 164.24 (the manual's \
            "about 164", section 4.2), so 165 cases. With --expected-exclusions R the \
            provisional list is n / (1 − R) cases, rounded up.

            With --sample, shows the margin of error that a sample of that size achieves \
            at p = 0.5, with the finite population correction √((N − n) / (N − 1)) when \
            --population is given, and for an --observed proportion its Wald interval \
            (the manual's reasoning, with the correction) and its Wilson interval (for \
            comparison, without the correction).

            Both show a table at 80%, 90% and 95% confidence beside the level asked for.

            Exit status: 64 for any problem with the command line, including values out of \
            range (a margin or confidence outside 0 to 1, a sample larger than the \
            population) and options that do not go together; 1 if the computation fails.
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
                format: .number(greaterThan: 0, lessThan: 1)),
            .option(
                "expected-exclusions", valueName: "share",
                help: "The share of listed cases expected to be excluded, from 0 up to 1; adds the provisional list size.",
                format: .number(atLeast: 0, lessThan: 1)),
            .option(
                "sample", valueName: "n",
                help: "A sample size whose margin of error to show, in place of sizing a sample.",
                format: .wholeNumber(atLeast: 1)),
            .option(
                "observed", valueName: "p",
                help: "The proportion observed in that sample, for its interval.",
                format: .number(atLeast: 0, atMost: 1)),
            .option(
                "organisation", valueName: "name",
                help: "Show this CRC's or NPS division's planned sample sizes from figure 2 of the manual (4.1), such as \"Wales CRC\" or \"North East\".",
                occurrence: .optional),
            SharedOptions.json,
        ],
        examples: [
            .init(
                "Show the planned sample sizes of a CRC from the manual's resourcing table:",
                "casesample size --organisation \"Wales CRC\""),
            .init(
                "Size a sample from 300 eligible cases at the defaults:",
                "casesample size --population 300"),
            .init(
                "Allow for one sampled case in ten being excluded:",
                "casesample size --population 300 --expected-exclusions 0.1"),
            .init(
                "Check the manual's example: 165 cases, 47% observed, 80% confidence:",
                "casesample size --sample 165 --observed 0.47"),
            .init(
                "Show the margin a sample of 60 of those cases achieves:",
                "casesample size --population 300 --sample 60 --observed 0.7"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        if let name = arguments.string("organisation") {
            let names = ResourcingTable.manual.organisations.map(\.name)
            guard let organisation = ResourcingTable.manual.organisation(named: name) else {
                let near = EditDistance.nearMisses(to: name, among: names)
                throw arguments.usageError("--organisation '\(name)' is not in figure 2 of the manual" + (near.isEmpty ? "" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?") + "; give a CRC or NPS division as the manual names it, such as 'Wales CRC' or 'North East'")
            }
            print(ResourcingText.text(organisation), terminator: "")
            return
        }
        let population = try arguments.int("population")
        let confidence = try arguments.requiredDouble("confidence")
        if let sample = try arguments.int("sample") {
            for name in ["margin", "proportion", "expected-exclusions"] where arguments.wasSpecified(name) {
                throw arguments.usageError("--\(name) sizes a sample and cannot be used with --sample, which shows the margin a sample achieves")
            }
            if let population, sample > population {
                throw arguments.usageError("--sample \(sample) is larger than --population \(population): a sample is drawn from the population, so it can be at most the population")
            }
            let observed = try arguments.double("observed")
            let (precision, comparison) = try arguments.rangeChecked { () throws(SizingError) in
                let precision = try SizingReport.Precision.compute(
                    sampleSize: sample, population: population, confidence: confidence, observed: observed)
                return (precision, try precision.comparison())
            }
            if arguments.flag("json") {
                print(SizingReport.precisionJSON(precision, comparison: comparison).serialized(), terminator: "")
            } else {
                print(SizingReport.precisionText(precision, comparison: comparison), terminator: "")
            }
        } else {
            if arguments.wasSpecified("observed") {
                throw arguments.usageError("--observed needs --sample: give the size of the sample the proportion was observed in")
            }
            let margin = try arguments.requiredDouble("margin")
            let proportion = try arguments.requiredDouble("proportion")
            let exclusions = try arguments.double("expected-exclusions")
            let (calculation, comparison) = try arguments.rangeChecked { () throws(SizingError) in
                let calculation = try SampleSizeCalculation.compute(
                    population: population, margin: margin, confidence: confidence, proportion: proportion,
                    expectedExclusions: exclusions ?? 0)
                return (calculation, try SizingReport.comparison(for: calculation))
            }
            if arguments.flag("json") {
                print(SizingReport.sampleSizeJSON(calculation, comparison: comparison).serialized(), terminator: "")
            } else {
                print(SizingReport.sampleSizeText(calculation, comparison: comparison, showsProvisionalList: exclusions != nil), terminator: "")
            }
        }
    }
}

extension ParsedArguments {
    /// The result of a sizing calculation on command-line values, with a ``SizingError`` reported as a
    /// usage error (exit 64): every input of `size` and of `confidence --yes --of` comes from the
    /// command line, so an input the library rejects is a command-line problem.
    func rangeChecked<Result>(_ body: () throws(SizingError) -> Result) throws(UsageError) -> Result {
        do {
            return try body()
        } catch {
            throw usageError(error.description.prefix(1).uppercased() + error.description.dropFirst())
        }
    }
}
