/// The text and JSON that `casesample size` and `casesample confidence` print.
///
/// Text is for people: percentages to one decimal place, z to six, sizes as whole cases, and small
/// tables from ``TextTable``. JSON is for programs: an object whose keys are fixed and in a fixed order,
/// with fractions (not percentages) written by ``JSONValue/serialized(indent:)`` to six decimal places.
///
/// A percentage is never rounded onto or across a band boundary: 84 of 130 (64.615…%) shows as
/// "64.6%", and 1,299 of 2,000 (64.95%) as "64.95%", not "65.0%", because its band is decided on the
/// exact fraction (see ``RatingBand``).
package enum SizingReport {
    /// The confidence levels every report compares: 80% (the manual's), 90% and 95%.
    package static let comparisonConfidences = [0.80, 0.90, 0.95]

    /// `asked` with the ``comparisonConfidences``, in increasing order, without repeats.
    package static func confidenceLevels(including asked: Double) -> [Double] {
        (comparisonConfidences + [asked]).reduce(into: [Double]()) { levels, level in
            if !levels.contains(level) { levels.append(level) }
        }.sorted()
    }
}

// MARK: - Sample size

extension SizingReport {
    /// The sample size at each of ``confidenceLevels(including:)``, with the other inputs of `calculation`.
    package static func comparison(for calculation: SampleSizeCalculation) throws(SizingError) -> [SampleSizeCalculation] {
        var rows: [SampleSizeCalculation] = []
        for level in confidenceLevels(including: calculation.confidence) {
            rows.append(try SampleSizeCalculation.compute(
                population: calculation.population, margin: calculation.margin, confidence: level,
                proportion: calculation.proportion, expectedExclusions: calculation.expectedExclusions))
        }
        return rows
    }

    /// The text report of a sample size, its working and the comparison table.
    ///
    /// - Parameters:
    ///   - calculation: The size asked for.
    ///   - comparison: The same calculation at other confidence levels, from ``comparison(for:)``.
    ///   - showsProvisionalList: Whether an expected exclusion rate was given, so the provisional list
    ///     size is worth a line and a column.
    package static func sampleSizeText(
        _ calculation: SampleSizeCalculation,
        comparison: [SampleSizeCalculation],
        showsProvisionalList: Bool
    ) -> String {
        let c = calculation
        var lines = ["Sample size: \(Format.count(c.sampleSize)) cases", ""]
        var details: [(String, String)] = []
        if let population = c.population {
            details.append(("Population", "\(Format.count(population)) eligible cases"))
        } else {
            details.append(("Population", "not given: taken as infinite (no finite population correction)"))
        }
        details.append(("Margin of error", "±\(Format.trimmed(100 * c.margin, digits: 4)) percentage points (\(Format.trimmed(c.margin, digits: 6)))"))
        details.append(("Confidence", "\(confidenceLabel(c.confidence)) (z = \(Format.fixed(c.z, digits: 6)))"))
        details.append(("Assumed proportion", Format.trimmed(c.proportion, digits: 6)))
        details.append(("n0", "\(Format.fixed(c.n0, digits: 2)) = z² · p(1 − p) / e²"))
        if let population = c.population {
            details.append(("Corrected size", "\(Format.fixed(c.correctedSize, digits: 2)) = n0 / (1 + (n0 − 1) / \(population)), rounded up: \(Format.count(c.sampleSize))"))
        } else {
            details.append(("Sample size", "n0 rounded up: \(Format.count(c.sampleSize))"))
        }
        if showsProvisionalList {
            details.append(("Provisional list", "\(Format.count(c.provisionalListSize)) cases = \(c.sampleSize) / (1 − \(Format.trimmed(c.expectedExclusions, digits: 6))), rounded up"))
        }
        lines += labelled(details)
        if c.population == nil, c.margin == 0.05, c.confidence == 0.80, c.proportion == 0.5 {
            lines += ["", "  The manual's \"about 164\" (section 4.2) is n0 = \(Format.fixed(c.n0, digits: 2)); a whole sample rounds it up to \(c.sampleSize)."]
        }

        var headers = ["Confidence", "z", "n0", "Sample size"]
        if showsProvisionalList { headers.append("Provisional list") }
        var table = TextTable(headers: headers + [""], alignments: Array(repeating: .right, count: headers.count) + [.left])
        for row in comparison {
            var cells = [confidenceLabel(row.confidence), Format.fixed(row.z, digits: 6), Format.fixed(row.n0, digits: 2), Format.count(row.sampleSize)]
            if showsProvisionalList { cells.append(Format.count(row.provisionalListSize)) }
            table.append(cells + [row.confidence == c.confidence ? "(asked)" : ""])
        }
        lines += ["", "At other confidence levels (same margin, proportion and population):", ""]
        return lines.joined(separator: "\n") + "\n" + table.rendered()
    }

