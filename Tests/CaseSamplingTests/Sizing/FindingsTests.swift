import Foundation
import Testing

@testable import CaseSampling

/// Interval values were computed in Python with SciPy (`z = norm.ppf(0.9)`, Wald
/// `p ± z·sqrt(p(1 − p)/n)`, Wilson by its closed form and checked against the quadratic's roots);
/// bands and flags were worked out by hand from the definitions in Findings.swift.
@Suite("Findings: key questions, standards and the overall rating")
struct FindingsTests {
    static func finding(_ standard: String, _ keyQuestion: String, _ yes: Int, _ applicable: Int) -> KeyQuestionFinding {
        KeyQuestionFinding(standard: standard, keyQuestion: keyQuestion, yes: yes, applicable: applicable)
    }

    static func result(_ yes: Int, of applicable: Int, population: Int? = nil) throws -> KeyQuestionResult {
        let evaluation = try FindingsEvaluation.evaluate([finding("2.1", "KQ", yes, applicable)], population: population)
        return try #require(evaluation.standards.first?.keyQuestions.first)
    }

    @Test("84 of 130 is Requires improvement, near a boundary and straddled by its intervals")
    func nearBoundaryFinding() throws {
        let result = try Self.result(84, of: 130)
        #expect(result.band == .requiresImprovement)
        #expect(isClose(result.percentage, 64.61538461538461, tolerance: 1e-12))
        // Python: Wald 0.5924086544999256 to 0.6998990378077667; Wilson 0.5908904327084425 to 0.6977704196107546.
        #expect(isClose(result.waldInterval, lower: 0.5924086544999256, upper: 0.6998990378077667, tolerance: 1e-12))
        #expect(isClose(result.wilsonInterval, lower: 0.5908904327084425, upper: 0.6977704196107546, tolerance: 1e-12))
        #expect(result.intervalCrossesBoundary)
        #expect(result.withinFivePointsOfBoundary)   // |64.6 − 65| ≤ 5
        #expect(result.oneCaseChangesBand)           // 85 of 130 = 65.4% is Good
    }

    @Test("120 of 130 is a clear Outstanding with no flags")
    func clearFinding() throws {
        let result = try Self.result(120, of: 130)
        #expect(result.band == .outstanding)
        // Python: Wald 0.8931258987375065 to 0.9530279474163398; Wilson 0.8875705896196585 to 0.9480266144622275.
        #expect(isClose(result.waldInterval, lower: 0.8931258987375065, upper: 0.9530279474163398, tolerance: 1e-12))
        #expect(isClose(result.wilsonInterval, lower: 0.8875705896196585, upper: 0.9480266144622275, tolerance: 1e-12))
        #expect(!result.intervalCrossesBoundary)
        #expect(!result.withinFivePointsOfBoundary)  // 92.3% is 12.3 points above 80
        #expect(!result.oneCaseChangesBand)          // 119 and 121 of 130 are Outstanding too
    }

    @Test("A large sample can be near a boundary without its interval crossing it")
    func nearButSettled() throws {
        // 54%: within five points of 50; Wald (Python) 0.5336127799104523 to 0.5463872200895478.
        let result = try Self.result(5400, of: 10000)
        #expect(result.band == .requiresImprovement)
        #expect(!result.intervalCrossesBoundary)
        #expect(result.withinFivePointsOfBoundary)
        #expect(!result.oneCaseChangesBand)
    }

    @Test("A census has a zero-width Wald interval but the Wilson interval can still cross")
    func censusUsesFiniteCorrection() throws {
        let result = try Self.result(65, of: 100, population: 100)
        #expect(result.waldInterval == Interval(lower: 0.65, upper: 0.65))
        #expect(!result.waldInterval.straddles(0.65))
        #expect(result.wilsonInterval.straddles(0.65))
        #expect(result.intervalCrossesBoundary)
    }

    @Test("All yes in a tiny sample: one case fewer changes the band")
    func tinySample() throws {
        let result = try Self.result(2, of: 2)
        #expect(result.band == .outstanding)
        #expect(result.waldInterval == Interval(lower: 1, upper: 1))
        #expect(result.intervalCrossesBoundary)      // Wilson reaches down to about 0.55
        #expect(!result.withinFivePointsOfBoundary)
        #expect(result.oneCaseChangesBand)           // 1 of 2 is Requires improvement

        let none = try Self.result(0, of: 3)
        #expect(none.band == .inadequate)
        #expect(!none.oneCaseChangesBand)            // 1 of 3 is still Inadequate
    }

    @Test(
        "Within five points includes exactly five points either side of 50, 65 and 80",
        arguments: [
            (44, false), (45, true), (55, true), (56, false), (59, false), (60, true),
            (70, true), (71, false), (75, true), (85, true), (86, false),
        ]
    )
    func withinFivePoints(yes: Int, expected: Bool) throws {
        #expect(try Self.result(yes, of: 100).withinFivePointsOfBoundary == expected)
    }

