/// Unbiased controlled rounding of the cells' expected sample counts.
///
/// Each cell `c` of the cross-classification expects `e_c = n·N_c/N` cases. It receives `⌊e_c⌋` plus
/// one more with probability exactly equal to the fractional part `r_c`, so every case's inclusion
/// probability is `n/N`. The extra cases are placed jointly so that the stratification variables keep
/// each category's total at the floor or the ceiling of `n·N_a/N` as often as the cells allow, in
/// priority order.
///
/// Method (a balanced sampling design on the fractional parts, Deville and Tillé 2004, with the
/// landing phase done by linear programming as in Rao and Nigam 1990, "Optimal controlled sampling
/// designs", and Deville and Tillé's own landing by linear programming):
/// 1. *Flight phase* (only when more than ``enumerationLimit`` cells are fractional, and then down to
///    ``flightPhaseTarget``): the cube method's random walk moves the vector of fractional parts inside
///    the kernel of the balancing constraints (sample size and every category total), fixing at least
///    one cell to 0 or 1 per step, with step probabilities that keep every cell's expectation.
///    Constraints of the lowest-priority variables are dropped first if the walk stalls.
/// 2. *Landing phase* (``landing(open:pi:fixed:variables:)``): every 0/1 rounding of the
///    remaining fractional cells with the right total is a pattern; a variable *holds* in a pattern
///    when each of its categories ends at its floor or ceiling. Among the distributions over patterns
///    whose cell marginals equal the fractional parts (so every case keeps `n/N`), the landing finds
///    the *lexicographic optimum*: the greatest probability that the first variable holds, then the
///    greatest for the second among those, and so on (``PatternProgram``). When every variable can
///    hold in every draw, that is a design in which they always do.
/// 3. *Spread among the optima*: one optimal vertex puts weight on at most as many patterns as there
///    are fractional cells, so two cells may never get their extra case together although some
///    optimal design would let them. For each such pair of cells, the landing maximises the probability
///    that both get their extra case over the optimal designs; the design drawn from is the equal
///    mixture of the first optimum and every vertex found this way. A mixture of optimal designs is
///    optimal, keeps the marginals, and gives every pair of cells that some optimal design lets
///    share extra cases a positive joint probability (``Design/pairsNeverTogether`` lists the others).
public struct ControlledRounding {
    /// Cells whose count can be enumerated directly: `C(20, 10)` = 184,756 patterns at most.
    static let enumerationLimit = 20
    /// The flight phase, which runs once per draw, stops when this few cells are fractional, so that
    /// each draw's landing enumerates at most `C(12, 6)` = 924 roundings.
    static let flightPhaseTarget = 12

    /// A variable's category of each cell, and how many extra cases each category may get.
    struct Variable: Hashable {
        var categoryOfCell: [Int]
        var categoryCount: Int
        /// Per category a: the extra cases that keep its total at ⌊n·N_a/N⌋ or ⌈n·N_a/N⌉, that is
        /// ⌊Σ_c R_c / N⌋ or ⌈Σ_c R_c / N⌉ over its cells, worked out exactly in integers.
        var extras: [ClosedRange<Int>]
    }

    /// The result of one draw.
    struct Outcome {
        /// Whether each cell gets its extra case.
        var extra: [Bool]
        /// Per variable: whether every category ends at its floor or ceiling in this draw.
        var holds: [Bool]
        /// Per variable: the share of the design's draws in which it holds; nil after a flight phase,
        /// whose design is not worked out in advance.
        var designShare: [Double]?
        /// The landing design's ``Design/fallback``, when it had one.
        var fallback: String?
    }

    /// Two cells, by index, smaller first.
    struct CellPair: Equatable, Hashable {
        var first: Int
        var second: Int
    }

