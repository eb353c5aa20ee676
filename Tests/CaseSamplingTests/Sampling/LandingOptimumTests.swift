import Testing
@testable import CaseSampling

/// The landing's lexicographic optimum and its spread (issue 12, parts 1 and 2), checked against an
/// optimum computed independently here by enumerating every vertex of the polytope of designs.
@Suite struct LandingOptimumTests {
    // MARK: - An independent exact optimum

    /// Every 0/1 rounding of the fractional cells with the right total, with the variables that hold.
    struct Rounding {
        var extra: [Bool]
        var holds: [Bool]
    }

    /// Enumerates roundings straight from the definition: a variable holds when every category's
    /// sample count, floors plus extras, is ⌊n·N_a/N⌋ or ⌈n·N_a/N⌉.
    static func roundings(_ allocation: Allocation, variables: [Int]) -> (open: [Int], roundings: [Rounding]) {
        let open = allocation.remainders.indices.filter { allocation.remainders[$0] > 0 }
        let k = allocation.remainders.reduce(0, +) / allocation.eligibleCount
        var result: [Rounding] = []
        for mask in 0..<(1 << open.count) where mask.nonzeroBitCount == k {
            var counts = allocation.floors
            for (i, cell) in open.enumerated() where mask & (1 << i) != 0 { counts[cell] += 1 }
            result.append(Rounding(extra: open.indices.map { mask & (1 << $0) != 0 }, holds: holdsByDefinition(allocation, variables: variables, counts: counts)))
        }
        return (open, result)
    }

    static func holdsByDefinition(_ allocation: Allocation, variables: [Int], counts: [Int]) -> [Bool] {
        var stride = counts.count
        return variables.map { categories in
            stride /= categories
            var population = [Int](repeating: 0, count: categories), sample = population
            for cell in counts.indices {
                population[(cell / stride) % categories] += allocation.cellCounts[cell]
                sample[(cell / stride) % categories] += counts[cell]
            }
            return population.indices.allSatisfy { a in
                let exact = Double(allocation.size) * Double(population[a]) / Double(allocation.eligibleCount)
                return Double(sample[a]) >= exact.rounded(.down) - 1e-12 && Double(sample[a]) <= exact.rounded(.up) + 1e-12
            }
        }
    }

    /// A vertex of {p ≥ 0 : Σ p_s·s_c = r_c}: its weights over the roundings.
    typealias Vertex = [Double]

    /// Every vertex, by trying every set of as many roundings as there are fractional cells as a basis.
    static func vertices(open: [Int], roundings: [Rounding], targets: [Double]) -> [Vertex] {
        let m = open.count, count = roundings.count
        // No fractional cell: the one rounding (every cell at its expected count) has weight one.
        if m == 0 { return count == 1 ? [[1]] : [] }
        var found: [Vertex] = []
        var chosen: [Int] = []
        func visit(_ start: Int) {
            if chosen.count == m {
                let matrix = (0..<m).map { i in chosen.map { roundings[$0].extra[i] ? 1.0 : 0.0 } }
                guard let x = gaussian(matrix, targets), x.allSatisfy({ $0 >= -1e-12 }) else { return }
                var weights = [Double](repeating: 0, count: count)
                for (j, index) in chosen.enumerated() { weights[index] = max(0, x[j]) }
                found.append(weights)
                return
            }
            guard start < count else { return }
            for j in start..<count {
                chosen.append(j)
                visit(j + 1)
                chosen.removeLast()
            }
        }
        visit(0)
        return found
    }

    static func gaussian(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        var a = matrix, b = rhs
        let n = b.count
        for k in 0..<n {
            guard let p = (k..<n).max(by: { abs(a[$0][k]) < abs(a[$1][k]) }), abs(a[p][k]) > 1e-9 else { return nil }
            a.swapAt(k, p); b.swapAt(k, p)
            for i in 0..<n where i != k {
                let f = a[i][k] / a[k][k]
                for j in 0..<n { a[i][j] -= f * a[k][j] }
                b[i] -= f * b[k]
            }
        }
        return (0..<n).map { b[$0] / a[$0][$0] }
    }

