import Testing
@testable import CaseSampling

/// The flight phase (more than 20 fractional cells) and the landing design, on allocations given directly.
@Suite struct ControlledRoundingTests {
    /// 2 × 3 × 4 × 3 = 72 cells of uneven sizes, n = 97 of N = 1,811: far more than 20 fractional cells,
    /// so every draw runs the cube method's flight phase before landing.
    static func bigAllocation() throws -> Allocation {
        var generator = Xoshiro256StarStar(seed: 5)
        let counts = (0..<72).map { _ in 1 + generator.bounded(49) }
        return try Allocation(cellCounts: counts, variables: [2, 3, 4, 3], size: 97)
    }

    @Test func flightPhase_keepsCellsWithinRounding_andEachCellsProbability() throws {
        let allocation = try Self.bigAllocation()
        #expect(allocation.design == nil, "this population must need the flight phase")
        let fractional = allocation.remainders.filter { $0 > 0 }.count
        #expect(fractional > ControlledRounding.enumerationLimit)
        let draws = MonteCarlo.repetitions(1_000)
        var extra = [Int](repeating: 0, count: 72)
        var marginsHeld = 0
        for seed in UInt64(1)...UInt64(draws) {
            var generator = Xoshiro256StarStar(seed: seed)
            let (counts, outcome) = allocation.drawCounts(using: &generator)
            #expect(counts.reduce(0, +) == 97, "seed \(seed)")
            for c in 0..<72 {
                #expect(counts[c] == allocation.floors[c] || counts[c] == allocation.floors[c] + 1, "seed \(seed)")
                #expect(allocation.remainders[c] > 0 || counts[c] == allocation.floors[c])
                if counts[c] > allocation.floors[c] { extra[c] += 1 }
            }
            // Every category of every variable at floor or ceiling, unless a relaxation is reported.
            var held = true
            for variable in allocation.variables {
                for category in 0..<variable.categoryCount {
                    let cells = (0..<72).filter { variable.categoryOfCell[$0] == category }
                    let population = cells.reduce(0) { $0 + allocation.cellCounts[$1] }
                    let floor = 97 * population / allocation.eligibleCount
                    let sample = cells.reduce(0) { $0 + counts[$1] }
                    if sample != floor && !(sample == floor + 1 && 97 * population % allocation.eligibleCount != 0) { held = false }
                }
            }
            #expect(held == outcome.holds.allSatisfy { $0 }, "seed \(seed): a miss must be reported")
            #expect(outcome.designShare == nil, "a flight phase has no design worked out in advance")
            if held { marginsHeld += 1 }
        }
        for c in 0..<72 {
            let r = Double(allocation.remainders[c]) / Double(allocation.eligibleCount)
            let band = 4.5 * (r * (1 - r) / Double(draws)).squareRoot() + 1e-12
            #expect(abs(Double(extra[c]) / Double(draws) - r) <= band, "cell \(c): \(extra[c]) of \(draws) vs \(r)")
        }
        // Measured: 787 of 1,000. The flight phase is a fallback for many cells (domain two's 16 never
        // need it); its proportionality is the known weak point to improve (issue 5, units as balancing
        // variables), so this pins today's figure rather than the ≥ 99% of the landing-only path.
        print("flight phase: every variable held to floor or ceiling in \(marginsHeld) of \(draws) draws")
        #expect(Double(marginsHeld) >= 0.6 * Double(draws))
    }

    @Test func landingDesign_weightsAreADistributionWithTheRightMarginals() throws {
        let allocation = try Allocation(cellCounts: [5, 4, 3, 1, 4, 3, 2, 1, 3, 2, 2, 1, 2, 2, 1, 1], variables: [2, 2, 4], size: 11)
        let design = try #require(allocation.design)
        #expect(abs(design.weights.reduce(0, +) - 1) < 1e-9)
        #expect(design.weights.allSatisfy { $0 >= 0 })
        for (k, cell) in design.open.enumerated() {
            let marginal = zip(design.patterns, design.weights).filter { $0.0[k] }.reduce(0.0) { $0 + $1.1 }
            #expect(abs(marginal - Double(allocation.remainders[cell]) / Double(allocation.eligibleCount)) < 1e-9)
        }
        #expect(design.holdShare == [1, 1, 1])
    }
}
