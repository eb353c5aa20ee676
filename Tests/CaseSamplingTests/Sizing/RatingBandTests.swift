import Foundation
import Testing

@testable import CaseSampling

/// Expected bands follow the manual's section 7.1 table by hand: below 50% Inadequate, 50% up to but
/// not including 65% Requires improvement, 65% up to but not including 80% Good, 80% and above
/// Outstanding, always on the exact fraction.
@Suite("Rating bands")
struct RatingBandTests {
    @Test(
        "Each side of each band boundary gets the right band",
        arguments: [
            (0, 1, RatingBand.inadequate),
            (49, 100, .inadequate),
            (50, 100, .requiresImprovement),
            (1, 2, .requiresImprovement),
            (64, 100, .requiresImprovement),
            (65, 100, .good),
            (13, 20, .good),
            (79, 100, .good),
            (80, 100, .outstanding),
            (4, 5, .outstanding),
            (1, 1, .outstanding),
        ]
    )
    func bandAtBoundaries(yes: Int, applicable: Int, expected: RatingBand) {
        #expect(RatingBand.band(yes: yes, of: applicable) == expected)
    }

    @Test("64.6% (84 of 130) is Requires improvement although it displays as 65%")
    func exactFractionDecides() {
        // 84 / 130 = 0.646153…; rounded to a whole percent that is 65.
        #expect((100.0 * 84 / 130).rounded() == 65)
        #expect(RatingBand.band(yes: 84, of: 130) == .requiresImprovement)
        // 85 / 130 = 65.38% is Good.
        #expect(RatingBand.band(yes: 85, of: 130) == .good)
    }

    @Test(
        "The overall rating follows the total score of ten standards",
        arguments: [
            (0, RatingBand.inadequate), (5, .inadequate),
            (6, .requiresImprovement), (15, .requiresImprovement),
            (16, .good), (25, .good),
            (26, .outstanding), (30, .outstanding),
        ]
    )
    func overallFromTotalScore(total: Int, expected: RatingBand) {
        #expect(RatingBand.overall(totalScore: total) == expected)
    }

    @Test("The overall rating needs exactly ten standard ratings")
    func overallFromRatings() {
        let fifteen = Array(repeating: RatingBand.good, count: 5) + Array(repeating: .requiresImprovement, count: 5)
        #expect(RatingBand.overall(fromStandardRatings: fifteen) == .requiresImprovement)
        let sixteen = Array(repeating: RatingBand.good, count: 6) + Array(repeating: .requiresImprovement, count: 4)
        #expect(RatingBand.overall(fromStandardRatings: sixteen) == .good)
        let five = [RatingBand.outstanding, .good] + Array(repeating: .inadequate, count: 8)
        #expect(RatingBand.overall(fromStandardRatings: five) == .inadequate)
        let twentySix = Array(repeating: RatingBand.outstanding, count: 6) + Array(repeating: .good, count: 4)
        #expect(RatingBand.overall(fromStandardRatings: twentySix) == .outstanding)
        #expect(RatingBand.overall(fromStandardRatings: Array(repeating: .good, count: 9)) == nil)
        #expect(RatingBand.overall(fromStandardRatings: Array(repeating: .good, count: 11)) == nil)
    }

    @Test("Scores, names and labels follow the manual, in ascending order")
    func namesAndScores() throws {
        #expect(RatingBand.allCases == [.inadequate, .requiresImprovement, .good, .outstanding])
        #expect(RatingBand.allCases.map(\.score) == [0, 1, 2, 3])
        #expect(RatingBand.allCases.map(\.displayName) == ["Inadequate", "Requires improvement", "Good", "Outstanding"])
        #expect(RatingBand.allCases.map(\.caseSampleLabel) == ["Minority", "Too few", "Reasonable majority", "Large majority"])
        #expect(RatingBand.allCases.map(\.lowerBoundPercentage) == [0, 50, 65, 80])
        #expect(RatingBand.inadequate < .requiresImprovement && RatingBand.good < .outstanding)
        #expect([RatingBand.good, .inadequate, .outstanding].min() == .inadequate)
        let json = try JSONEncoder().encode([RatingBand.requiresImprovement])
        #expect(String(decoding: json, as: UTF8.self) == #"["requiresImprovement"]"#)
    }
}