    /// The JSON report of a sample size: `sampleSize`, `n0`, `z`, `population` (`null` when infinite),
    /// `margin`, `confidence`, `proportion`, `correctedSize`, `expectedExclusions`,
    /// `provisionalListSize`, then `table`, one object per confidence level.
    package static func sampleSizeJSON(_ calculation: SampleSizeCalculation, comparison: [SampleSizeCalculation]) -> JSONValue {
        let c = calculation
        return [
            "sampleSize": .int(c.sampleSize),
            "n0": .double(c.n0),
            "z": .double(c.z),
            "population": c.population.map(JSONValue.int) ?? .null,
            "margin": .double(c.margin),
            "confidence": .double(c.confidence),
            "proportion": .double(c.proportion),
            "correctedSize": .double(c.correctedSize),
            "expectedExclusions": .double(c.expectedExclusions),
            "provisionalListSize": .int(c.provisionalListSize),
            "table": .array(comparison.map { row in
                [
                    "confidence": .double(row.confidence),
                    "z": .double(row.z),
                    "n0": .double(row.n0),
                    "sampleSize": .int(row.sampleSize),
                    "provisionalListSize": .int(row.provisionalListSize),
                ]
            }),
        ]
    }
}

// MARK: - Margin of error achieved

extension SizingReport {
    /// The precision a sample of a given size achieves: its margin of error at the worst case p = 0.5
    /// and, for an observed proportion, the Wald interval (with the finite population correction when
    /// the population is known) and the Wilson interval (without it) around that proportion.
    package struct Precision: Sendable, Equatable {
        package let sampleSize: Int
        /// The population sampled from, or `nil` for an infinite population.
        package let population: Int?
        package let confidence: Double
        package let z: Double
        /// √((N − n) / (N − 1)), or 1 without a population.
        package let finitePopulationCorrection: Double
        /// The margin of error at p = 0.5, the widest it can be.
        package let worstCaseMargin: Double
        /// The observed proportion, if given.
        package let observed: Double?
        /// The Wald interval's half-width at the observed proportion (before clamping to [0, 1]).
        package let observedMargin: Double?
        package let waldInterval: Interval?
        package let wilsonInterval: Interval?

        /// Computes the precision of a sample of `sampleSize` cases.
        ///
        /// - Throws: ``SizingError`` for an input out of range, such as a sample larger than its population.
        package static func compute(
            sampleSize: Int, population: Int?, confidence: Double, observed: Double?
        ) throws(SizingError) -> Precision {
            let worstCase = try MarginOfError.achieved(sampleSize: sampleSize, population: population, confidence: confidence)
            var observedMargin: Double?, wald: Interval?, wilson: Interval?
            if let observed {
                guard observed >= 0, observed <= 1 else { throw .observedProportionOutOfRange(observed) }
                let interval = try Interval.wald(observed: observed, sampleSize: sampleSize, population: population, confidence: confidence)
                wald = interval
                observedMargin = try MarginOfError.halfWidth(
                    proportion: observed, sampleSize: sampleSize, population: population, confidence: confidence)
                wilson = SizingReport.wilsonInterval(observed: observed, sampleSize: sampleSize, confidence: confidence)
            }
            return Precision(
                sampleSize: sampleSize, population: population, confidence: confidence,
                z: StandardNormal.zValue(confidence: confidence),
                finitePopulationCorrection: MarginOfError.finitePopulationCorrection(sampleSize: sampleSize, population: population),
                worstCaseMargin: worstCase, observed: observed, observedMargin: observedMargin,
                waldInterval: wald, wilsonInterval: wilson)
        }

        /// The same sample at each of ``SizingReport/confidenceLevels(including:)``.
        package func comparison() throws(SizingError) -> [Precision] {
            var rows: [Precision] = []
            for level in SizingReport.confidenceLevels(including: confidence) {
                rows.append(try Precision.compute(sampleSize: sampleSize, population: population, confidence: level, observed: observed))
            }
            return rows
        }
    }