    /// A landing design: the roundings that can occur and their probabilities. Drawing from it needs
    /// one uniform number.
    struct Design: Equatable {
        /// The fractional cells, ascending.
        var open: [Int]
        /// Each rounding: whether each of ``open`` gets its extra case.
        var patterns: [[Bool]]
        var weights: [Double]
        /// Per pattern and variable: whether the variable holds.
        var holds: [[Bool]]
        /// Per variable: the probability that it holds, Σ weight over the patterns where it does.
        var holdShare: [Double]
        /// Pairs of fractional cells that no optimal design gives an extra case together.
        var pairsNeverTogether: [CellPair]
        var cellCount: Int
        /// Why the design is not the exact lexicographic optimum spread over optimal vertices, when the
        /// linear programme stopped at its pivot limit (``PatternProgram/Stop``); nil when it is.
        var fallback: String?

        func draw(_ u: Double) -> Outcome {
            var extra = [Bool](repeating: false, count: cellCount)
            var cumulative = 0.0
            var choice = patterns.count - 1
            for (j, w) in weights.enumerated() {
                cumulative += w
                if u < cumulative { choice = j; break }
            }
            for (k, cell) in open.enumerated() where patterns[choice][k] { extra[cell] = true }
            return Outcome(extra: extra, holds: holds[choice], designShare: holdShare, fallback: fallback)
        }
    }

    /// The landing design when no flight phase is needed (at most ``enumerationLimit`` fractional
    /// cells); nil otherwise. Draws from it equal ``draw(fractions:variables:using:)`` seed for seed.
    ///
    /// The design depends only on its arguments, not on the seed, so it is worked out once and kept in
    /// ``DesignCache`` for the next draw of the same population and size (`simulate`, repeated draws).
    static func design(
        fractions: [Double], variables: [Variable], pivotLimit: Int = PatternProgram.defaultPivotLimit
    ) -> Design? {
        let open = fractions.indices.filter { fractions[$0] > 1e-12 }
        guard open.count <= enumerationLimit else { return nil }
        let key = DesignCache.Key(fractions: fractions, variables: variables, pivotLimit: pivotLimit)
        if let design = DesignCache.shared.design(for: key) { return design }
        let design = landing(
            open: open, pi: fractions, fixed: [Int](repeating: 0, count: fractions.count), variables: variables,
            pivotLimit: pivotLimit)
        DesignCache.shared.keep(design, for: key)
        return design
    }

