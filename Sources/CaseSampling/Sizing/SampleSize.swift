/// How many cases to inspect so that a percentage measured on the sample is within a chosen margin
/// of the population's percentage, at a chosen confidence.
///
/// The inspection manual (section 4.2) sizes case samples for "a margin of error of 5% and a
/// confidence level of 80% for a simple random sample". The calculation is Cochran's (*Sampling
/// Techniques*, 3rd edition, 1977, chapter 4, sample size for proportions):
///
/// - z = Φ⁻¹(1 − (1 − c) / 2), the two-sided critical value for confidence c;
/// - n₀ = z² · p(1 − p) / e², the size for an infinite population with margin e and proportion p;
/// - n = n₀ / (1 + (n₀ − 1) / N), the finite population correction for a population of N cases;
/// - the sample size is n rounded up, and never more than N.
///
/// At the manual's settings (e = 0.05, c = 0.80, p = 0.5, the worst case) z = 1.2815515655446004 and
/// n₀ = 164.2374415149816, so an infinite population needs 165 cases; a population of 1,000 needs 142.
///
/// If a share R of listed cases is expected to be excluded later (for example, found ineligible),
/// the provisional list is ⌈n / (1 − R)⌉ cases, also capped at N.
///
/// ```swift
/// let plan = try SampleSizeCalculation.compute(population: 1_000)
/// plan.sampleSize   // 142
/// ```
public struct SampleSizeCalculation: Codable, Equatable, Sendable {
    /// The number of cases N in the population, or `nil` for an infinite population (no correction).
    public let population: Int?
    /// The margin of error e, as a fraction: 0.05 is ±5 percentage points.
    public let margin: Double
    /// The confidence level c, as a fraction: 0.8 is 80%.
    public let confidence: Double
    /// The assumed proportion p; 0.5 gives the largest, safest sample.
    public let proportion: Double
    /// The share R of listed cases expected to be excluded, in [0, 1).
    public let expectedExclusions: Double
    /// The two-sided critical value z for ``confidence``.
    public let z: Double
    /// The infinite-population size n₀ = z² · p(1 − p) / e².
    public let n0: Double
    /// n₀ after the finite population correction, before rounding; equal to n₀ without a population.
    public let correctedSize: Double
    /// The number of cases to inspect: ``correctedSize`` rounded up, at least 1 and at most
    /// ``population``.
    public let sampleSize: Int
    /// The number of cases to list so that ``sampleSize`` remain after exclusions:
    /// ⌈``sampleSize`` / (1 − R)⌉, at most ``population``.
    public let provisionalListSize: Int

    /// Values this far above a whole number are taken to be that whole number before rounding up, so
    /// that floating-point error (a result of 164.00000000001 that is exactly 164 on paper) does not
    /// add a case. Real sizes have fractional parts far larger than this.
    static let roundingTolerance = 1e-9

    /// `value` rounded up to a whole number, ignoring an excess of up to ``roundingTolerance``.
    static func roundedUp(_ value: Double) -> Double {
        (value - roundingTolerance).rounded(.up)
    }

    /// Computes the sample size for a simple random sample.
    ///
    /// - Parameters:
    ///   - population: The number of cases N to sample from, or `nil` for an infinite population.
    ///   - margin: The margin of error e, strictly between 0 and 1. The manual uses 0.05.
    ///   - confidence: The confidence level c, strictly between 0 and 1. The manual uses 0.80.
    ///   - proportion: The assumed proportion p, strictly between 0 and 1. 0.5 is the worst case.
    ///   - expectedExclusions: The expected share R of listed cases that will be excluded, in [0, 1).
    /// - Returns: The inputs, the intermediate values z, n₀ and the corrected size, and the sizes.
    /// - Throws: ``SizingError`` naming the first input out of range, or
    ///   ``SizingError/sampleSizeTooLarge(_:)`` when an infinite population needs an unrepresentable
    ///   sample.
    public static func compute(
        population: Int?,
        margin: Double = 0.05,
        confidence: Double = 0.80,
        proportion: Double = 0.5,
        expectedExclusions: Double = 0
    ) throws(SizingError) -> SampleSizeCalculation {
        guard margin > 0, margin < 1 else { throw .marginOutOfRange(margin) }
        guard confidence > 0, confidence < 1 else { throw .confidenceOutOfRange(confidence) }
        guard proportion > 0, proportion < 1 else { throw .proportionOutOfRange(proportion) }
        if let population, population < 1 { throw .populationTooSmall(population) }
        guard expectedExclusions >= 0, expectedExclusions < 1 else {
            throw .exclusionRateOutOfRange(expectedExclusions)
        }

        let z = StandardNormal.zValue(confidence: confidence)
        let n0 = z * z * proportion * (1 - proportion) / (margin * margin)
        let corrected = population.map { n0 / (1 + (n0 - 1) / Double($0)) } ?? n0
        // Sizes beyond 2^53 could not be counted exactly in a Double, let alone inspected.
        let largestSize = 9_007_199_254_740_992.0
        guard corrected.isFinite, corrected <= largestSize else { throw .sampleSizeTooLarge(corrected) }

        let cap = population ?? Int.max
        // At least one case: with extreme inputs n₀ can be a tiny fraction, which rounds up to 1.
        let sampleSize = min(max(Int(roundedUp(corrected)), 1), cap)
        let listed = roundedUp(Double(sampleSize) / (1 - expectedExclusions))
        guard listed <= largestSize else { throw .sampleSizeTooLarge(listed) }
        let provisionalListSize = min(Int(listed), cap)

        return SampleSizeCalculation(
            population: population, margin: margin, confidence: confidence, proportion: proportion,
            expectedExclusions: expectedExclusions, z: z, n0: n0, correctedSize: corrected,
            sampleSize: sampleSize, provisionalListSize: provisionalListSize
        )
    }