    /// The Wilson score interval for an observed proportion p̂ that need not be a whole number of
    /// cases out of n; at p̂ = Y / n it equals ``Interval/wilson(yes:of:confidence:)``.
    static func wilsonInterval(observed: Double, sampleSize: Int, confidence: Double) -> Interval {
        let z = StandardNormal.zValue(confidence: confidence)
        let n = Double(sampleSize)
        let zSquaredOverN = z * z / n
        let denominator = 1 + zSquaredOverN
        let centre = (observed + zSquaredOverN / 2) / denominator
        let halfWidth = z / denominator * (observed * (1 - observed) / n + zSquaredOverN / (4 * n)).squareRoot()
        return Interval(
            lower: observed == 0 ? 0 : max(0, centre - halfWidth),
            upper: observed == 1 ? 1 : min(1, centre + halfWidth))
    }

    /// The text report of the precision a sample achieves, with the comparison table.
    package static func precisionText(_ precision: Precision, comparison: [Precision]) -> String {
        let p = precision
        var lines = ["Margin of error for a sample of \(Format.count(p.sampleSize)) cases", ""]
        var details: [(String, String)] = []
        if let population = p.population {
            details.append(("Population", "\(Format.count(population)) cases (finite population correction √((N − n) / (N − 1)) = \(Format.fixed(p.finitePopulationCorrection, digits: 4)))"))
        } else {
            details.append(("Population", "not given: taken as infinite (no finite population correction)"))
        }
        details.append(("Confidence", "\(confidenceLabel(p.confidence)) (z = \(Format.fixed(p.z, digits: 6)))"))
        details.append(("Margin of error", "±\(Format.fixed(100 * p.worstCaseMargin, digits: 2)) percentage points at p = 0.5, the widest it can be"))
        if let observed = p.observed, let wald = p.waldInterval, let wilson = p.wilsonInterval, let margin = p.observedMargin {
            details.append(("Observed", Format.percent(observed)))
            details.append(("Wald interval", "\(range(wald)) (\(Format.percent(observed)) ± \(Format.fixed(100 * margin, digits: 2)) points\(p.population == nil ? "" : ", with the correction"))"))
            details.append(("Wilson interval", "\(range(wilson)) (for comparison; no finite population correction)"))
        }
        lines += labelled(details)

        var headers = ["Confidence", "z", "Margin at p = 0.5"]
        if p.observed != nil { headers += ["Wald interval", "Wilson interval"] }
        var table = TextTable(headers: headers + [""], alignments: Array(repeating: .right, count: headers.count) + [.left])
        for row in comparison {
            var cells = [confidenceLabel(row.confidence), Format.fixed(row.z, digits: 6), "±\(Format.fixed(100 * row.worstCaseMargin, digits: 2))"]
            if let wald = row.waldInterval, let wilson = row.wilsonInterval { cells += [range(wald), range(wilson)] }
            table.append(cells + [row.confidence == p.confidence ? "(asked)" : ""])
        }
        lines += ["", "At other confidence levels:", ""]
        return lines.joined(separator: "\n") + "\n" + table.rendered()
    }

    /// The JSON report of the precision a sample achieves: `sampleSize`, `population`, `confidence`, `z`,
    /// `finitePopulationCorrection`, `margin` (at p = 0.5), `observed`, `observedMargin`, `waldInterval`,
    /// `wilsonInterval` (the last four `null` without an observed proportion), then `table`.
    package static func precisionJSON(_ precision: Precision, comparison: [Precision]) -> JSONValue {
        func object(_ p: Precision) -> [(String, JSONValue)] {
            [
                ("confidence", .double(p.confidence)),
                ("z", .double(p.z)),
                ("margin", .double(p.worstCaseMargin)),
                ("observedMargin", p.observedMargin.map(JSONValue.double) ?? .null),
                ("waldInterval", p.waldInterval.map(json) ?? .null),
                ("wilsonInterval", p.wilsonInterval.map(json) ?? .null),
            ]
        }
        let p = precision
        return .object([
            ("sampleSize", .int(p.sampleSize)),
            ("population", p.population.map(JSONValue.int) ?? .null),
            ("finitePopulationCorrection", .double(p.finitePopulationCorrection)),
            ("observed", p.observed.map(JSONValue.double) ?? .null),
        ] + object(p) + [
            ("table", .array(comparison.map { .object(object($0)) })),
        ])
    }
}

