import Testing
@testable import CaseSampling

/// The landing's simplex (``PatternProgram``) ends on degenerate programmes, and when it is stopped
/// by its pivot limit the landing falls back to a recorded design that still keeps every cell's
/// probability (issue 12: "never a silent hang").
@Suite struct PatternProgramTests {
    /// Every pattern of `k` ones over `m` coordinates, with the variables' `holds` bits drawn from
    /// `generator` (so that the objectives are arbitrary 0/1 vectors, many of them tied).
    static func patterns(m: Int, k: Int, variables: Int, generator: inout Xoshiro256StarStar) -> [PatternProgram.Pattern] {
        var result: [PatternProgram.Pattern] = []
        for mask in 0..<(UInt32(1) << UInt32(m)) where mask.nonzeroBitCount == k {
            let holds = UInt32(generator.bounded(1 << variables))
            result.append(.init(mask: mask, holds: holds, order: result.count))
        }
        return result
    }

    /// Degenerate programmes: every target one half, a quarter or three quarters (many basic variables
    /// at zero at every vertex, many tied ratios and reduced costs), 4 to 12 coordinates. Phase one and
    /// every lexicographic stage end well inside the pivot limit, the solution meets the marginals, and
    /// the optimum of the first objective equals the best vertex found by enumeration in the test.
    @Test func degenerateProgrammes_end_meetTheMarginals_andReachTheOptimum() throws {
        var generator = Xoshiro256StarStar(seed: 12)
        var mostPivots = 0
        let programmes = MonteCarlo.isFull ? 200 : 20
        for index in 0..<programmes {
            let m = 4 + generator.bounded(MonteCarlo.isFull ? 9 : 5)
            // Targets in quarters summing to a whole k (at least 1, at most m - 1).
            var quarters: [Int]
            repeat {
                quarters = (0..<m).map { _ in [2, 2, 1, 3][generator.bounded(4)] }
            } while quarters.reduce(0, +) % 4 != 0 || quarters.reduce(0, +) / 4 >= m
            let k = quarters.reduce(0, +) / 4
            let targets = quarters.map { Double($0) / 4 }
            let candidates = Self.patterns(m: m, k: k, variables: 3, generator: &generator)
            var program = try #require(try PatternProgram(patterns: candidates, targets: targets), "programme \(index): phase one")
            for v in 0..<3 {
                let objective: (PatternProgram.Pattern) -> Double = { $0.holds & (1 << UInt32(v)) != 0 ? 1 : 0 }
                let best = try program.maximise(objective)
                if v == 0, m <= 6 {
                    let exact = Self.bestVertexValue(candidates, targets: targets, objective: objective)
                    #expect(abs(best - exact) < 1e-9, "programme \(index): \(best) against the enumerated optimum \(exact)")
                }
                program.restrictToOptimalFace(objective)
            }
            let solution = program.solution()
            #expect(abs(solution.reduce(0.0) { $0 + $1.weight } - 1) < 1e-9, "programme \(index): weights sum to one")
            for c in 0..<m {
                let marginal = solution.reduce(0.0) { $0 + ($1.pattern.mask & (1 << UInt32(c)) != 0 ? $1.weight : 0) }
                #expect(abs(marginal - targets[c]) < 1e-9, "programme \(index): coordinate \(c)")
            }
            mostPivots = max(mostPivots, program.pivots)
        }
        #expect(mostPivots < PatternProgram.defaultPivotLimit / 10)
        print("degenerate programmes: at most \(mostPivots) pivots over \(programmes) programmes")
    }

    /// The largest objective over the vertices of {p ≥ 0 : Σ p_s·s = targets}, by trying every basis.
    static func bestVertexValue(_ patterns: [PatternProgram.Pattern], targets: [Double], objective: (PatternProgram.Pattern) -> Double) -> Double {
        let roundings = patterns.map { pattern in
            LandingOptimumTests.Rounding(extra: targets.indices.map { pattern.mask & (1 << UInt32($0)) != 0 }, holds: [])
        }
        let vertices = LandingOptimumTests.vertices(open: Array(targets.indices), roundings: roundings, targets: targets)
        return vertices.map { w in zip(w, patterns).reduce(0.0) { $0 + $1.0 * objective($1.1) } }.max() ?? -1
    }

