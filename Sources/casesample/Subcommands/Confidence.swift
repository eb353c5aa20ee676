import ArgumentParsing
import CaseSampling

/// `casesample confidence`: shows a finding's interval and rating band.
enum Confidence: Subcommand {
    static let description = CommandDescription(
        name: "confidence",
        abstract: "Show a finding's interval and rating band, or check a findings file.",
        discussion: """
            With --yes Y and --of N, shows the percentage of cases that met a key question, \
            its Wald interval (the manual's reasoning, with the finite population \
            correction when --population is given), its Wilson interval (better for small \
            sub-samples, such as questions asked only of high-RoSH cases; no correction), \
            its band (manual, section 7.1), and three flags for the ratings panel (section \
            7.2): the Wald or Wilson interval crosses a band boundary; the percentage is \
            within five percentage points of a boundary; one case judged differently would \
            change the band.

            Bands: Minority, below 50%: Inadequate. Too few, 50–64%: Requires improvement. \
            Reasonable majority, 65–79%: Good. Large majority, 80% or more: Outstanding.

            Boundaries: the band is decided on the exact fraction Y / N, never on a rounded \
            percentage. 84 of 130 is 64.6%: it would round to 65% but is Requires \
            improvement; 13 of 20 is exactly 65.0% and is Good. Percentages are shown to \
            one decimal place, with more when one would round onto a boundary (1,299 of \
            2,000 shows as 64.95%, not 65.0%).

            With --findings FILE.csv, does the same for each key question in the file, \
            rates each standard by the lowest band of its key questions and, when all ten \
            standards are present, gives the overall provider rating: each standard scores \
            0 (Inadequate) to 3 (Outstanding), and the total of 0–5 is Inadequate, 6–15 \
            Requires improvement, 16–25 Good and 26–30 Outstanding. The file is CSV with a \
            header row and the columns standard, key question, yes and applicable (matched \
            ignoring case, spaces and punctuation; also KQ, Question, Met, Cases met, Of, \
            Applicable cases and others), in UTF-8 with or without a byte order mark, or \
            Windows-1252.

            Exit status: 64 for any problem with the command line, including --yes larger \
            than --of and --of larger than --population; 1 for a findings file that cannot \
            be read or is malformed (a missing column, a count that is not a whole number, \
            yes larger than applicable, a row with too few or too many fields), reported as \
            file:line:column.
            """,
        arguments: [
            .option(
                "yes", valueName: "n",
                help: "The number of cases that met the key question.",
                format: .wholeNumber(atLeast: 0)),
            .option(
                "of", valueName: "n",
                help: "The number of cases the key question applied to.",
                format: .wholeNumber(atLeast: 1)),
            SharedOptions.population(help: "The number of eligible cases the sample was drawn from."),
            SharedOptions.confidence,
            .option(
                "findings", valueName: "file",
                help: "A findings CSV file (standard, key question, yes, applicable) to rate, in place of --yes and --of."),
            SharedOptions.json,
        ],
        examples: [
            .init(
                "Show the interval, band and flags for 34 of 40 cases meeting a key question:",
                "casesample confidence --yes 34 --of 40 --population 300"),
            .init(
                "Check every finding in a findings file:",
                "casesample confidence --findings findings.csv --population 300"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let population = try arguments.int("population")
        let confidence = try arguments.requiredDouble("confidence")
        if let path = arguments.string("findings") {
            for name in ["yes", "of"] where arguments.wasSpecified(name) {
                throw arguments.usageError("--\(name) cannot be used with --findings, which reads the counts from the file")
            }
            let file = try FindingsFile.read(path: path)
            let evaluation = try file.evaluate(confidence: confidence, population: population)
            if arguments.flag("json") {
                print(SizingReport.findingsJSON(evaluation, file: file).serialized(), terminator: "")
            } else {
                print(SizingReport.findingsText(evaluation, file: file), terminator: "")
            }
            return
        }

        guard let yes = try arguments.int("yes"), let of = try arguments.int("of") else {
            throw arguments.usageError("give --yes and --of for one key question, or --findings for a findings file")
        }
        guard yes <= of else {
            throw arguments.usageError("--yes \(yes) is more than --of \(of): the cases that met a key question are some of the cases it applied to")
        }
        if let population, of > population {
            throw arguments.usageError("--of \(of) is larger than --population \(population): the cases assessed are drawn from the population")
        }
        let evaluation = try FindingsEvaluation.evaluate(
            [KeyQuestionFinding(standard: "", keyQuestion: "", yes: yes, applicable: of)],
            confidence: confidence, population: population)
        guard let result = evaluation.standards.first?.keyQuestions.first else {
            preconditionFailure("one finding evaluates to one key question")
        }
        if arguments.flag("json") {
            print(SizingReport.keyQuestionJSON(result, confidence: confidence, population: population).serialized(), terminator: "")
        } else {
            print(SizingReport.keyQuestionText(result, confidence: confidence, population: population), terminator: "")
        }
    }
}
