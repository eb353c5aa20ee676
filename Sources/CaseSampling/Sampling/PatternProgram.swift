/// A linear programme over probability distributions on 0/1 patterns with given marginals:
///
///     p_s ≥ 0,   Σ_s p_s·s_c = π_c for every coordinate c,
///
/// where every pattern `s` has the same number k of ones, so Σ_s p_s = Σ_c π_c / k = 1 follows from
/// the marginals. casesample uses it for the landing of the controlled rounding
/// (``ControlledRounding``): the coordinates are the fractional cells, the patterns the ways of giving
/// k of them their extra case, and the objectives the probabilities that each stratification variable
/// holds, maximised in priority order.
///
/// Method: the revised simplex method. It starts with Dantzig's rule (the largest reduced cost enters)
/// and, after ``blandAfter`` degenerate pivots in a row, switches to Bland's rule for the rest of the
/// optimisation (lowest-index improving pattern enters; ratio ties leave by lowest index, artificials
/// before patterns). It ends, in exact arithmetic: a pivot that raises the objective reaches a basis
/// with a higher objective than any before it, so there are finitely many of them; between two such
/// pivots there are at most ``blandAfter`` degenerate Dantzig pivots, and once Bland's rule is on it
/// cannot cycle (Bland 1977, "New finite pivoting rules for the simplex method", Mathematics of
/// Operations Research 2). In floating point, which could in principle cycle through rounding, every
/// optimisation is also bounded by ``pivotLimit`` pivots: past it the programme throws
/// ``Stop/pivotLimit(_:)``, leaving the last basis (a feasible one in phase two) for the caller's
/// recorded fallback, never a hang. Each iteration solves with the basis afresh by Gaussian elimination with partial
/// pivoting (at most 20 × 20 here), so rounding errors do not accumulate from pivot to pivot, and prices
/// the patterns from their bit masks without storing a tableau. Phase one starts from one artificial
/// variable per coordinate. Every step is a fixed sequence of IEEE 754 operations with fixed
/// tie-breaks, so the same input gives the same design on every machine.
///
/// Lexicographic optimisation (``maximise(_:)`` then ``restrictToOptimalFace(_:)``, objective after
/// objective) keeps, after each stage, only the patterns whose reduced cost is zero: by complementary
/// slackness the distributions on them that meet the marginals are exactly the optimal ones, so a
/// later objective is maximised without giving up anything on an earlier one.
struct PatternProgram {
    /// A candidate pattern: the coordinates that are 1, and which variables hold in it.
    struct Pattern: Equatable {
        var mask: UInt32
        /// Bit v is set when variable v keeps every category at its floor or ceiling.
        var holds: UInt32
        /// Position in the enumeration order, for deterministic merging and drawing.
        var order: Int
    }

    /// Zero, for reduced costs and pivots.
    static let tolerance = 1e-9
    /// Degenerate pivots in a row after which Bland's rule takes over.
    static let blandAfter = 30
    /// The pivots one optimisation may take by default. The landings of the tests and the shipped
    /// examples take a few dozen (at most 20 rows); this bound is only a guard against a cycle made by
    /// rounding errors.
    static let defaultPivotLimit = 5_000

    /// Why the simplex stopped before the optimum.
    enum Stop: Error, Equatable {
        /// One optimisation took this many pivots without reaching its optimum.
        case pivotLimit(Int)
    }

    /// The pivots one optimisation (phase one, or one ``maximise(_:stoppingAbove:)``) may take.
    var pivotLimit: Int
    /// Pivots taken so far, over every optimisation.
    private(set) var pivots = 0

    let targets: [Double]
    private(set) var patterns: [Pattern]
    /// Per row: a pattern index, or `-1 - row` for that row's artificial variable.
    private var basis: [Int]

    var rowCount: Int { targets.count }

