import Testing

@testable import CaseSampling

/// Expected values were computed in Python with SciPy:
///
///     z = norm.ppf(0.9)   # 80% confidence
///     e = z * sqrt(p * (1 - p) / n) * (1 if N is None else sqrt((N - n) / (N - 1)))
@Suite("Margin of error and the Wald interval")
struct MarginOfErrorTests {
    @Test(
        "The achieved margin matches the formula",
        arguments: [
            (165, nil, 0.04988432703325091),
            (164, nil, 0.05003618226133319),
            (165, 1000, 0.04560627601750727),
            (100, 500, 0.0573701271855502),
        ] as [(Int, Int?, Double)]
    )
    func achievedMargin(sample: Int, population: Int?, expected: Double) throws {
        let margin = try MarginOfError.achieved(sampleSize: sample, population: population)
        #expect(isClose(margin, expected, tolerance: 1e-12))
    }

    @Test("The computed sample size achieves the requested margin")
    func sizeAchievesMargin() throws {
        for population in [nil, 500, 1000, 5000] as [Int?] {
            let plan = try SampleSizeCalculation.compute(population: population)
            let margin = try MarginOfError.achieved(sampleSize: plan.sampleSize, population: population)
            #expect(margin <= 0.05, "population \(String(describing: population))")
            // One case fewer would not.
            let short = try MarginOfError.achieved(sampleSize: plan.sampleSize - 1, population: population)
            #expect(short > 0.05, "population \(String(describing: population))")
        }
    }

    @Test("A census has no sampling error")
    func censusHasZeroMargin() throws {
        #expect(try MarginOfError.achieved(sampleSize: 200, population: 200) == 0)
        #expect(try MarginOfError.achieved(sampleSize: 1, population: 1) == 0)
        let interval = try Interval.wald(observed: 0.65, sampleSize: 100, population: 100)
        #expect(interval == Interval(lower: 0.65, upper: 0.65))
    }

    /// Manual 4.2: "for a response figure of 47%, … 80% sure that the true percentage … was between
    /// 42% and 52%". Python: n = 165 gives 0.4202055457138095 to 0.5197944542861904; n = 164 gives
    /// 0.42005396407158707 to 0.5199460359284128.
    @Test("The manual's worked example: 47% of 165 cases is 42% to 52% at 80% confidence")
    func manualWorkedExample() throws {
        let interval = try Interval.wald(observed: 0.47, sampleSize: 165, population: nil)
        #expect(isClose(interval, lower: 0.4202055457138095, upper: 0.5197944542861904, tolerance: 1e-12))
        #expect((interval.lower * 100).rounded() == 42)
        #expect((interval.upper * 100).rounded() == 52)

        let at164 = try Interval.wald(observed: 0.47, sampleSize: 164, population: nil)
        #expect(isClose(at164, lower: 0.42005396407158707, upper: 0.5199460359284128, tolerance: 1e-12))
        #expect((at164.lower * 100).rounded() == 42)
        #expect((at164.upper * 100).rounded() == 52)
    }

    @Test("The finite population correction narrows the Wald interval")
    func waldWithCorrection() throws {
        // Python: 0.47 ± z·√(0.47·0.53/165)·√(835/999).
        let interval = try Interval.wald(observed: 0.47, sampleSize: 165, population: 1000)
        #expect(isClose(interval, lower: 0.42447588929477925, upper: 0.5155241107052208, tolerance: 1e-12))
    }

    @Test("The Wald interval is clamped to [0, 1]")
    func waldClamped() throws {
        // Python: 0.02 − z·√(0.02·0.98/10) < 0, upper 0.07673670640505703.
        let low = try Interval.wald(observed: 0.02, sampleSize: 10, population: nil)
        #expect(low.lower == 0)
        #expect(isClose(low.upper, 0.07673670640505703, tolerance: 1e-12))
        let high = try Interval.wald(observed: 0.98, sampleSize: 10, population: nil)
        #expect(high.upper == 1)
        #expect(try Interval.wald(observed: 0, sampleSize: 10, population: nil) == Interval(lower: 0, upper: 0))
    }

    @Test("Impossible samples and observations throw")
    func invalidInputs() {
        func error(_ body: () throws -> Void) -> SizingError? { thrownError(SizingError.self, body) }
        #expect(error { _ = try MarginOfError.achieved(sampleSize: 0, population: nil) } == .sampleTooSmall(0))
        #expect(error { _ = try MarginOfError.achieved(sampleSize: 11, population: 10) } == .sampleExceedsPopulation(sample: 11, population: 10))
        #expect(error { _ = try MarginOfError.achieved(sampleSize: 1, population: 0) } == .populationTooSmall(0))
        #expect(error { _ = try MarginOfError.achieved(sampleSize: 10, population: nil, confidence: 1) } == .confidenceOutOfRange(1))
        #expect(error { _ = try MarginOfError.achieved(sampleSize: 10, population: nil, proportion: 0) } == .proportionOutOfRange(0))
        #expect(error { _ = try Interval.wald(observed: -0.01, sampleSize: 10, population: nil) } == .observedProportionOutOfRange(-0.01))
        #expect(error { _ = try Interval.wald(observed: 1.01, sampleSize: 10, population: nil) } == .observedProportionOutOfRange(1.01))
        #expect(error { _ = try Interval.wald(observed: 0.5, sampleSize: 20, population: 19) } == .sampleExceedsPopulation(sample: 20, population: 19))
        guard case .observedProportionOutOfRange = error({ _ = try Interval.wald(observed: .nan, sampleSize: 10, population: nil) }) else {
            Issue.record("a NaN observation must be rejected")
            return
        }
        #expect(SizingError.sampleExceedsPopulation(sample: 11, population: 10).description.contains("at most the population"))
    }
}