    /// The exact lexicographic optimum: the vertices maximising P(first variable holds), then the
    /// second, …; its hold probabilities, and for each pair of fractional cells whether some optimal
    /// vertex gives both their extra case with positive probability.
    static func exactOptimum(_ allocation: Allocation, variables: [Int]) -> (shares: [Double], pairPossible: Set<[Int]>) {
        let (open, all) = roundings(allocation, variables: variables)
        let targets = open.map { Double(allocation.remainders[$0]) / Double(allocation.eligibleCount) }
        var optimal = vertices(open: open, roundings: all, targets: targets)
        var shares: [Double] = []
        for v in variables.indices {
            let value = optimal.map { w in zip(w, all).reduce(0.0) { $0 + ($1.1.holds[v] ? $1.0 : 0) } }
            let best = value.max() ?? 0
            optimal = zip(optimal, value).filter { $0.1 >= best - 1e-9 }.map(\.0)
            shares.append(best)
        }
        var pairs = Set<[Int]>()
        for w in optimal {
            for (j, rounding) in all.enumerated() where w[j] > 1e-12 {
                for a in open.indices where rounding.extra[a] {
                    for b in open.indices where b > a && rounding.extra[b] { pairs.insert([open[a], open[b]]) }
                }
            }
        }
        return (shares, pairs)
    }

    // MARK: - Populations

    /// A random allocation over `variables` with cells of 0, 1, 2 (sometimes up to 6) cases and at most
    /// `maxOpen` fractional cells.
    static func randomAllocation(variables: [Int], maxOpen: Int, generator: inout Xoshiro256StarStar) throws -> Allocation {
        let cells = variables.reduce(1, *)
        while true {
            let counts = (0..<cells).map { _ in generator.bounded(5) == 0 ? generator.bounded(7) : generator.bounded(3) }
            let total = counts.reduce(0, +)
            guard total >= 2 else { continue }
            let size = 1 + generator.bounded(total - 1)
            // Count the fractional cells before working out the design, which is the costly part.
            guard counts.filter({ size * $0 % total != 0 }).count <= maxOpen else { continue }
            return try Allocation(cellCounts: counts, variables: variables, size: size)
        }
    }

    /// The issue's 20-case list (all eligible, n = 5), cells in mixed radix gender × sentence × RoSH.
    static func issueTwentyCases() throws -> Allocation {
        // Male/Community: Low 5, Medium 4; Male/Licence: Medium 4, High 3;
        // Female/Community: Medium 2, High 1; Female/Licence: Low 1.
        var counts = [Int](repeating: 0, count: 16)
        func cell(_ g: Int, _ s: Int, _ r: Int) -> Int { g * 8 + s * 4 + r }
        counts[cell(0, 0, 0)] = 5; counts[cell(0, 0, 1)] = 4; counts[cell(0, 1, 1)] = 4; counts[cell(0, 1, 2)] = 3
        counts[cell(1, 0, 1)] = 2; counts[cell(1, 1, 0)] = 1; counts[cell(1, 0, 2)] = 1
        return try Allocation(cellCounts: counts, variables: [2, 2, 4], size: 5)
    }

    /// Draws `draws` cell roundings and counts, per variable, the draws in which it holds and, per cell,
    /// the draws giving it its extra case.
    static func monteCarlo(_ allocation: Allocation, variables: [Int], draws: Int, seed: UInt64) -> (holds: [Int], extra: [Int], pairs: [[Int]: Int]) {
        var holds = [Int](repeating: 0, count: variables.count)
        var extra = [Int](repeating: 0, count: allocation.cellCounts.count)
        var pairs: [[Int]: Int] = [:]
        for d in 0..<draws {
            var generator = Xoshiro256StarStar(seed: seed &+ UInt64(d) &* 0x9E37_79B9)
            let (counts, outcome) = allocation.drawCounts(using: &generator)
            let byDefinition = holdsByDefinition(allocation, variables: variables, counts: counts)
            #expect(byDefinition == outcome.holds, "the outcome reports what holds")
            for v in variables.indices where byDefinition[v] { holds[v] += 1 }
            let extras = counts.indices.filter { counts[$0] > allocation.floors[$0] }
            for c in extras { extra[c] += 1 }
            for a in extras { for b in extras where b > a { pairs[[a, b], default: 0] += 1 } }
        }
        return (holds, extra, pairs)
    }