    /// The landing design over the `open` cells, whose probabilities of an extra case are `pi`: the
    /// lexicographic optimum for the variables in priority order, spread over optimal vertices.
    ///
    /// - Parameters:
    ///   - fixed: cells already given their extra case (1) by the flight phase.
    ///   - pivotLimit: the pivots each optimisation of the linear programme may take (a guard; see
    ///     ``PatternProgram``). Past it the design falls back as ``Design/fallback`` records.
    static func landing(
        open: [Int], pi: [Double], fixed: [Int], variables: [Variable], pivotLimit: Int = PatternProgram.defaultPivotLimit
    ) -> Design {
        let candidates = roundings(open: open, pi: pi, fixed: fixed, variables: variables)
        func bits(_ mask: UInt32) -> [Bool] { open.indices.map { mask & (1 << UInt32($0)) != 0 } }
        func holding(_ holds: UInt32) -> [Bool] { variables.indices.map { holds & (1 << UInt32($0)) != 0 } }
        guard !open.isEmpty else {
            let pattern = candidates[0]
            return Design(
                open: [], patterns: [[]], weights: [1], holds: [holding(pattern.holds)],
                holdShare: holding(pattern.holds).map { $0 ? 1 : 0 }, pairsNeverTogether: [], cellCount: pi.count)
        }
        let targets = open.map { pi[$0] }
        var fallback: String?
        let phaseOne: PatternProgram?
        do {
            phaseOne = try PatternProgram(patterns: candidates, targets: targets, pivotLimit: pivotLimit)
        } catch {
            phaseOne = nil
            fallback = "the landing's linear programme found no design within \(pivotLimit) pivots"
        }
        guard var program = phaseOne else {
            // Fractional parts summing to a whole number always admit a design (systematic sampling
            // is one); only rounding or the pivot limit can get here.
            return systematicDesign(
                candidates: candidates, targets: targets, open: open, variables: variables, cellCount: pi.count,
                reason: fallback ?? "the landing's linear programme found no design (rounding error)")
        }
        for v in variables.indices {
            let objective: (PatternProgram.Pattern) -> Double = { $0.holds & (1 << UInt32(v)) != 0 ? 1 : 0 }
            do {
                try program.maximise(objective)
            } catch {
                // The basis is still a feasible design: keep it, with the variables before v optimal.
                fallback = "the landing's linear programme stopped after \(pivotLimit) pivots while maximising variable \(v + 1)'s share; the design keeps the earlier variables' optimum and a feasible, perhaps lower, share for the rest"
                break
            }
            program.restrictToOptimalFace(objective)
        }
        // Spread: a vertex for every pair of cells the optimal designs found so far never combine.
        var vertices = [program.solution()]
        var together = Set<CellPair>()
        func cover(_ vertex: [(pattern: PatternProgram.Pattern, weight: Double)]) {
            for (pattern, _) in vertex {
                for a in open.indices where pattern.mask & (1 << UInt32(a)) != 0 {
                    for b in (a + 1)..<max(open.count, a + 1) where pattern.mask & (1 << UInt32(b)) != 0 {
                        together.insert(CellPair(first: a, second: b))
                    }
                }
            }
        }
        cover(vertices[0])
        var never: [CellPair] = []
        for a in open.indices {
            for b in (a + 1)..<max(open.count, a + 1) where !together.contains(CellPair(first: a, second: b)) {
                let both = (UInt32(1) << UInt32(a)) | (UInt32(1) << UInt32(b))
                var pairProgram = program
                let best: Double
                do {
                    best = try pairProgram.maximise({ $0.mask & both == both ? 1 : 0 }, stoppingAbove: PatternProgram.tolerance)
                } catch {
                    fallback = fallback ?? "the landing's linear programme stopped after \(pivotLimit) pivots while spreading the design over cell pairs; some pairs that an optimal design allows may never be drawn together"
                    continue
                }
                if best > PatternProgram.tolerance {
                    let vertex = pairProgram.solution()
                    vertices.append(vertex)
                    cover(vertex)
                } else {
                    never.append(CellPair(first: open[a], second: open[b]))
                }
            }
        }
        var mixture: [Int: (pattern: PatternProgram.Pattern, weight: Double)] = [:]
        for vertex in vertices {
            for (pattern, weight) in vertex {
                mixture[pattern.order, default: (pattern, 0)].weight += weight / Double(vertices.count)
            }
        }
        let support = mixture.keys.sorted().map { mixture[$0]! }
        let total = support.reduce(0.0) { $0 + $1.weight }
        let weights = support.map { $0.weight / total }
        let holds = support.map { holding($0.pattern.holds) }
        // One minus the weight of the misses, so that a variable that always holds gets exactly 1.
        let shares = variables.indices.map { v in 1 - zip(weights, holds).reduce(0.0) { $0 + ($1.1[v] ? 0 : $1.0) } }
        return Design(
            open: open, patterns: support.map { bits($0.pattern.mask) }, weights: weights, holds: holds,
            holdShare: shares.map { max(0, $0) }, pairsNeverTogether: never, cellCount: pi.count, fallback: fallback)
    }