// MARK: - Findings

extension SizingReport {
    /// The text report for one key question, as `casesample confidence --yes Y --of N` prints it.
    package static func keyQuestionText(_ result: KeyQuestionResult, confidence: Double, population: Int?) -> String {
        let r = result
        var lines = [
            "\(Format.count(r.yes)) of \(Format.count(r.applicable)) cases: \(percent(yes: r.yes, of: r.applicable)), \(r.band.caseSampleLabel) (\(r.band.percentageRange)): \(r.band.displayName)",
            "",
        ]
        var details: [(String, String)] = [
            ("Confidence", "\(confidenceLabel(confidence)) (z = \(Format.fixed(StandardNormal.zValue(confidence: confidence), digits: 6)))"),
        ]
        if let population {
            details.append(("Population", "\(Format.count(population)) cases (Wald interval with the finite population correction)"))
        } else {
            details.append(("Population", "not given (no finite population correction)"))
        }
        details.append(("Wald interval", range(r.waldInterval)))
        details.append(("Wilson interval", "\(range(r.wilsonInterval)) (no finite population correction; better for small samples)"))
        details.append(("Band", "\(r.band.displayName) (\(r.band.caseSampleLabel), \(r.band.percentageRange))"))
        lines += labelled(details)
        lines += ["", "For the ratings panel (manual, section 7.2):"]
        lines += labelled(flagDetails(r).map { ($0.flag, $0.detail) })
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON object for one key question: `yes`, `of`, `percentage` (0 to 100, unrounded),
    /// `confidence`, `z`, `population`, `band`, `rating`, `label`, `waldInterval`, `wilsonInterval`, `flags`.
    package static func keyQuestionJSON(_ result: KeyQuestionResult, confidence: Double, population: Int?) -> JSONValue {
        .object([
            ("yes", .int(result.yes)),
            ("of", .int(result.applicable)),
            ("percentage", .double(result.percentage)),
            ("confidence", .double(confidence)),
            ("z", .double(StandardNormal.zValue(confidence: confidence))),
            ("population", population.map(JSONValue.int) ?? .null),
        ] + resultMembers(result))
    }

    /// The text report for a findings file: every key question, each standard's rating and, with all
    /// ten standards, the overall provider rating.
    package static func findingsText(_ evaluation: FindingsEvaluation, file: FindingsFile) -> String {
        let level = confidenceLabel(evaluation.confidence)
        let keyQuestionCount = evaluation.standards.reduce(0) { $0 + $1.keyQuestions.count }
        var out = "Findings from \(file.file): \(keyQuestionCount) key questions in \(evaluation.standards.count) standards\n"
        out += "Confidence \(level) (z = \(Format.fixed(StandardNormal.zValue(confidence: evaluation.confidence), digits: 6)))"
        if let population = evaluation.population {
            out += "; population \(Format.count(population)): Wald intervals with the finite population correction\n\n"
        } else {
            out += "; no population given: no finite population correction\n\n"
        }

        var table = TextTable(
            headers: ["Standard", "Key question", "Yes", "Of", "%", "Wald \(level)", "Wilson \(level)", "Band", "Flags"],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .left, .left])
        for standard in evaluation.standards {
            for (index, r) in standard.keyQuestions.enumerated() {
                table.append([
                    index == 0 ? standard.standard : "", r.keyQuestion, Format.count(r.yes), Format.count(r.applicable),
                    percent(yes: r.yes, of: r.applicable), shortRange(r.waldInterval), shortRange(r.wilsonInterval),
                    r.band.displayName, flagCodes(r).joined(separator: ", "),
                ])
            }
        }
        out += table.rendered()
        out += """

              Flags for the ratings panel (manual, section 7.2): crosses = the Wald or Wilson interval crosses a
              band boundary (50%, 65% or 80%); near = within five percentage points of a boundary; one case = one
              case judged differently would change the band.

            Standards, each rated by the lowest band of its key questions (manual, section 7.1):


            """
        var standards = TextTable(
            headers: ["Standard", "Rating", "Score", "Key questions", "Flagged"],
            alignments: [.left, .left, .right, .right, .right])
        for standard in evaluation.standards {
            standards.append([
                standard.standard, standard.band.displayName, "\(standard.band.score)", "\(standard.keyQuestions.count)",
                "\(standard.keyQuestions.filter { !flagCodes($0).isEmpty }.count)",
            ])
        }
        out += standards.rendered() + "\n"
        if let overall = evaluation.overallRating {
            out += "Overall provider rating: \(overall.band.displayName) (total score \(overall.totalScore) of 30; "
            out += "0–5 Inadequate, 6–15 Requires improvement, 16–25 Good, 26–30 Outstanding)\n"
        } else {
            out += "Overall provider rating: not given: \(evaluation.standards.count) standards are present, and it needs exactly ten.\n"
        }
        return out
    }

