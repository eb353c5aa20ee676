/// The counts for one key question of one standard, as read from the case assessments.
public struct KeyQuestionFinding: Codable, Equatable, Sendable {
    /// The standard the key question belongs to, for example "2.1".
    public var standard: String
    /// The key question's identifier or wording.
    public var keyQuestion: String
    /// The number of applicable cases answered "yes".
    public var yes: Int
    /// The number of cases to which the key question applied.
    public var applicable: Int

    public init(standard: String, keyQuestion: String, yes: Int, applicable: Int) {
        self.standard = standard
        self.keyQuestion = keyQuestion
        self.yes = yes
        self.applicable = applicable
    }
}

/// One key question, rated, with its intervals and flags.
public struct KeyQuestionResult: Codable, Equatable, Sendable {
    public let standard: String
    public let keyQuestion: String
    public let yes: Int
    public let applicable: Int
    /// 100 × yes / applicable, unrounded.
    public let percentage: Double
    /// The band of the exact fraction yes / applicable.
    public let band: RatingBand
    /// The Wald interval for yes / applicable, with the finite population correction when a
    /// population was given.
    public let waldInterval: Interval
    /// The Wilson score interval for yes of applicable, without a finite population correction.
    public let wilsonInterval: Interval
    /// Whether the Wald or the Wilson interval straddles 0.50, 0.65 or 0.80 (strictly: an interval
    /// that merely ends on a boundary does not cross it).
    public let intervalCrossesBoundary: Bool
    /// Whether the percentage is within five percentage points of 50, 65 or 80, inclusive
    /// (|100 × yes − boundary × applicable| ≤ 5 × applicable, in integers).
    public let withinFivePointsOfBoundary: Bool
    /// Whether yes + 1 or yes − 1 (where possible) of the same applicable cases gives another band.
    public let oneCaseChangesBand: Bool
}

/// One standard, rated by the lowest band among its key questions.
public struct StandardResult: Codable, Equatable, Sendable {
    public let standard: String
    public let band: RatingBand
    /// The standard's key questions, in input order.
    public let keyQuestions: [KeyQuestionResult]
}

/// The provider's overall rating from the scores of its ten standards (see
/// ``RatingBand/overall(totalScore:)``).
public struct OverallRating: Codable, Equatable, Sendable {
    /// The sum of the ten standards' scores, 0 to 30.
    public let totalScore: Int
    public let band: RatingBand
}

/// The ratings for a set of key question findings, with the uncertainty that a sample carries.
///
/// Each ``KeyQuestionFinding`` says how many of the applicable cases met one key question of one
/// standard. ``evaluate(_:confidence:population:)`` rates each key question with
/// ``RatingBand/band(yes:of:)``, rates each standard by its lowest key question, rates the provider
/// when exactly ten standards are present, and flags results that the sample may not settle:
///
/// - ``KeyQuestionResult/intervalCrossesBoundary``: the Wald or the Wilson interval straddles a band
///   boundary (50%, 65% or 80%), so the population's percentage could lie in another band;
/// - ``KeyQuestionResult/withinFivePointsOfBoundary``: the percentage is within five percentage points
///   of a boundary, inclusive (manual, section 7.2);
/// - ``KeyQuestionResult/oneCaseChangesBand``: one more or one fewer "yes" case, out of the same
///   applicable cases, gives another band.
///
/// ```swift
/// let evaluation = try FindingsEvaluation.evaluate([
///     KeyQuestionFinding(standard: "2.1", keyQuestion: "Engaging", yes: 84, applicable: 130),
/// ])
/// evaluation.standards[0].band   // .requiresImprovement (64.6%)
/// ```
public struct FindingsEvaluation: Codable, Equatable, Sendable {
    /// The confidence level of the intervals.
    public let confidence: Double
    /// The population used for the Wald interval's finite population correction, if any.
    public let population: Int?
    /// The standards, in order of first appearance.
    public let standards: [StandardResult]
    /// The overall rating, present only when exactly ten distinct standards were given.
    public let overallRating: OverallRating?

    /// Rates key question findings, their standards and, given ten standards, the provider.
    ///
    /// - Parameters:
    ///   - findings: The counts, one per key question; a standard's key questions need not be adjacent.
    ///   - confidence: The confidence level for the intervals, strictly between 0 and 1.
    ///   - population: The number of cases the sample was drawn from, for the Wald interval's finite
    ///     population correction, or `nil` for none. Every key question's applicable count must be
    ///     at most this.
    /// - Throws: ``SizingError`` if `confidence` or `population` is out of range; otherwise
    ///   ``FindingsError`` for the first finding that is impossible or repeated, naming its index,
    ///   standard and key question.
    public static func evaluate(
        _ findings: [KeyQuestionFinding],
        confidence: Double = 0.80,
        population: Int? = nil
    ) throws -> FindingsEvaluation {
        guard confidence > 0, confidence < 1 else { throw SizingError.confidenceOutOfRange(confidence) }
        if let population, population < 1 { throw SizingError.populationTooSmall(population) }

        var firstIndexOfKeyQuestion: [KeyQuestionIdentity: Int] = [:]
        var standardOrder: [String] = []
        var resultsByStandard: [String: [KeyQuestionResult]] = [:]
        for (index, finding) in findings.enumerated() {
            try validate(finding, at: index, population: population, seen: &firstIndexOfKeyQuestion)
            let result = try evaluate(finding, confidence: confidence, population: population)
            if resultsByStandard[finding.standard] == nil { standardOrder.append(finding.standard) }
            resultsByStandard[finding.standard, default: []].append(result)
        }

        let standards = standardOrder.map { standard in
            let keyQuestions = resultsByStandard[standard] ?? []
            return StandardResult(
                standard: standard,
                band: keyQuestions.map(\.band).min() ?? .inadequate,
                keyQuestions: keyQuestions
            )
        }
        let overallRating = RatingBand.overall(fromStandardRatings: standards.map(\.band)).map { band in
            OverallRating(totalScore: standards.reduce(0) { $0 + $1.band.score }, band: band)
        }
        return FindingsEvaluation(
            confidence: confidence, population: population, standards: standards, overallRating: overallRating
        )
    }

