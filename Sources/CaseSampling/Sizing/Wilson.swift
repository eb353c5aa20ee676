extension Interval {
    /// The Wilson score interval for Y "yes" answers out of n cases (Wilson, "Probable inference,
    /// the law of succession, and statistical inference", *JASA* 22, 1927).
    ///
    /// With p̂ = Y / n and z the two-sided critical value for confidence c:
    ///
    ///     centre    = (p̂ + z² / 2n) / (1 + z² / n)
    ///     halfWidth = z / (1 + z² / n) · √(p̂(1 − p̂) / n + z² / 4n²)
    ///
    /// Unlike the Wald interval it has positive width at Y = 0 and Y = n and stays inside [0, 1]
    /// (the result is clamped only against rounding, and its end is exactly 0 at Y = 0 and exactly 1
    /// at Y = n). No finite population correction is applied.
    ///
    /// - Parameters:
    ///   - yes: The number of "yes" answers Y, from 0 to `sampleSize`.
    ///   - sampleSize: The number of cases n, at least 1.
    ///   - confidence: The confidence level c, strictly between 0 and 1.
    /// - Throws: ``SizingError`` for an input out of range.
    public static func wilson(yes: Int, of sampleSize: Int, confidence: Double = 0.80) throws(SizingError) -> Interval {
        guard sampleSize >= 1 else { throw .sampleTooSmall(sampleSize) }
        guard yes >= 0, yes <= sampleSize else { throw .yesOutOfRange(yes: yes, sample: sampleSize) }
        guard confidence > 0, confidence < 1 else { throw .confidenceOutOfRange(confidence) }
        let z = StandardNormal.zValue(confidence: confidence)
        let n = Double(sampleSize)
        let observed = Double(yes) / n
        let zSquaredOverN = z * z / n
        let denominator = 1 + zSquaredOverN
        let centre = (observed + zSquaredOverN / 2) / denominator
        let halfWidth = z / denominator * (observed * (1 - observed) / n + zSquaredOverN / (4 * n)).squareRoot()
        // At Y = 0 the lower end is exactly 0, and at Y = n the upper end exactly 1; the formula
        // reaches them only up to rounding (for example 0.9999999999999999), so set them exactly.
        let lower = yes == 0 ? 0 : max(0, centre - halfWidth)
        let upper = yes == sampleSize ? 1 : min(1, centre + halfWidth)
        return Interval(lower: lower, upper: upper)
    }
}
