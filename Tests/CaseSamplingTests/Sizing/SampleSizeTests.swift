import Foundation
import Testing

@testable import CaseSampling

/// Expected values were computed in Python with SciPy:
///
///     from scipy.stats import norm; from math import ceil
///     z = norm.ppf(1 - (1 - c) / 2); n0 = z * z * p * (1 - p) / e**2
///     n = n0 / (1 + (n0 - 1) / N); size = ceil(n)
@Suite("Sample size")
struct SampleSizeTests {
    /// The manual (4.2) says the 80% / 5% design needs "about 164" cases. Precisely:
    /// z = 1.2815515655446004, n0 = z² × 0.25 / 0.0025 = 164.2374415149816 (mpmath to 40 digits:
    /// 164.23744151498163867…), which rounds up to 165. (Using z rounded to 1.2816 gives 164.2499.)
    @Test("The manual's design needs 165 cases from an infinite population")
    func manualDesignInfinitePopulation() throws {
        let plan = try SampleSizeCalculation.compute(population: nil, margin: 0.05, confidence: 0.80, proportion: 0.5)
        #expect(isClose(plan.z, 1.2815515655446004, tolerance: 1e-9))
        #expect(isClose(plan.n0, 164.2374415149816, tolerance: 1e-9))
        #expect(plan.correctedSize == plan.n0)
        #expect(plan.sampleSize == 165)
        #expect(plan.provisionalListSize == 165)
        #expect(plan.population == nil)
    }

    @Test("The defaults are the manual's 5% margin, 80% confidence and p = 0.5")
    func defaultsAreTheManualDesign() throws {
        let plan = try SampleSizeCalculation.compute(population: nil)
        #expect(plan.margin == 0.05)
        #expect(plan.confidence == 0.80)
        #expect(plan.proportion == 0.5)
        #expect(plan.expectedExclusions == 0)
        #expect(plan.sampleSize == 165)
    }

    @Test(
        "The finite population correction shrinks the sample",
        arguments: [
            // (N, n0 / (1 + (n0 − 1) / N) from Python, rounded up)
            (500, 123.81496522559614, 124),
            (1000, 141.18995456429036, 142),
            (5000, 159.0450210505829, 160),
            (165, 82.55967913013083, 83),
            (1, 1.0, 1),
        ]
    )
    func finitePopulationCorrection(population: Int, corrected: Double, size: Int) throws {
        let plan = try SampleSizeCalculation.compute(population: population)
        #expect(isClose(plan.correctedSize, corrected, tolerance: 1e-9))
        #expect(plan.sampleSize == size)
        #expect(plan.sampleSize <= population)
    }

    @Test("Other settings: 90% confidence, 3% margin, p = 0.3, N = 2000 need 481 cases")
    func otherSettings() throws {
        // Python: z = 1.6448536269514722, n0 = 631.2934726222629, n = 480.01751834398675.
        let plan = try SampleSizeCalculation.compute(population: 2000, margin: 0.03, confidence: 0.90, proportion: 0.3)
        #expect(isClose(plan.z, 1.6448536269514722, tolerance: 1e-9))
        #expect(isClose(plan.n0, 631.2934726222629, tolerance: 1e-9))
        #expect(isClose(plan.correctedSize, 480.01751834398675, tolerance: 1e-9))
        #expect(plan.sampleSize == 481)
    }

    @Test(
        "Expected exclusions enlarge the provisional list",
        arguments: [
            // (population, rate, sample, list): 165 / 0.75 = 220; 165 / 0.9 = 183.3 → 184;
            // N = 170 needs ⌈83.785…⌉ = 84, and 84 / 0.75 = 112.
            (nil, 0.25, 165, 220),
            (nil, 0.1, 165, 184),
            (170, 0.25, 84, 112),
        ] as [(Int?, Double, Int, Int)]
    )
    func provisionalList(population: Int?, rate: Double, sample: Int, list: Int) throws {
        let plan = try SampleSizeCalculation.compute(population: population, expectedExclusions: rate)
        #expect(plan.sampleSize == sample)
        #expect(plan.provisionalListSize == list)
    }