    enum CodingKeys: String, CodingKey {
        case population, margin, confidence, proportion, expectedExclusions
        case z, n0, correctedSize, sampleSize, provisionalListSize
    }

    /// Encodes every property; an infinite population is written as `null` rather than left out, so
    /// JSON readers always find the `population` key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let population {
            try container.encode(population, forKey: .population)
        } else {
            try container.encodeNil(forKey: .population)
        }
        try container.encode(margin, forKey: .margin)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(proportion, forKey: .proportion)
        try container.encode(expectedExclusions, forKey: .expectedExclusions)
        try container.encode(z, forKey: .z)
        try container.encode(n0, forKey: .n0)
        try container.encode(correctedSize, forKey: .correctedSize)
        try container.encode(sampleSize, forKey: .sampleSize)
        try container.encode(provisionalListSize, forKey: .provisionalListSize)
    }
}

/// An input to a sizing or interval calculation that is out of range. Each description says what
/// was given and what is allowed.
public enum SizingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The margin of error is not strictly between 0 and 1.
    case marginOutOfRange(Double)
    /// The confidence level is not strictly between 0 and 1.
    case confidenceOutOfRange(Double)
    /// The assumed proportion is not strictly between 0 and 1.
    case proportionOutOfRange(Double)
    /// The population has fewer than one case.
    case populationTooSmall(Int)
    /// The expected exclusion rate is not in [0, 1).
    case exclusionRateOutOfRange(Double)
    /// The sample has fewer than one case.
    case sampleTooSmall(Int)
    /// The sample has more cases than the population it was drawn from.
    case sampleExceedsPopulation(sample: Int, population: Int)
    /// An observed proportion is not in [0, 1].
    case observedProportionOutOfRange(Double)
    /// A count of "yes" answers is negative or more than the sample.
    case yesOutOfRange(yes: Int, sample: Int)
    /// The required sample is too large to represent (the margin is far too small).
    case sampleSizeTooLarge(Double)

    public var description: String {
        switch self {
        case .marginOutOfRange(let margin):
            "margin of error \(margin) is out of range: give a fraction strictly between 0 and 1 (0.05 means ±5 percentage points)"
        case .confidenceOutOfRange(let confidence):
            "confidence level \(confidence) is out of range: give a fraction strictly between 0 and 1 (0.8 means 80%)"
        case .proportionOutOfRange(let proportion):
            "assumed proportion \(proportion) is out of range: give a fraction strictly between 0 and 1 (0.5 is the safest choice)"
        case .populationTooSmall(let population):
            "population of \(population) cases is too small: it must have at least 1 case (omit it for an infinite population)"
        case .exclusionRateOutOfRange(let rate):
            "expected exclusion rate \(rate) is out of range: give a fraction from 0 up to but not including 1 (0.1 means 10%)"
        case .sampleTooSmall(let sample):
            "sample of \(sample) cases is too small: it must have at least 1 case"
        case .sampleExceedsPopulation(let sample, let population):
            "sample of \(sample) cases is larger than its population of \(population): the sample can be at most the population"
        case .observedProportionOutOfRange(let observed):
            "observed proportion \(observed) is out of range: it must be a fraction from 0 to 1 inclusive"
        case .yesOutOfRange(let yes, let sample):
            "\(yes) yes answers out of \(sample) cases is impossible: the yes count must be from 0 to \(sample)"
        case .sampleSizeTooLarge(let size):
            "a sample of \(size) cases is too large to compute: use a larger margin of error or give the population"
        }
    }
}