    /// A pivot limit stops phase one with a thrown reason, not a hang.
    @Test func pivotLimit_inPhaseOne_throws() throws {
        var generator = Xoshiro256StarStar(seed: 3)
        let candidates = Self.patterns(m: 8, k: 4, variables: 3, generator: &generator)
        #expect(throws: PatternProgram.Stop.pivotLimit(2)) {
            _ = try PatternProgram(patterns: candidates, targets: [Double](repeating: 0.5, count: 8), pivotLimit: 2)
        }
    }

    /// A pivot limit in phase two leaves a feasible basis: the design still meets the marginals.
    @Test func pivotLimit_inPhaseTwo_leavesAFeasibleDesign() throws {
        var generator = Xoshiro256StarStar(seed: 4)
        let candidates = Self.patterns(m: 10, k: 5, variables: 3, generator: &generator)
        let targets = [Double](repeating: 0.5, count: 10)
        var program = try #require(try PatternProgram(patterns: candidates, targets: targets))
        program.pivotLimit = 1
        var stopped = false
        for v in 0..<3 {
            do {
                try program.maximise { $0.holds & (1 << UInt32(v)) != 0 ? 1 : 0 }
            } catch {
                stopped = true
                break
            }
        }
        #expect(stopped, "one pivot is not enough for three objectives here")
        let solution = program.solution()
        for c in 0..<10 {
            let marginal = solution.reduce(0.0) { $0 + ($1.pattern.mask & (1 << UInt32(c)) != 0 ? $1.weight : 0) }
            #expect(abs(marginal - 0.5) < 1e-9, "coordinate \(c)")
        }
    }

    /// The landing's fallbacks: with no pivots allowed it uses systematic sampling on the fractional
    /// parts (every cell's probability exact, the reason recorded, the same design every time); with
    /// a few, it keeps a feasible basis and records where it stopped.
    @Test(arguments: [0, 1, 3])
    func landing_atThePivotLimit_fallsBack_keepingEveryCellsProbability(limit: Int) throws {
        let allocation = try Allocation(cellCounts: [5, 4, 0, 0, 1, 4, 3, 0, 0, 2, 0, 1, 0, 1, 0, 0], variables: [2, 2, 4], size: 5, pivotLimit: limit)
        let design = try #require(allocation.design)
        let reason = try #require(design.fallback, "limit \(limit)")
        #expect(reason.contains("\(limit) pivots"))
        #expect(abs(design.weights.reduce(0, +) - 1) < 1e-12)
        for (k, cell) in design.open.enumerated() {
            let marginal = zip(design.weights, design.patterns).reduce(0.0) { $0 + ($1.1[k] ? $1.0 : 0) }
            let r = Double(allocation.remainders[cell]) / Double(allocation.eligibleCount)
            #expect(abs(marginal - r) < 1e-9, "limit \(limit): cell \(cell)")
        }
        let again = try #require(try Allocation(cellCounts: allocation.cellCounts, variables: [2, 2, 4], size: 5, pivotLimit: limit).design)
        #expect(again.patterns == design.patterns && again.weights == design.weights)
        // The draw reports it, and the record keeps it among the relaxations.
        var generator = Xoshiro256StarStar(seed: 1)
        #expect(allocation.drawCounts(using: &generator).outcome.fallback == reason)
    }

    /// With the default limit the shipped example's landing is the exact optimum (no fallback).
    @Test func exampleLanding_hasNoFallback() throws {
        let allocation = try Allocation(population: try Examples.examplePopulation(), size: 120)
        let design = try #require(allocation.design)
        #expect(design.fallback == nil)
    }
}