    static func band(_ p: Double, _ draws: Int) -> Double { 4.5 * (max(0, p * (1 - p)) / Double(draws)).squareRoot() + 1e-9 }

    // MARK: - Tests

    /// The issue's reproduction: gender (4 / 1) and sentence type (3 / 2) are whole; a design holds
    /// both in every draw and RoSH in half of them, and the landing finds it.
    @Test func issueTwentyCases_holdsGenderAndSentenceAlways_roshInHalf() throws {
        let allocation = try Self.issueTwentyCases()
        let shares = try #require(allocation.designHoldShare)
        let exact = Self.exactOptimum(allocation, variables: [2, 2, 4])
        #expect(shares[0] == 1 && shares[1] == 1)
        #expect(abs(shares[2] - 0.5) < 1e-9, "\(shares)")
        for v in 0..<3 { #expect(abs(shares[v] - exact.shares[v]) < 1e-9) }
        let draws = MonteCarlo.repetitions(4_000)
        let (holds, _, _) = Self.monteCarlo(allocation, variables: [2, 2, 4], draws: draws, seed: 1)
        #expect(holds[0] == draws && holds[1] == draws)
        #expect(abs(Double(holds[2]) / Double(draws) - 0.5) <= Self.band(0.5, draws))
        print("20-case list: gender \(holds[0]), sentence \(holds[1]), RoSH \(holds[2]) of \(draws) draws")
    }

    /// 48 cases in 16 cells of 3, n = 8: every fractional part is one half and a design holds every
    /// variable in every draw.
    @Test func fortyEightCases_everyFractionOneHalf_holdsEveryVariableAlways() throws {
        let allocation = try Allocation(cellCounts: [Int](repeating: 3, count: 16), variables: [2, 2, 4], size: 8)
        #expect(allocation.remainders.allSatisfy { $0 * 2 == allocation.eligibleCount })
        #expect(allocation.designHoldShare == [1, 1, 1])
        let draws = MonteCarlo.repetitions(4_000)
        let (holds, extra, pairs) = Self.monteCarlo(allocation, variables: [2, 2, 4], draws: draws, seed: 48)
        #expect(holds == [draws, draws, draws])
        for c in 0..<16 { #expect(abs(Double(extra[c]) / Double(draws) - 0.5) <= Self.band(0.5, draws), "cell \(c)") }
        // Every pair of cells that some optimal design combines occurs together.
        let exact = Self.exactOptimumPairs(allocation)
        #expect(exact.count == 120, "every pair of the 16 cells is in some rounding holding every variable")
        #expect(allocation.cellPairsNeverTogether?.isEmpty == true)
        for pair in exact { #expect(pairs[pair, default: 0] > 0, "cells \(pair) never together in \(draws) draws") }
    }

    /// 60 cases, n = 10, with whole gender and sentence-type margins: the design holds every variable
    /// in every draw.
    @Test func sixtyCases_holdsEveryVariableAlways() throws {
        let counts = [6, 3, 3, 3, 3, 3, 6, 3, 3, 3, 3, 3, 3, 6, 3, 6]
        #expect(counts.reduce(0, +) == 60)
        let allocation = try Allocation(cellCounts: counts, variables: [2, 2, 4], size: 10)
        // Every fractional part is one half and every category expects extras of a whole number, so a
        // rounding holding every variable and its complement, each with weight one half, is a design
        // that always holds them all: the optimum is [1, 1, 1] when such a rounding exists.
        #expect(allocation.remainders.allSatisfy { $0 == 0 || $0 * 2 == allocation.eligibleCount })
        #expect(Self.exactOptimumPairs(allocation).count > 0)
        #expect(allocation.designHoldShare == [1, 1, 1])
        let draws = MonteCarlo.repetitions(4_000)
        let (holds, _, _) = Self.monteCarlo(allocation, variables: [2, 2, 4], draws: draws, seed: 60)
        #expect(holds == [draws, draws, draws])
    }

    /// For lists where every fractional part is one half and every category expects a whole count: a rounding that holds every variable has a complement that does too, and the two
    /// with weight one half each meet the marginals, so the pairs of an optimal design are exactly
    /// the pairs of cells that some rounding holding every variable gives both an extra case.
    static func exactOptimumPairs(_ allocation: Allocation) -> Set<[Int]> {
        let (open, all) = roundings(allocation, variables: [2, 2, 4])
        var pairs = Set<[Int]>()
        for rounding in all where rounding.holds.allSatisfy({ $0 }) {
            for a in open.indices where rounding.extra[a] {
                for b in open.indices where b > a && rounding.extra[b] { pairs.insert([open[a], open[b]]) }
            }
        }
        return pairs
    }

    /// Random small populations (cells of 0, 1, 2 cases, sometimes more; whole and fractional
    /// margins): the design's hold shares equal the exact lexicographic optimum, its cell marginals
    /// are the fractional parts, a pair of cells is never together only when no optimal design
    /// combines them, and Monte Carlo hit rates match within 4.5 binomial standard deviations.
    @Test(arguments: [[2, 2, 2], [2, 2, 3], [3, 2], [2, 2, 4]])
    func randomPopulations_matchTheExactOptimum(variables: [Int]) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(variables.reduce(7, { $0 * 31 + $1 })))
        let populations = MonteCarlo.isFull ? 40 : 12
        let draws = MonteCarlo.repetitions(4_000)
        var notAlways = 0
        for index in 0..<populations {
            let allocation = try Self.randomAllocation(variables: variables, maxOpen: MonteCarlo.isFull ? 6 : 5, generator: &generator)
            let label = "population \(index): \(allocation.cellCounts), n = \(allocation.size)"
            let shares = try #require(allocation.designHoldShare)
            let exact = Self.exactOptimum(allocation, variables: variables)
            for v in variables.indices { #expect(abs(shares[v] - exact.shares[v]) < 1e-7, "\(label): variable \(v) \(shares) vs \(exact.shares)") }
            if shares.contains(where: { $0 < 1 }) { notAlways += 1 }
            let never = Set((allocation.cellPairsNeverTogether ?? []).map { [$0.0, $0.1] })
            let open = allocation.remainders.indices.filter { allocation.remainders[$0] > 0 }
            for a in open {
                for b in open where b > a {
                    #expect(never.contains([a, b]) == !exact.pairPossible.contains([a, b]), "\(label): cells \(a), \(b)")
                }
            }
            let (holds, extra, pairs) = Self.monteCarlo(allocation, variables: variables, draws: draws, seed: UInt64(index) &* 1_000_003)
            for v in variables.indices {
                #expect(abs(Double(holds[v]) / Double(draws) - exact.shares[v]) <= Self.band(exact.shares[v], draws), "\(label): variable \(v)")
            }
            for c in allocation.cellCounts.indices {
                let r = Double(allocation.remainders[c]) / Double(allocation.eligibleCount)
                #expect(abs(Double(extra[c]) / Double(draws) - r) <= Self.band(r, draws), "\(label): cell \(c)")
            }
            for pair in pairs.keys { #expect(exact.pairPossible.contains(pair), "\(label): \(pair) together but not optimal") }
        }
        print("variables \(variables): \(notAlways) of \(populations) random populations cannot hold every variable always")
    }
}
