/// The four ratings, and the case-sample percentages that earn them (inspection manual, section 7.1).
///
/// | Percentage of cases "yes" | Manual's label      | Rating               | Score |
/// |---------------------------|---------------------|----------------------|-------|
/// | below 50%                 | Minority            | Inadequate           | 0     |
/// | 50% to 64%                | Too few             | Requires improvement | 1     |
/// | 65% to 79%                | Reasonable majority | Good                 | 2     |
/// | 80% or more               | Large majority      | Outstanding          | 3     |
///
/// **Decision: the exact fraction decides, not the rounded percentage.** ``band(yes:of:)`` compares
/// yes / of with 0.50, 0.65 and 0.80 exactly, in integer arithmetic (`100 × yes >= 65 × of`), so
/// there is no floating-point edge. 84 of 130 is 64.6%, which displays as "65%" when rounded to a
/// whole percent but is "Requires improvement"; exactly 65.0% (for example 13 of 20) is "Good".
/// Reading the manual's "50–64%" as "below 65%" leaves no gap between bands.
///
/// The provider's overall rating adds the scores of its ten standards
/// (``overall(fromStandardRatings:)``): 0–5 Inadequate, 6–15 Requires improvement, 16–25 Good,
/// 26–30 Outstanding.
public enum RatingBand: String, Codable, CaseIterable, Sendable, Comparable {
    case inadequate
    case requiresImprovement
    case good
    case outstanding

    /// The rating as printed in reports: "Inadequate", "Requires improvement", "Good", "Outstanding".
    public var displayName: String {
        switch self {
        case .inadequate: "Inadequate"
        case .requiresImprovement: "Requires improvement"
        case .good: "Good"
        case .outstanding: "Outstanding"
        }
    }

    /// The manual's description of the share of cases: "Minority", "Too few", "Reasonable majority",
    /// "Large majority".
    public var caseSampleLabel: String {
        switch self {
        case .inadequate: "Minority"
        case .requiresImprovement: "Too few"
        case .good: "Reasonable majority"
        case .outstanding: "Large majority"
        }
    }

    /// The manual's percentage range: "<50%", "50–64%", "65–79%", "80%+".
    public var percentageRange: String {
        switch self {
        case .inadequate: "<50%"
        case .requiresImprovement: "50–64%"
        case .good: "65–79%"
        case .outstanding: "80%+"
        }
    }

    /// The score towards the overall rating: 0 (Inadequate) to 3 (Outstanding).
    public var score: Int {
        switch self {
        case .inadequate: 0
        case .requiresImprovement: 1
        case .good: 2
        case .outstanding: 3
        }
    }

    /// The lowest percentage of "yes" cases that earns this band: 0, 50, 65 or 80.
    public var lowerBoundPercentage: Int {
        switch self {
        case .inadequate: 0
        case .requiresImprovement: 50
        case .good: 65
        case .outstanding: 80
        }
    }

    /// The percentages at which the band changes: 50, 65 and 80.
    public static let boundaryPercentages = [50, 65, 80]

    public static func < (lhs: RatingBand, rhs: RatingBand) -> Bool {
        lhs.score < rhs.score
    }

    /// The band earned when `yes` of `applicable` cases meet a key question, decided on the exact
    /// fraction (see the type's discussion).
    ///
    /// - Precondition: `applicable >= 1` and `0 <= yes <= applicable`.
    public static func band(yes: Int, of applicable: Int) -> RatingBand {
        precondition(applicable >= 1, "a key question needs at least one applicable case")
        precondition(yes >= 0 && yes <= applicable, "yes must be from 0 to the number of applicable cases")
        if 100 * yes >= 80 * applicable { return .outstanding }
        if 100 * yes >= 65 * applicable { return .good }
        if 100 * yes >= 50 * applicable { return .requiresImprovement }
        return .inadequate
    }

    /// The overall rating for a total score from ten standards: 0–5 Inadequate, 6–15 Requires
    /// improvement, 16–25 Good, 26–30 Outstanding.
    ///
    /// - Precondition: `0 <= totalScore <= 30`.
    public static func overall(totalScore: Int) -> RatingBand {
        precondition((0...30).contains(totalScore), "ten standards score from 0 to 30 in total")
        switch totalScore {
        case ...5: return .inadequate
        case ...15: return .requiresImprovement
        case ...25: return .good
        default: return .outstanding
        }
    }

    /// The overall rating from the ratings of the ten standards, or `nil` unless there are exactly ten.
    public static func overall(fromStandardRatings ratings: [RatingBand]) -> RatingBand? {
        guard ratings.count == 10 else { return nil }
        return overall(totalScore: ratings.reduce(0) { $0 + $1.score })
    }
}
