/// Finds a probability distribution over given 0/1 patterns whose marginals equal given targets:
/// p ≥ 0, Σ p_s = 1, Σ_s p_s·s_c = π_c for every c.
///
/// Phase one of the simplex method on a dense tableau with one artificial variable per row, Bland's
/// rule against cycling. The problem sizes here are small (≤ 21 rows, ≤ about 200,000 columns).
enum SimplexFeasibility {
    /// The weights of the patterns (summing to 1), or nil when no distribution has these marginals.
    ///
    /// - Parameters:
    ///   - patterns: each pattern lists, per coordinate, whether it is 1.
    ///   - targets: the wanted marginal of each coordinate.
    static func solve(patterns: [[Bool]], targets: [Double], tolerance: Double = 1e-9) -> [Double]? {
        let columns = patterns.count
        let rows = targets.count + 1
        guard columns > 0 else { return nil }
        let width = columns + rows + 1  // patterns, artificials, right-hand side
        var t = [Double](repeating: 0, count: rows * width)
        for (j, pattern) in patterns.enumerated() {
            for (i, bit) in pattern.enumerated() where bit { t[i * width + j] = 1 }
            t[(rows - 1) * width + j] = 1
        }
        for i in 0..<rows {
            t[i * width + columns + i] = 1
            t[i * width + width - 1] = i < rows - 1 ? targets[i] : 1
        }
        var basis = (0..<rows).map { columns + $0 }
        // Reduced costs of phase one: minimise the sum of artificials.
        var cost = [Double](repeating: 0, count: width)
        for i in 0..<rows {
            for j in 0..<width { cost[j] -= t[i * width + j] }
        }
        for i in 0..<rows { cost[columns + i] = 0 }
        var iterations = 0
        while iterations < 100_000 {
            iterations += 1
            // Bland: the lowest-index column with a negative reduced cost enters.
            guard let entering = (0..<(width - 1)).first(where: { cost[$0] < -tolerance }) else { break }
            var leaving = -1
            var best = Double.infinity
            for i in 0..<rows {
                let a = t[i * width + entering]
                if a > tolerance {
                    let ratio = t[i * width + width - 1] / a
                    if ratio < best - tolerance || (abs(ratio - best) <= tolerance && leaving >= 0 && basis[i] < basis[leaving]) {
                        best = ratio
                        leaving = i
                    }
                }
            }
            guard leaving >= 0 else { return nil }
            let pivot = t[leaving * width + entering]
            for j in 0..<width { t[leaving * width + j] /= pivot }
            for i in 0..<rows where i != leaving {
                let factor = t[i * width + entering]
                if factor != 0 {
                    for j in 0..<width { t[i * width + j] -= factor * t[leaving * width + j] }
                }
            }
            let factor = cost[entering]
            for j in 0..<width { cost[j] -= factor * t[leaving * width + j] }
            basis[leaving] = entering
        }
        // Feasible when the artificials sum to zero.
        var artificial = 0.0
        var weights = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            let value = t[i * width + width - 1]
            if basis[i] >= columns { artificial += value } else { weights[basis[i]] = max(0, value) }
        }
        guard artificial < 1e-7 else { return nil }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        let normalised = weights.map { $0 / total }
        // Check the marginals.
        for (c, target) in targets.enumerated() {
            var sum = 0.0
            for (j, pattern) in patterns.enumerated() where pattern[c] { sum += normalised[j] }
            if abs(sum - target) > 1e-7 { return nil }
        }
        return normalised
    }
}
