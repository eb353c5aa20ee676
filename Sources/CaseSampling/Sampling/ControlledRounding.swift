/// Unbiased controlled rounding of the cells' expected sample counts.
///
/// Each cell `c` of the cross-classification expects `e_c = n·N_c/N` cases. It receives `⌊e_c⌋` plus
/// one more with probability equal to the fractional part `r_c`, so every case's inclusion probability
/// is exactly `n/N`. The extra cases are placed jointly so that, for every stratification variable and
/// each of its categories, the total is the floor or the ceiling of `n·N_a/N` as well.
///
/// Method (a balanced sampling design on the fractional parts, Deville and Tillé 2004, with the
/// landing phase done by linear programming as in Rao and Nigam 1990, "Optimal controlled sampling
/// designs", and Deville and Tillé's own landing by linear programming):
/// 1. *Flight phase* (only when more than ``enumerationLimit`` cells are fractional, and then down to
///    ``flightPhaseTarget``): the cube
///    method's random walk moves the vector of fractional parts inside the kernel of the balancing
///    constraints (sample size and every category total), fixing at least one cell to 0 or 1 per step,
///    with step probabilities that keep every cell's expectation. Constraints of the lowest-priority
///    variables are dropped first if the walk stalls.
/// 2. *Landing phase*: enumerate every 0/1 rounding of the remaining fractional cells that has the
///    right size and keeps each category total at its floor or ceiling; find, by linear programming,
///    a probability distribution over those roundings whose cell marginals equal the fractional parts;
///    draw one rounding from it. If no such distribution exists, the lowest-priority variable is
///    relaxed to "within one case of floor or ceiling", then the next, and so on; the relaxation is
///    reported.
public struct ControlledRounding {
    /// Cells whose count can be enumerated directly: `C(20, 10)` = 184,756 patterns at most.
    static let enumerationLimit = 20
    /// The flight phase, which runs once per draw, stops when this few cells are fractional, so that
    /// each draw's landing enumerates at most `C(12, 6)` = 924 roundings.
    static let flightPhaseTarget = 12

    /// A variable's category of each cell.
    struct Variable {
        var categoryOfCell: [Int]
        var categoryCount: Int
    }

    /// What was given up to make the rounding possible.
    public enum Relaxation: Equatable, Sendable {
        /// Variable `index` may miss its floor or ceiling by one case.
        case withinOne(variable: Int)
        /// Variable `index` is not balanced at all.
        case dropped(variable: Int)
    }

    /// The result of one draw.
    struct Outcome {
        /// Whether each cell gets its extra case.
        var extra: [Bool]
        var relaxations: [Relaxation]
    }

    /// A landing design worked out once for a population with few fractional cells: the valid
    /// roundings and their probabilities. Drawing from it needs one uniform number.
    struct Design {
        var open: [Int]
        var patterns: [[Bool]]
        var weights: [Double]
        var relaxations: [Relaxation]
        var cellCount: Int

        func draw(_ u: Double) -> Outcome {
            var extra = [Bool](repeating: false, count: cellCount)
            var cumulative = 0.0
            var choice = patterns.count - 1
            for (j, w) in weights.enumerated() {
                cumulative += w
                if u < cumulative { choice = j; break }
            }
            for (k, cell) in open.enumerated() where patterns[choice][k] { extra[cell] = true }
            return Outcome(extra: extra, relaxations: relaxations)
        }
    }

    /// The landing design when no flight phase is needed (at most ``enumerationLimit`` fractional
    /// cells); nil otherwise. Draws from it equal ``draw(fractions:variables:using:)`` seed for seed.
    static func design(fractions: [Double], variables: [Variable]) -> Design? {
        let open = fractions.indices.filter { fractions[$0] > 1e-12 }
        guard open.count <= enumerationLimit else { return nil }
        return landing(
            open: open, pi: fractions, fixed: [Int](repeating: 0, count: fractions.count), fractions: fractions,
            variables: variables, tolerance: [Int](repeating: 0, count: variables.count), relaxations: [])
    }