    /// The JSON report for a findings file: `file`, `confidence`, `z`, `population`, `standards` (each
    /// with `standard`, `band`, `rating`, `score` and `keyQuestions`, each key question with its `line`
    /// in the file), and `overallRating` (`null` unless exactly ten standards are present).
    package static func findingsJSON(_ evaluation: FindingsEvaluation, file: FindingsFile) -> JSONValue {
        var lines = file.rows.makeIterator()
        var lineOfKeyQuestion: [[String]: Int] = [:]
        while let row = lines.next() { lineOfKeyQuestion[[row.finding.standard, row.finding.keyQuestion]] = row.line }
        return .object([
            ("file", .string(file.file)),
            ("confidence", .double(evaluation.confidence)),
            ("z", .double(StandardNormal.zValue(confidence: evaluation.confidence))),
            ("population", evaluation.population.map(JSONValue.int) ?? .null),
            ("standards", .array(evaluation.standards.map { standard in
                .object([
                    ("standard", .string(standard.standard)),
                    ("band", .string(standard.band.rawValue)),
                    ("rating", .string(standard.band.displayName)),
                    ("score", .int(standard.band.score)),
                    ("keyQuestions", .array(standard.keyQuestions.map { r in
                        .object([
                            ("keyQuestion", .string(r.keyQuestion)),
                            ("line", lineOfKeyQuestion[[r.standard, r.keyQuestion]].map(JSONValue.int) ?? .null),
                            ("yes", .int(r.yes)),
                            ("applicable", .int(r.applicable)),
                            ("percentage", .double(r.percentage)),
                        ] + resultMembers(r))
                    })),
                ])
            })),
            ("overallRating", evaluation.overallRating.map { overall in
                .object([
                    ("totalScore", .int(overall.totalScore)),
                    ("band", .string(overall.band.rawValue)),
                    ("rating", .string(overall.band.displayName)),
                ])
            } ?? .null),
        ])
    }

    // MARK: Flags

    /// The short codes of a key question's flags, in a fixed order: "crosses", "near", "one case".
    static func flagCodes(_ r: KeyQuestionResult) -> [String] {
        [(r.intervalCrossesBoundary, "crosses"), (r.withinFivePointsOfBoundary, "near"), (r.oneCaseChangesBand, "one case")]
            .filter(\.0).map(\.1)
    }

