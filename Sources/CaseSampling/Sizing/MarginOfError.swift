/// A closed interval of proportions, [lower, upper], within [0, 1].
public struct Interval: Codable, Equatable, Sendable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies strictly between the ends, `lower < value < upper`: the interval
    /// straddles it, so the true proportion could be on either side.
    public func straddles(_ value: Double) -> Bool {
        lower < value && value < upper
    }
}

/// The margin of error a sample achieves, and the Wald interval around an observed proportion.
///
/// For a simple random sample of n cases from a population of N, with a proportion p and the
/// two-sided critical value z for confidence c (see ``StandardNormal/zValue(confidence:)``):
///
///     e = z · √(p(1 − p) / n) · √((N − n) / (N − 1))
///
/// The second root is the finite population correction for a proportion (Cochran, *Sampling
/// Techniques*, 3rd edition, 1977, chapter 3); it is left out when the population is infinite
/// (`nil`) and is 0 for a census (n = N).
///
/// The manual (section 4.2) illustrates this: "for a response figure of 47%, … 80% sure that the
/// true percentage … was between 42% and 52%". With n = 165 and no correction,
/// e = 1.2816 · √(0.47 · 0.53 / 165) = 0.0499, giving 42.0% to 52.0%.
public enum MarginOfError {
    /// The margin of error e achieved by a sample.
    ///
    /// - Parameters:
    ///   - sampleSize: The number of cases n in the sample, at least 1.
    ///   - population: The number of cases N sampled from, at least n, or `nil` for no correction.
    ///   - confidence: The confidence level c, strictly between 0 and 1.
    ///   - proportion: The proportion p, strictly between 0 and 1; 0.5 gives the widest margin.
    /// - Returns: e as a fraction: 0.05 is ±5 percentage points.
    /// - Throws: ``SizingError`` for an input out of range.
    public static func achieved(
        sampleSize: Int,
        population: Int?,
        confidence: Double = 0.80,
        proportion: Double = 0.5
    ) throws(SizingError) -> Double {
        guard proportion > 0, proportion < 1 else { throw .proportionOutOfRange(proportion) }
        return try halfWidth(proportion: proportion, sampleSize: sampleSize, population: population, confidence: confidence)
    }

    /// z · √(p(1 − p) / n) · FPC, after checking n, N and c.
    static func halfWidth(
        proportion: Double,
        sampleSize: Int,
        population: Int?,
        confidence: Double
    ) throws(SizingError) -> Double {
        guard sampleSize >= 1 else { throw .sampleTooSmall(sampleSize) }
        if let population {
            guard population >= 1 else { throw .populationTooSmall(population) }
            guard sampleSize <= population else {
                throw .sampleExceedsPopulation(sample: sampleSize, population: population)
            }
        }
        guard confidence > 0, confidence < 1 else { throw .confidenceOutOfRange(confidence) }
        let z = StandardNormal.zValue(confidence: confidence)
        let n = Double(sampleSize)
        return z * (proportion * (1 - proportion) / n).squareRoot()
            * finitePopulationCorrection(sampleSize: sampleSize, population: population)
    }

    /// √((N − n) / (N − 1)); 1 without a population and 0 when the sample is the whole population.
    ///
    /// - Precondition: `1 <= sampleSize <= population`.
    static func finitePopulationCorrection(sampleSize: Int, population: Int?) -> Double {
        guard let population else { return 1 }
        precondition(1 <= sampleSize && sampleSize <= population)
        // Covers N = 1 too, where the formula would be 0 / 0.
        guard sampleSize < population else { return 0 }
        return (Double(population - sampleSize) / Double(population - 1)).squareRoot()
    }
}

extension Interval {
    /// The Wald interval p̂ ± e for an observed proportion p̂, with e from
    /// ``MarginOfError/achieved(sampleSize:population:confidence:proportion:)`` at p = p̂, clamped
    /// to [0, 1].
    ///
    /// The Wald interval has zero width at p̂ = 0 or 1 and is too narrow for small samples; see
    /// ``wilson(yes:of:confidence:)`` for an interval that behaves there.
    ///
    /// - Parameters:
    ///   - observed: The observed proportion p̂, from 0 to 1.
    ///   - sampleSize: The number of cases n it was observed on, at least 1.
    ///   - population: The number of cases N sampled from, at least n, or `nil` for no correction.
    ///   - confidence: The confidence level c, strictly between 0 and 1.
    /// - Throws: ``SizingError`` for an input out of range.
    public static func wald(
        observed: Double,
        sampleSize: Int,
        population: Int?,
        confidence: Double = 0.80
    ) throws(SizingError) -> Interval {
        guard observed >= 0, observed <= 1 else { throw .observedProportionOutOfRange(observed) }
        let margin = try MarginOfError.halfWidth(
            proportion: observed, sampleSize: sampleSize, population: population, confidence: confidence
        )
        return Interval(lower: max(0, observed - margin), upper: min(1, observed + margin))
    }
}
