/// The units' expected sample sizes when every unit must give at least `minimum` cases
/// (`--min-per-unit`).
///
/// Each unit gets `λ·N_u`, clamped to `[minimum, N_u]`, with the one `λ` that makes the targets sum to
/// the sample size: the usual proportional allocation with a floor. Found by fixing the units that
/// fall below the floor (then those above their size) and sharing the rest proportionally, until
/// nothing moves. A unit's cases are then drawn with probability `target / N_u`.
enum MinimumPerUnit {
    /// - Parameters:
    ///   - eligible: `N_u` of each selected unit.
    ///   - names: the units' names, for errors.
    /// - Throws: ``DrawError/minimumPerUnitUnmet(_:)`` when a unit has fewer eligible cases than the
    ///   minimum, or the minimum times the number of units exceeds the sample size.
    static func targets(eligible: [Int], names: [String], size: Int, minimum: Int) throws(DrawError) -> [Double] {
        let short = eligible.indices.filter { eligible[$0] < minimum }
        if !short.isEmpty {
            let listed = short.prefix(10).map { "\(names[$0]) (\(eligible[$0]))" }.joined(separator: ", ")
            throw .minimumPerUnitUnmet("--min-per-unit \(minimum) cannot be met: \(short.count) selected unit\(short.count == 1 ? " has" : "s have") fewer eligible cases than that: \(listed)\(short.count > 10 ? ", …" : ""); leave \(short.count == 1 ? "it" : "them") out with --units or lower the minimum")
        }
        guard minimum * eligible.count <= size else {
            throw .minimumPerUnitUnmet("--min-per-unit \(minimum) cannot be met: \(eligible.count) units × \(minimum) = \(minimum * eligible.count) cases, more than the sample of \(size)")
        }
        enum Bound { case free, atMinimum, atSize }
        var bound = [Bound](repeating: .free, count: eligible.count)
        var targets = [Double](repeating: 0, count: eligible.count)
        for _ in 0...(2 * eligible.count) {
            var rest = Double(size), pool = 0.0
            for u in eligible.indices {
                switch bound[u] {
                case .free: pool += Double(eligible[u])
                case .atMinimum: rest -= Double(minimum)
                case .atSize: rest -= Double(eligible[u])
                }
            }
            let lambda = pool > 0 ? rest / pool : 0
            var changed = false
            for u in eligible.indices {
                switch bound[u] {
                case .free: targets[u] = lambda * Double(eligible[u])
                case .atMinimum: targets[u] = Double(minimum)
                case .atSize: targets[u] = Double(eligible[u])
                }
            }
            // Fix the units below the floor first; only when none is below, those above their size.
            let below = eligible.indices.filter { bound[$0] == .free && targets[$0] < Double(minimum) - 1e-12 }
            if !below.isEmpty {
                for u in below { bound[u] = .atMinimum }
                changed = true
            } else {
                let above = eligible.indices.filter { bound[$0] == .free && targets[$0] > Double(eligible[$0]) + 1e-12 }
                for u in above { bound[u] = .atSize }
                changed = !above.isEmpty
            }
            if !changed { break }
        }
        // The free units' shares are λ·N_u in floating point; the last free unit takes what is left, so
        // that the targets sum to the size exactly and the table rounding meets a whole total.
        if let last = eligible.indices.last(where: { bound[$0] == .free }) {
            targets[last] = Double(size) - targets.indices.filter { $0 != last }.reduce(0) { $0 + targets[$1] }
        }
        return targets
    }
}