    @Test("The provisional list never exceeds the population")
    func provisionalListCappedAtPopulation() throws {
        // N = 170 needs 84 cases; 84 / (1 − 0.6) = 210 > 170.
        let plan = try SampleSizeCalculation.compute(population: 170, expectedExclusions: 0.6)
        #expect(plan.sampleSize == 84)
        #expect(plan.provisionalListSize == 170)
    }

    @Test("Rounding up ignores floating-point excess below the tolerance")
    func roundingTolerance() throws {
        #expect(SampleSizeCalculation.roundedUp(164.00000000001) == 164)
        #expect(SampleSizeCalculation.roundedUp(164) == 164)
        #expect(SampleSizeCalculation.roundedUp(164.000001) == 165)
        #expect(SampleSizeCalculation.roundedUp(164.2374415149816) == 165)

        // In Swift and Python alike, 100 / (1 − 0.9) = 1000.0000000000002; a plain ceiling would
        // list 1001 cases. Margin 0.0641 gives n0 = 99.93005366211968, so 100 cases.
        let plan = try SampleSizeCalculation.compute(population: nil, margin: 0.0641, expectedExclusions: 0.9)
        #expect(plan.sampleSize == 100)
        #expect(100 / (1 - 0.9) > 1000)
        #expect(plan.provisionalListSize == 1000)
    }

    @Test("JSON has camelCase keys and writes an infinite population as null")
    func jsonEncoding() throws {
        let plan = try SampleSizeCalculation.compute(population: nil)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(plan)) as? [String: Any]
        let object = try #require(json)
        for key in ["sampleSize", "n0", "z", "population", "margin", "confidence", "proportion",
                    "expectedExclusions", "correctedSize", "provisionalListSize"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["population"] is NSNull)
        #expect(object["sampleSize"] as? Int == 165)

        let finite = try SampleSizeCalculation.compute(population: 1000)
        let decoded = try JSONDecoder().decode(SampleSizeCalculation.self, from: JSONEncoder().encode(finite))
        #expect(decoded == finite)
        #expect(try JSONDecoder().decode(SampleSizeCalculation.self, from: JSONEncoder().encode(plan)) == plan)
    }

    @Test("Out-of-range inputs throw errors that say what is allowed")
    func invalidInputs() {
        func error(
            population: Int? = nil, margin: Double = 0.05, confidence: Double = 0.8,
            proportion: Double = 0.5, exclusions: Double = 0
        ) -> SizingError? {
            thrownError(SizingError.self) {
                _ = try SampleSizeCalculation.compute(
                    population: population, margin: margin, confidence: confidence,
                    proportion: proportion, expectedExclusions: exclusions
                )
            }
        }
        #expect(error(margin: 0) == .marginOutOfRange(0))
        #expect(error(margin: 1) == .marginOutOfRange(1))
        #expect(error(margin: -0.05) == .marginOutOfRange(-0.05))
        guard case .marginOutOfRange = error(margin: .nan) else {
            Issue.record("a NaN margin must be rejected")
            return
        }
        #expect(error(confidence: 0) == .confidenceOutOfRange(0))
        #expect(error(confidence: 1) == .confidenceOutOfRange(1))
        #expect(error(proportion: 0) == .proportionOutOfRange(0))
        #expect(error(proportion: 1) == .proportionOutOfRange(1))
        #expect(error(population: 0) == .populationTooSmall(0))
        #expect(error(population: -5) == .populationTooSmall(-5))
        #expect(error(exclusions: -0.1) == .exclusionRateOutOfRange(-0.1))
        #expect(error(exclusions: 1) == .exclusionRateOutOfRange(1))
        guard case .sampleSizeTooLarge = error(margin: 1e-12) else {
            Issue.record("a margin of 1e-12 without a population must be rejected")
            return
        }
        // With a population the corrected size stays below N, however small the margin.
        #expect(error(population: 1000, margin: 1e-12) == nil)
        #expect((try? SampleSizeCalculation.compute(population: 1000, margin: 1e-12).sampleSize) == 1000)

        #expect(SizingError.marginOutOfRange(1.5).description.contains("strictly between 0 and 1"))
        #expect(SizingError.confidenceOutOfRange(80).description.contains("0.8 means 80%"))
        #expect(SizingError.exclusionRateOutOfRange(1).description.contains("not including 1"))
        #expect(SizingError.populationTooSmall(0).description.contains("at least 1 case"))
    }
}