    /// Sets up the programme and runs phase one; nil when no distribution on `patterns` has the
    /// marginals `targets`.
    ///
    /// - Throws: ``Stop/pivotLimit(_:)`` when phase one takes more than `pivotLimit` pivots.
    init?(patterns: [Pattern], targets: [Double], pivotLimit: Int = PatternProgram.defaultPivotLimit) throws(Stop) {
        self.targets = targets
        self.patterns = patterns
        self.pivotLimit = pivotLimit
        basis = targets.indices.map { -1 - $0 }
        // Phase one: maximise minus the sum of the artificials.
        try optimise(isPhaseOne: true) { _ in 0 }
        let values = basicValues()
        var artificial = 0.0
        for (row, index) in basis.enumerated() where index < 0 { artificial += values[row] }
        guard artificial <= 1e-9 else { return nil }
    }

    /// Maximises `objective` (a value per pattern; artificials stay at zero) from the current basis
    /// and returns the optimum.
    ///
    /// - Parameter enough: stop as soon as the objective exceeds this (for a search that only needs
    ///   a positive value); nil runs to the optimum.
    /// - Throws: ``Stop/pivotLimit(_:)`` after ``pivotLimit`` pivots; the basis is then the last one
    ///   reached, a feasible distribution that may not be optimal.
    @discardableResult
    mutating func maximise(_ objective: (Pattern) -> Double, stoppingAbove enough: Double? = nil) throws(Stop) -> Double {
        try optimise(stoppingAbove: enough, objective)
        let values = basicValues()
        var total = 0.0
        for (row, index) in basis.enumerated() where index >= 0 { total += values[row] * objective(patterns[index]) }
        return total
    }

    /// Keeps only the patterns that some optimal distribution for `objective` may use (reduced cost
    /// zero at the current optimal basis). Call right after ``maximise(_:)`` with the same objective.
    mutating func restrictToOptimalFace(_ objective: (Pattern) -> Double) {
        let prices = duals(objective)
        let isBasic = Set(basis.filter { $0 >= 0 })
        var newIndex = [Int](repeating: -1, count: patterns.count)
        var kept: [Pattern] = []
        for (j, pattern) in patterns.enumerated() where isBasic.contains(j) || reducedCost(pattern, objective, prices) >= -Self.tolerance {
            newIndex[j] = kept.count
            kept.append(pattern)
        }
        patterns = kept
        basis = basis.map { $0 < 0 ? $0 : newIndex[$0] }
    }

    /// The current basic solution: patterns with positive probability, in basis order.
    func solution() -> [(pattern: Pattern, weight: Double)] {
        let values = basicValues()
        return basis.indices.compactMap { row in
            basis[row] >= 0 && values[row] > 1e-13 ? (patterns[basis[row]], values[row]) : nil
        }
    }

    // MARK: - The simplex method

    private func column(_ index: Int) -> [Double] {
        var a = [Double](repeating: 0, count: rowCount)
        if index < 0 {
            a[-1 - index] = 1
        } else {
            let mask = patterns[index].mask
            for row in 0..<rowCount where mask & (1 << UInt32(row)) != 0 { a[row] = 1 }
        }
        return a
    }

    /// The basis matrix, column by column as rows of its transpose.
    private func basisMatrix() -> [[Double]] {
        let m = rowCount
        let columns = basis.map(column)
        return (0..<m).map { i in (0..<m).map { j in columns[j][i] } }
    }

    private func basicValues() -> [Double] {
        Self.solve(basisMatrix(), targets).map { abs($0) < 1e-14 ? 0 : $0 }
    }

    /// Prices y with Bᵀy = c_B.
    private func duals(_ objective: (Pattern) -> Double) -> [Double] {
        let b = basisMatrix()
        let transposed = (0..<rowCount).map { i in (0..<rowCount).map { j in b[j][i] } }
        let costs = basis.map { $0 < 0 ? 0 : objective(patterns[$0]) }
        return Self.solve(transposed, costs)
    }

    private func reducedCost(_ pattern: Pattern, _ objective: (Pattern) -> Double, _ prices: [Double]) -> Double {
        var d = objective(pattern)
        var mask = pattern.mask
        while mask != 0 {
            d -= prices[mask.trailingZeroBitCount]
            mask &= mask - 1
        }
        return d
    }