    @Test("A standard takes the lowest band of its key questions, in order of first appearance")
    func standardIsLowestKeyQuestion() throws {
        let evaluation = try FindingsEvaluation.evaluate([
            Self.finding("2.1", "Assessment engages", 120, 130),
            Self.finding("2.2", "Plan sets goals", 13, 20),
            Self.finding("2.1", "Assessment of risk", 84, 130),
        ])
        #expect(evaluation.standards.map(\.standard) == ["2.1", "2.2"])
        #expect(evaluation.standards.map(\.band) == [.requiresImprovement, .good])
        #expect(evaluation.standards[0].keyQuestions.map(\.keyQuestion) == ["Assessment engages", "Assessment of risk"])
        #expect(evaluation.overallRating == nil)
    }

    @Test("Ten standards give an overall rating from their total score")
    func overallRatingFromTenStandards() throws {
        // Six Good (13 of 20 = 65%) and four Requires improvement (10 of 20 = 50%): 6 × 2 + 4 × 1 = 16.
        let findings = (1...10).map { index in
            Self.finding("S\(index)", "KQ", index <= 6 ? 13 : 10, 20)
        }
        let evaluation = try FindingsEvaluation.evaluate(findings)
        #expect(evaluation.overallRating == OverallRating(totalScore: 16, band: .good))

        // Make one Good standard Requires improvement: 15, Requires improvement.
        var lowered = findings
        lowered[0].yes = 12
        #expect(try FindingsEvaluation.evaluate(lowered).overallRating == OverallRating(totalScore: 15, band: .requiresImprovement))

        // Nine standards (two key questions of S1 still count as one standard): no overall rating.
        var nine = Array(findings.prefix(9))
        nine.append(Self.finding("S1", "Second KQ", 20, 20))
        #expect(try FindingsEvaluation.evaluate(nine).overallRating == nil)
    }

    @Test("Impossible findings throw an error naming the index, standard and key question")
    func invalidFindings() {
        func error(_ findings: [KeyQuestionFinding], population: Int? = nil) -> FindingsError? {
            thrownError(FindingsError.self) { _ = try FindingsEvaluation.evaluate(findings, population: population) }
        }
        let good = Self.finding("2.1", "Engaging", 5, 10)

        let noCases = error([good, Self.finding("2.2", "Planning", 0, 0)])
        #expect(noCases?.problem == .noApplicableCases)
        #expect(noCases?.index == 1)
        #expect(noCases?.standard == "2.2")
        #expect(noCases?.keyQuestion == "Planning")
        let message = noCases?.description ?? ""
        #expect(message.contains("index 1") && message.contains("\"2.2\"") && message.contains("\"Planning\""))
        #expect(message.contains("at least 1 applicable case"))

        #expect(error([Self.finding("2.1", "Engaging", -1, 10)])?.problem == .negativeYes)
        #expect(error([Self.finding("2.1", "Engaging", 11, 10)])?.problem == .yesExceedsApplicable)
        #expect(error([good], population: 9)?.problem == .applicableExceedsPopulation(population: 9))
        let duplicate = error([good, Self.finding("2.2", "Planning", 1, 2), Self.finding("2.1", "Engaging", 6, 10)])
        #expect(duplicate?.problem == .duplicateKeyQuestion(firstIndex: 0))
        #expect(duplicate?.index == 2)
        #expect(error([good, Self.finding("2.2", "Engaging", 6, 10)]) == nil)

        let sizing = { (confidence: Double, population: Int?) in
            thrownError(SizingError.self) {
                _ = try FindingsEvaluation.evaluate([good], confidence: confidence, population: population)
            }
        }
        #expect(sizing(1.5, nil) == .confidenceOutOfRange(1.5))
        #expect(sizing(0.8, 0) == .populationTooSmall(0))
    }

    @Test("The evaluation encodes to JSON with camelCase keys and decodes back")
    func jsonRoundTrip() throws {
        let evaluation = try FindingsEvaluation.evaluate([Self.finding("2.1", "Engaging", 84, 130)], population: 400)
        let data = try JSONEncoder().encode(evaluation)
        let text = String(decoding: data, as: UTF8.self)
        for key in ["\"standards\"", "\"keyQuestions\"", "\"waldInterval\"", "\"wilsonInterval\"", "\"lower\"",
                    "\"intervalCrossesBoundary\"", "\"withinFivePointsOfBoundary\"", "\"oneCaseChangesBand\"",
                    "\"band\":\"requiresImprovement\"", "\"percentage\""] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(try JSONDecoder().decode(FindingsEvaluation.self, from: data) == evaluation)
    }
}