    /// The fallback design when the linear programme fails: systematic sampling on the fractional parts
    /// (points u, u + 1, …, u + k − 1 on the cells' cumulative parts, u uniform), which keeps every
    /// cell's probability exactly but holds the variables only as often as it happens to. Its patterns
    /// are those between consecutive breakpoints of u, in order of the breakpoints.
    static func systematicDesign(
        candidates: [PatternProgram.Pattern], targets: [Double], open: [Int], variables: [Variable], cellCount: Int,
        reason: String
    ) -> Design {
        var cumulative = [0.0]
        for t in targets { cumulative.append(cumulative.last! + t) }
        var breakpoints = Set(cumulative.map { $0 - $0.rounded(.down) }.map { $0 > 1 - 1e-12 ? 0 : $0 })
        breakpoints.insert(0)
        let sorted = breakpoints.sorted() + [1]
        let holdsOfMask = Dictionary(candidates.map { ($0.mask, $0.holds) }, uniquingKeysWith: { first, _ in first })
        var patterns: [[Bool]] = [], weights: [Double] = [], holds: [[Bool]] = []
        for j in 0..<(sorted.count - 1) where sorted[j + 1] - sorted[j] > 1e-12 {
            let u = (sorted[j] + sorted[j + 1]) / 2
            var mask: UInt32 = 0
            let pattern = open.indices.map { i in
                let point = u + (cumulative[i] - u).rounded(.up)
                return point < cumulative[i + 1]
            }
            for (i, isExtra) in pattern.enumerated() where isExtra { mask |= 1 << UInt32(i) }
            let held = holdsOfMask[mask] ?? 0
            patterns.append(pattern)
            weights.append(sorted[j + 1] - sorted[j])
            holds.append(variables.indices.map { held & (1 << UInt32($0)) != 0 })
        }
        let shares = variables.indices.map { v in zip(weights, holds).reduce(0.0) { $0 + ($1.1[v] ? $1.0 : 0) } }
        return Design(
            open: open, patterns: patterns, weights: weights, holds: holds, holdShare: shares,
            pairsNeverTogether: [], cellCount: cellCount, fallback: reason)
    }

    /// Rounds `fractions` (each in [0, 1), summing to a whole number) under `variables` (highest
    /// priority first), drawing with `generator`.
    static func draw(
        fractions: [Double], variables: [Variable], using generator: inout Xoshiro256StarStar
    ) -> Outcome {
        if let design = design(fractions: fractions, variables: variables) {
            return design.draw(generator.unitInterval())
        }
        var pi = fractions
        var extra = pi.map { $0 >= 1 - 1e-12 }
        var active = variables.indices.map { _ in true }
        // Flight phase while too many cells are fractional.
        while true {
            let open = pi.indices.filter { pi[$0] > 1e-12 && pi[$0] < 1 - 1e-12 }
            if open.count <= flightPhaseTarget { break }
            let constraints = balancingRows(open: open, variables: variables, active: active)
            let chosen = Array(open.prefix(constraints.count + 1))
            guard let direction = kernelVector(rows: constraints, columns: chosen) else {
                // Stalled: drop the lowest-priority active variable.
                if let last = active.lastIndex(of: true) {
                    active[last] = false
                    continue
                }
                break
            }
            var up = Double.infinity, down = Double.infinity
            for (k, cell) in chosen.enumerated() where abs(direction[k]) > 1e-15 {
                let u = direction[k]
                up = min(up, u > 0 ? (1 - pi[cell]) / u : -pi[cell] / u)
                down = min(down, u > 0 ? pi[cell] / u : (pi[cell] - 1) / u)
            }
            let moveUp = generator.unitInterval() < down / (up + down)
            for (k, cell) in chosen.enumerated() {
                pi[cell] += moveUp ? up * direction[k] : -down * direction[k]
                if pi[cell] < 1e-12 { pi[cell] = 0 }
                if pi[cell] > 1 - 1e-12 { pi[cell] = 1 }
            }
        }
        for cell in pi.indices where pi[cell] == 1 { extra[cell] = true }
        // Landing phase over the remaining fractional cells.
        let open = pi.indices.filter { pi[$0] > 1e-12 && pi[$0] < 1 - 1e-12 }
        let u = generator.unitInterval()
        let design = landing(open: open, pi: pi, fixed: pi.map { $0 >= 1 - 1e-12 ? 1 : 0 }, variables: variables)
        var outcome = design.draw(u)
        outcome.extra = zip(outcome.extra, extra).map { $0 || $1 }
        outcome.designShare = nil
        return outcome
    }