    /// Simplex iterations until no pattern improves `objective`: the pattern with the largest reduced
    /// cost enters (lowest index on ties) until ``blandAfter`` pivots in a row leave the objective
    /// unchanged, then, to the end, Bland's rule (the lowest-index improving pattern), which cannot
    /// cycle. In phase one the artificials cost −1 each; afterwards they cost nothing and any left in
    /// the basis stay at zero.
    ///
    /// - Throws: ``Stop/pivotLimit(_:)`` before a pivot beyond ``pivotLimit``; the basis is the last one.
    private mutating func optimise(isPhaseOne: Bool = false, stoppingAbove enough: Double? = nil, _ objective: (Pattern) -> Double) throws(Stop) {
        let m = rowCount
        var degenerate = 0
        var usesBland = false
        var taken = 0
        while true {
            let b = basisMatrix()
            let transposed = (0..<m).map { i in (0..<m).map { j in b[j][i] } }
            let costs = basis.map { $0 < 0 ? (isPhaseOne ? -1.0 : 0.0) : objective(patterns[$0]) }
            let prices = Self.solve(transposed, costs)
            let values = Self.solve(b, targets).map { abs($0) < 1e-14 ? 0 : $0 }
            if let enough {
                var value = 0.0
                for (row, index) in basis.enumerated() where index >= 0 { value += values[row] * objective(patterns[index]) }
                if value > enough { return }
            }
            var entering = -1
            var enteringCost = 0.0
            if usesBland {
                for j in patterns.indices {
                    let d = reducedCost(patterns[j], objective, prices)
                    if d > Self.tolerance { entering = j; enteringCost = d; break }
                }
            } else {
                var best = Self.tolerance
                for j in patterns.indices {
                    let d = reducedCost(patterns[j], objective, prices)
                    if d > best { best = d; entering = j }
                }
                enteringCost = best
            }
            guard entering >= 0 else { return }
            guard taken < pivotLimit else { throw .pivotLimit(taken) }
            taken += 1
            pivots += 1
            let direction = Self.solve(b, column(entering))
            var leaving = -1
            var bestRatio = Double.infinity
            var bestKey = Int.max
            for row in 0..<m {
                let w = direction[row]
                // A basic artificial must stay at zero, so it blocks any move that would change it.
                let ratio: Double
                if basis[row] < 0 && !isPhaseOne {
                    guard abs(w) > Self.tolerance else { continue }
                    ratio = 0
                } else {
                    guard w > Self.tolerance else { continue }
                    ratio = max(0, values[row]) / w
                }
                // Bland: smallest ratio, ties to the smallest variable (artificials first).
                let key = basis[row] < 0 ? -1 - basis[row] : m + basis[row]
                if ratio < bestRatio - 1e-12 || (abs(ratio - bestRatio) <= 1e-12 && key < bestKey) {
                    bestRatio = ratio
                    bestKey = key
                    leaving = row
                }
            }
            precondition(leaving >= 0, "the programme is bounded: probabilities are at most 1")
            // Degenerate: the objective does not rise (by more than rounding).
            degenerate = bestRatio * enteringCost <= 1e-12 ? degenerate + 1 : 0
            if degenerate >= Self.blandAfter { usesBland = true }
            basis[leaving] = entering
        }
    }

    /// Solves `a·x = b` (square, non-singular) by Gaussian elimination with partial pivoting.
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
        let n = rhs.count
        var a = matrix
        var b = rhs
        for k in 0..<n {
            var pivot = k
            for i in (k + 1)..<max(n, k + 1) where abs(a[i][k]) > abs(a[pivot][k]) { pivot = i }
            if pivot != k {
                a.swapAt(k, pivot)
                b.swapAt(k, pivot)
            }
            let p = a[k][k]
            precondition(p != 0, "the basis is non-singular")
            for i in (k + 1)..<max(n, k + 1) where a[i][k] != 0 {
                let f = a[i][k] / p
                for j in k..<n { a[i][j] -= f * a[k][j] }
                b[i] -= f * b[k]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            var s = b[k]
            for j in (k + 1)..<max(n, k + 1) { s -= a[k][j] * x[j] }
            x[k] = s / a[k][k]
        }
        return x
    }
}