    private struct KeyQuestionIdentity: Hashable {
        let standard: String
        let keyQuestion: String
    }

    private static func validate(
        _ finding: KeyQuestionFinding,
        at index: Int,
        population: Int?,
        seen firstIndexOfKeyQuestion: inout [KeyQuestionIdentity: Int]
    ) throws(FindingsError) {
        func failure(_ problem: FindingsError.Problem) -> FindingsError {
            FindingsError(
                index: index, standard: finding.standard, keyQuestion: finding.keyQuestion,
                yes: finding.yes, applicable: finding.applicable, problem: problem
            )
        }
        guard finding.applicable >= 1 else { throw failure(.noApplicableCases) }
        guard finding.yes >= 0 else { throw failure(.negativeYes) }
        guard finding.yes <= finding.applicable else { throw failure(.yesExceedsApplicable) }
        if let population, finding.applicable > population {
            throw failure(.applicableExceedsPopulation(population: population))
        }
        let identity = KeyQuestionIdentity(standard: finding.standard, keyQuestion: finding.keyQuestion)
        if let firstIndex = firstIndexOfKeyQuestion[identity] {
            throw failure(.duplicateKeyQuestion(firstIndex: firstIndex))
        }
        firstIndexOfKeyQuestion[identity] = index
    }

    /// Rates one finding that ``validate(_:at:population:seen:)`` accepted.
    private static func evaluate(
        _ finding: KeyQuestionFinding,
        confidence: Double,
        population: Int?
    ) throws(SizingError) -> KeyQuestionResult {
        let yes = finding.yes, applicable = finding.applicable
        let band = RatingBand.band(yes: yes, of: applicable)
        let wald = try Interval.wald(
            observed: Double(yes) / Double(applicable), sampleSize: applicable,
            population: population, confidence: confidence
        )
        let wilson = try Interval.wilson(yes: yes, of: applicable, confidence: confidence)
        let boundaries = RatingBand.boundaryPercentages
        let crossesBoundary = boundaries.contains { percent in
            let boundary = Double(percent) / 100
            return wald.straddles(boundary) || wilson.straddles(boundary)
        }
        let nearBoundary = boundaries.contains { percent in
            abs(100 * yes - percent * applicable) <= 5 * applicable
        }
        let neighbours = [yes - 1, yes + 1].filter { (0...applicable).contains($0) }
        let oneCaseChangesBand = neighbours.contains { RatingBand.band(yes: $0, of: applicable) != band }
        return KeyQuestionResult(
            standard: finding.standard, keyQuestion: finding.keyQuestion, yes: yes, applicable: applicable,
            percentage: 100 * Double(yes) / Double(applicable), band: band,
            waldInterval: wald, wilsonInterval: wilson,
            intervalCrossesBoundary: crossesBoundary, withinFivePointsOfBoundary: nearBoundary,
            oneCaseChangesBand: oneCaseChangesBand
        )
    }
}

/// A key question finding that cannot be rated. It names the finding by its 0-based index in the
/// input, its standard and its key question, and says what is allowed.
public struct FindingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the finding.
    public enum Problem: Equatable, Sendable {
        /// No cases were applicable; at least one is needed.
        case noApplicableCases
        /// The yes count is negative.
        case negativeYes
        /// More cases were "yes" than were applicable.
        case yesExceedsApplicable
        /// More cases were applicable than the population holds.
        case applicableExceedsPopulation(population: Int)
        /// The same standard and key question appeared earlier, at `firstIndex`.
        case duplicateKeyQuestion(firstIndex: Int)
    }

    /// The finding's 0-based position in the input.
    public let index: Int
    public let standard: String
    public let keyQuestion: String
    public let yes: Int
    public let applicable: Int
    public let problem: Problem

    public var description: String {
        let location = "finding at index \(index) (standard \"\(standard)\", key question \"\(keyQuestion)\")"
        let detail: String
        switch problem {
        case .noApplicableCases:
            detail = "\(applicable) applicable cases: a key question needs at least 1 applicable case"
        case .negativeYes:
            detail = "\(yes) yes answers: the yes count must be from 0 to the applicable count (\(applicable))"
        case .yesExceedsApplicable:
            detail = "\(yes) yes answers out of \(applicable) applicable cases: yes cannot exceed applicable"
        case .applicableExceedsPopulation(let population):
            detail = "\(applicable) applicable cases in a population of \(population): applicable cannot exceed the population"
        case .duplicateKeyQuestion(let firstIndex):
            detail = "repeats the finding at index \(firstIndex): give each key question of a standard once"
        }
        return "\(location): \(detail)"
    }
}