    /// Each flag with "yes: …" or "no", saying which boundary or which neighbouring count is involved.
    static func flagDetails(_ r: KeyQuestionResult) -> [(flag: String, detail: String)] {
        let boundaries = RatingBand.boundaryPercentages
        let crossed = boundaries.filter { percentage in
            let boundary = Double(percentage) / 100
            return r.waldInterval.straddles(boundary) || r.wilsonInterval.straddles(boundary)
        }
        let crossesDetail = crossed.isEmpty ? "no" : "yes: " + crossed.map { percentage -> String in
            let boundary = Double(percentage) / 100
            let which = [(r.waldInterval, "Wald"), (r.wilsonInterval, "Wilson")].filter { $0.0.straddles(boundary) }.map(\.1)
            return "the \(which.joined(separator: " and ")) interval\(which.count > 1 ? "s" : "") cross\(which.count > 1 ? "" : "es") \(percentage)%"
        }.joined(separator: "; ")

        let near = boundaries.filter { abs(100 * r.yes - $0 * r.applicable) <= 5 * r.applicable }
        let nearDetail = near.isEmpty ? "no" : "yes: " + near.map { percentage -> String in
            let difference = 100 * Double(r.yes) / Double(r.applicable) - Double(percentage)
            let side = difference == 0 ? "on" : difference > 0 ? "above" : "below"
            return difference == 0 ? "on \(percentage)%" : "\(Format.trimmed(abs(difference), digits: 2)) points \(side) \(percentage)%"
        }.joined(separator: "; ")

        let changes = [r.yes - 1, r.yes + 1].filter { (0...r.applicable).contains($0) }
            .filter { RatingBand.band(yes: $0, of: r.applicable) != r.band }
        let oneCaseDetail = changes.isEmpty ? "no" : "yes: " + changes.map { yes -> String in
            "\(Format.count(yes)) of \(Format.count(r.applicable)) (\(percent(yes: yes, of: r.applicable))) would be \(RatingBand.band(yes: yes, of: r.applicable).displayName)"
        }.joined(separator: "; ")

        return [
            ("Interval crosses a band boundary", crossesDetail),
            ("Within five points of a boundary", nearDetail),
            ("One case judged differently changes the band", oneCaseDetail),
        ]
    }

    /// The members a key question's JSON shares between one finding and a findings file.
    private static func resultMembers(_ r: KeyQuestionResult) -> [(String, JSONValue)] {
        [
            ("band", .string(r.band.rawValue)),
            ("rating", .string(r.band.displayName)),
            ("label", .string(r.band.caseSampleLabel)),
            ("waldInterval", json(r.waldInterval)),
            ("wilsonInterval", json(r.wilsonInterval)),
            ("flags", .object([
                ("intervalCrossesBoundary", .bool(r.intervalCrossesBoundary)),
                ("withinFivePointsOfBoundary", .bool(r.withinFivePointsOfBoundary)),
                ("oneCaseChangesBand", .bool(r.oneCaseChangesBand)),
            ])),
        ]
    }
}

// MARK: - Formatting

extension SizingReport {
    private static func json(_ interval: Interval) -> JSONValue {
        .object([("lower", .double(interval.lower)), ("upper", .double(interval.upper))])
    }

    /// Label–value lines with the values aligned, indented two spaces.
    private static func labelled(_ rows: [(String, String)]) -> [String] {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }
    }

    /// A confidence level as a percentage without needless decimals: 0.8 → "80%", 0.975 → "97.5%".
    static func confidenceLabel(_ confidence: Double) -> String {
        Format.trimmed(100 * confidence, digits: 4) + "%"
    }

    /// `yes / of` as a percentage to one decimal place, or more when one would put it on the other side
    /// of a band boundary: 84 of 130 → "64.6%", 1,299 of 2,000 → "64.95%" (not "65.0%").
    static func percent(yes: Int, of applicable: Int) -> String {
        let exact = 100 * Double(yes) / Double(applicable)
        for digits in 1...6 {
            let text = Format.fixed(exact, digits: digits)
            let shown = Double(text) ?? exact
            let agrees = RatingBand.boundaryPercentages.allSatisfy { boundary in
                (100 * yes >= boundary * applicable) == (shown >= Double(boundary))
            }
            if agrees { return text + "%" }
        }
        // Only a fraction within 10⁻⁶ points of a boundary gets here: show it below the boundary.
        return "<\(RatingBand.boundaryPercentages.first { 100 * yes < $0 * applicable } ?? 100)%"
    }

    /// "42.0% to 52.0%".
    private static func range(_ interval: Interval) -> String {
        "\(Format.percent(interval.lower)) to \(Format.percent(interval.upper))"
    }

    /// "42.0–52.0%", for tables.
    private static func shortRange(_ interval: Interval) -> String {
        "\(Format.fixed(100 * interval.lower, digits: 1))–\(Format.fixed(100 * interval.upper, digits: 1))%"
    }
}