    /// The landing design over the `open` cells: the valid roundings and a distribution over them
    /// with marginals `pi`, relaxing the lowest-priority variables until one exists.
    static func landing(
        open: [Int], pi: [Double], fixed: [Int], fractions: [Double], variables: [Variable],
        tolerance start: [Int], relaxations earlier: [Relaxation]
    ) -> Design {
        var tolerance = start
        var relaxations = earlier
        guard !open.isEmpty else {
            return Design(open: [], patterns: [[]], weights: [1], relaxations: relaxations, cellCount: fractions.count)
        }
        while true {
            let patterns = validPatterns(open: open, pi: pi, fixed: fixed, fractions: fractions, variables: variables, tolerance: tolerance)
            if let weights = SimplexFeasibility.solve(patterns: patterns, targets: open.map { pi[$0] }) {
                return Design(open: open, patterns: patterns, weights: weights, relaxations: relaxations, cellCount: fractions.count)
            }
            // Relax the lowest-priority variable still held exactly, else drop the lowest still held.
            if let v = tolerance.lastIndex(of: 0) {
                tolerance[v] = 1
                relaxations.append(.withinOne(variable: v))
            } else if let v = tolerance.lastIndex(where: { $0 != Int.max }) {
                tolerance[v] = Int.max
                relaxations.append(.dropped(variable: v))
            } else {
                preconditionFailure("the size-only rounding always exists")
            }
        }
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
        var relaxations: [Relaxation] = []
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
                    relaxations.append(.dropped(variable: last))
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
        let design = landing(
            open: open, pi: pi, fixed: pi.map { $0 >= 1 - 1e-12 ? 1 : 0 }, fractions: fractions, variables: variables,
            tolerance: variables.indices.map { active[$0] ? 0 : Int.max }, relaxations: relaxations)
        var outcome = design.draw(u)
        outcome.extra = zip(outcome.extra, extra).map { $0 || $1 }
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

    /// Every 0/1 pattern over `open` with the right total whose category totals stay within tolerance.
    static func validPatterns(
        open: [Int], pi: [Double], fixed: [Int], fractions: [Double], variables: [Variable], tolerance: [Int]
    ) -> [[Bool]] {
        let total = Int((open.reduce(0.0) { $0 + pi[$1] }).rounded())
        // Per variable and category: allowed range for the count of extras among open cells.
        var ranges: [[ClosedRange<Int>]] = []
        for (v, variable) in variables.enumerated() {
            var perCategory: [ClosedRange<Int>] = []
            for category in 0..<variable.categoryCount {
                let cells = fractions.indices.filter { variable.categoryOfCell[$0] == category }
                let target = cells.reduce(0.0) { $0 + fractions[$1] }  // expected extras in the category
                let already = cells.reduce(0) { $0 + fixed[$1] }
                let low = Int((target - 1e-9).rounded(.down)), high = Int((target + 1e-9).rounded(.up))
                if tolerance[v] == Int.max {
                    perCategory.append(Int.min / 2...Int.max / 2)
                } else {
                    perCategory.append((low - tolerance[v] - already)...(high + tolerance[v] - already))
                }
            }
            ranges.append(perCategory)
        }
        var patterns: [[Bool]] = []
        var pattern = [Bool](repeating: false, count: open.count)
        var counts = variables.map { Array(repeating: 0, count: $0.categoryCount) }
        func visit(_ k: Int, _ chosen: Int) {
            if chosen > total || chosen + (open.count - k) < total { return }
            if k == open.count {
                for v in variables.indices {
                    for category in counts[v].indices where !ranges[v][category].contains(counts[v][category]) { return }
                }
                patterns.append(pattern)
                return
            }
            pattern[k] = true
            for v in variables.indices { counts[v][variables[v].categoryOfCell[open[k]]] += 1 }
            visit(k + 1, chosen + 1)
            for v in variables.indices { counts[v][variables[v].categoryOfCell[open[k]]] -= 1 }
            pattern[k] = false
            visit(k + 1, chosen)
        }
        visit(0, 0)
        return patterns
    }
}
