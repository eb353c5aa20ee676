import Testing

@testable import CaseSampling

/// Expected values are SciPy's: `python3 -c 'from scipy.stats import norm; print(repr(norm.ppf(P)))'`
/// (and `norm.cdf(X)`), with z = `norm.ppf(1 - (1 - c) / 2)`.
@Suite("Standard normal distribution")
struct StandardNormalTests {
    @Test(
        "zValue matches SciPy at the usual confidence levels",
        arguments: [
            (0.80, 1.2815515655446004),
            (0.90, 1.6448536269514722),
            (0.95, 1.959963984540054),
            (0.99, 2.5758293035489004),
        ]
    )
    func zValueMatchesSciPy(confidence: Double, expected: Double) {
        #expect(isClose(StandardNormal.zValue(confidence: confidence), expected, tolerance: 1e-9))
    }

    @Test(
        "quantile matches SciPy from the far tails to the centre",
        arguments: [
            (1e-300, -37.0470962993612),
            (1e-10, -6.361340902404056),
            (1e-5, -4.264890793922825),
            (0.3, -0.5244005127080409),
            (0.5, 0.0),
            (0.975, 1.959963984540054),
            // 1 − 1e−10 is not exact in binary; SciPy's value is for the double actually stored.
            (1 - 1e-10, 6.361340889697422),
        ]
    )
    func quantileMatchesSciPy(p: Double, expected: Double) {
        #expect(isClose(StandardNormal.quantile(p), expected, tolerance: 1e-9))
    }

    @Test(
        "cdf matches SciPy",
        arguments: [
            (-8.0, 6.22096057427174e-16),
            (-3.0, 0.0013498980316300933),
            (-1.0, 0.15865525393145707),
            (0.0, 0.5),
            (0.5, 0.6914624612740131),
            (2.0, 0.9772498680518208),
            (6.0, 0.9999999990134123),
        ]
    )
    func cdfMatchesSciPy(x: Double, expected: Double) {
        // Relative, so that the tiny lower-tail value is checked to 12 significant digits too.
        #expect(isClose(StandardNormal.cdf(x), expected, tolerance: expected * 1e-12))
    }

    @Test("cdf undoes quantile across (0, 1)")
    func cdfInvertsQuantile() {
        for p in stride(from: 0.001, to: 1, by: 0.001) {
            #expect(isClose(StandardNormal.cdf(StandardNormal.quantile(p)), p, tolerance: 1e-14), "p = \(p)")
        }
    }

    @Test("quantile gives infinities at 0 and 1 and NaN outside [0, 1]")
    func quantileEdges() {
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(-0.1).isNaN)
        #expect(StandardNormal.quantile(1.1).isNaN)
        #expect(StandardNormal.quantile(.nan).isNaN)
        #expect(StandardNormal.zValue(confidence: 1).isNaN)
        #expect(StandardNormal.zValue(confidence: 0).isNaN)
    }
}
