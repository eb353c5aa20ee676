import Testing
@testable import CaseSampling

@Suite struct FormatTests {
    @Test(arguments: [
        (0.08, "0.0800"), (0.2222, "0.2222"), (1.0, "1.0000"), (0.000129585, "0.000130"), (0.0915, "0.0915"), (0.00999, "0.00999"),
    ])
    func probability_hasThreeSignificantDigits_andAtLeastFourDecimals(value: Double, text: String) {
        #expect(Format.probability(value) == text)
    }

    @Test func counts_andPercentages() {
        #expect(Format.count(1_234_567) == "1,234,567")
        #expect(Format.percent(0.1234) == "12.3%")
        #expect(Format.twoDecimals(16.514) == "16.51")
    }
}
