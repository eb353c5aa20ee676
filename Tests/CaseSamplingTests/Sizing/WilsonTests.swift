import Testing

@testable import CaseSampling

/// Expected values were computed in Python from the closed form
///
///     z = norm.ppf(1 - (1 - c) / 2); p = y / n; d = 1 + z * z / n
///     centre = (p + z * z / (2 * n)) / d; h = z / d * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
///
/// and checked against the roots of (n + z²)p² − (2n·p̂ + z²)p + n·p̂² = 0 from `numpy.roots`, which
/// agree to about 1e−15.
@Suite("Wilson score interval")
struct WilsonTests {
    @Test(
        "The Wilson interval matches the Python reference",
        arguments: [
            (47, 100, 0.80, 0.407039630614451, 0.5339298711851284),
            (0, 20, 0.80, 0.0, 0.0758869791107644),
            (20, 20, 0.95, 0.8388748419471806, 1.0),
            (84, 130, 0.80, 0.5908904327084425, 0.6977704196107546),
            (1, 1, 0.90, 0.2698659487840541, 0.9999999999999999),
        ]
    )
    func matchesReference(yes: Int, sample: Int, confidence: Double, lower: Double, upper: Double) throws {
        let interval = try Interval.wilson(yes: yes, of: sample, confidence: confidence)
        #expect(isClose(interval, lower: lower, upper: upper, tolerance: 1e-12))
        #expect(interval.lower >= 0 && interval.upper <= 1)
    }

    /// The formula gives these ends only up to rounding (Python: 1 of 1 at 90% has upper end
    /// 0.9999999999999999); the implementation makes them exact.
    @Test("The Wilson interval is not degenerate at 0% or 100%, unlike Wald, and ends exactly at 0 or 1")
    func positiveWidthAtExtremes() throws {
        let none = try Interval.wilson(yes: 0, of: 20)
        #expect(none.lower == 0 && none.upper > 0.07)
        let all = try Interval.wilson(yes: 20, of: 20)
        #expect(all.upper == 1 && all.lower < 0.93)
    }

    @Test("Impossible counts throw")
    func invalidInputs() {
        func error(_ body: () throws -> Void) -> SizingError? { thrownError(SizingError.self, body) }
        #expect(error { _ = try Interval.wilson(yes: -1, of: 20) } == .yesOutOfRange(yes: -1, sample: 20))
        #expect(error { _ = try Interval.wilson(yes: 21, of: 20) } == .yesOutOfRange(yes: 21, sample: 20))
        #expect(error { _ = try Interval.wilson(yes: 0, of: 0) } == .sampleTooSmall(0))
        #expect(error { _ = try Interval.wilson(yes: 1, of: 2, confidence: 0) } == .confidenceOutOfRange(0))
        #expect(SizingError.yesOutOfRange(yes: 21, sample: 20).description.contains("from 0 to 20"))
    }
}