    /// Rows of the balancing matrix restricted to `open` cells: the total, then one row per category
    /// of each active variable.
    static func balancingRows(open: [Int], variables: [Variable], active: [Bool]) -> [[Double]] {
        var rows: [[Double]] = [open.map { _ in 1 }]
        for (v, variable) in variables.enumerated() where active[v] {
            for category in 0..<variable.categoryCount {
                rows.append(open.map { variable.categoryOfCell[$0] == category ? 1 : 0 })
            }
        }
        return rows
    }

    /// A non-zero vector `u` over `columns` with `A·u = 0`, by Gaussian elimination.
    static func kernelVector(rows: [[Double]], columns: [Int]) -> [Double]? {
        let n = columns.count
        // Rows are over all open cells; `columns` is a prefix of them.
        var a = rows.map { Array($0.prefix(n)) }
        var pivotColumns: [Int] = []
        var r = 0
        for c in 0..<n where r < a.count {
            guard let p = (r..<a.count).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[p][c]) > 1e-12 else { continue }
            a.swapAt(r, p)
            let pivot = a[r][c]
            for j in 0..<n { a[r][j] /= pivot }
            for i in 0..<a.count where i != r && a[i][c] != 0 {
                let f = a[i][c]
                for j in 0..<n { a[i][j] -= f * a[r][j] }
            }
            pivotColumns.append(c)
            r += 1
        }
        guard let free = (0..<n).first(where: { !pivotColumns.contains($0) }) else { return nil }
        var u = [Double](repeating: 0, count: n)
        u[free] = 1
        for (i, c) in pivotColumns.enumerated() { u[c] = -a[i][free] }
        return u
    }

    /// Every 0/1 pattern over `open` with the right total, depth first with "extra" before "no extra"
    /// (cells in index order), each with the variables that hold in it: every category's extras, the
    /// cells already fixed included, within ``Variable/extras``.
    static func roundings(
        open: [Int], pi: [Double], fixed: [Int], variables: [Variable]
    ) -> [PatternProgram.Pattern] {
        precondition(open.count <= 32 && variables.count <= 32)
        let total = Int((open.reduce(0.0) { $0 + pi[$1] }).rounded())
        // Per variable and category: allowed range for the count of extras among open cells.
        let ranges: [[ClosedRange<Int>]] = variables.map { variable in
            (0..<variable.categoryCount).map { category in
                let already = fixed.indices.reduce(0) { $0 + (variable.categoryOfCell[$1] == category ? fixed[$1] : 0) }
                return (variable.extras[category].lowerBound - already)...(variable.extras[category].upperBound - already)
            }
        }
        var patterns: [PatternProgram.Pattern] = []
        var counts = variables.map { Array(repeating: 0, count: $0.categoryCount) }
        func visit(_ k: Int, _ chosen: Int, _ mask: UInt32) {
            if chosen > total || chosen + (open.count - k) < total { return }
            if k == open.count {
                var holds: UInt32 = 0
                for v in variables.indices where counts[v].indices.allSatisfy({ ranges[v][$0].contains(counts[v][$0]) }) {
                    holds |= 1 << UInt32(v)
                }
                patterns.append(.init(mask: mask, holds: holds, order: patterns.count))
                return
            }
            for v in variables.indices { counts[v][variables[v].categoryOfCell[open[k]]] += 1 }
            visit(k + 1, chosen + 1, mask | (1 << UInt32(k)))
            for v in variables.indices { counts[v][variables[v].categoryOfCell[open[k]]] -= 1 }
            visit(k + 1, chosen, mask)
        }
        visit(0, 0, 0)
        return patterns
    }
}
