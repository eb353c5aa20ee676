/// Inclusion probabilities under a binding `--max-per-officer`, estimated by a Monte Carlo of the design.
///
/// The limit *binds* when some responsible officer has more eligible cases than the limit; only then can
/// it change which cases are selected, and a case's probability is then no longer n/N (or its unit's
/// under `--min-per-unit`) and has no closed form. The design is run again `repetitions` times with the
/// draw's request (size, `--min-per-unit`, `--max-per-officer`, no substitutes): repetition k uses seed
/// s_k, the k-th output (k = 1, 2, …) of `SplitMix64(seed: seed XOR 0x6F66_6669_6365_7273)` (the ASCII
/// of "officers"), so the estimate is fixed by the draw's seed. A case's estimate is π̂ = hits/R with
/// standard error √(π̂(1 − π̂)/R).
public struct OfficerLimitProbabilities: Sendable, Equatable {
    /// The repetitions `casesample draw` runs: on the example list (1,624 eligible cases, n = 120,
    /// `--max-per-officer 3`) the draw takes about 2 s in a release build, and the standard errors
    /// are about 0.006 at π ≈ 0.074 (at most √(0.25/2,000) ≈ 0.011 for any π).
    public static let drawRepetitions = 2_000

    /// The most repetitions a draw runs (`--officer-limit-repetitions`, and what `verify` accepts from a
    /// record), so that an edited record cannot make `verify` run for ever.
    public static let maximumRepetitions = 100_000

    /// What the seeds are XORed with.
    static let seedSalt: UInt64 = 0x6F66_6669_6365_7273

    public let repetitions: Int
    /// Per row of the population: the repetitions that selected it.
    let hits: [Int]

    /// The estimated inclusion probability of `row`.
    public func probability(_ row: Int) -> Double { Double(hits[row]) / Double(repetitions) }

    /// The Monte Carlo standard error of ``probability(_:)``.
    public func standardError(_ row: Int) -> Double {
        let p = probability(row)
        return (p * (1 - p) / Double(repetitions)).squareRoot()
    }

    /// Whether `limit` can change the selection: some officer has more eligible cases than it.
    static func binds(population: Population, limit: Int) -> Bool {
        guard let role = population.spec.responsibleOfficer, let column = population.list.column(role) else { return false }
        var count: [String: Int] = [:]
        for row in 0..<population.rowCount where population.isEligible(row) {
            let key = ValueMatching.key(column.values[column.code(of: row)].value)
            guard !key.isEmpty else { continue }
            count[key, default: 0] += 1
            if count[key]! > limit { return true }
        }
        return false
    }

    /// The seeds of the repetitions for a draw with `seed`.
    public static func seeds(for seed: UInt64, repetitions: Int) -> [UInt64] {
        var generator = SplitMix64(seed: seed ^ seedSalt)
        return (0..<repetitions).map { _ in generator.next() }
    }

    /// Runs the design `repetitions` times (see the type's description).
    ///
    /// - Throws: the draw's errors.
    static func estimate(
        population: Population, request: DrawRequest, allocation: Allocation, repetitions: Int
    ) throws(DrawError) -> OfficerLimitProbabilities {
        var hits = [Int](repeating: 0, count: population.rowCount)
        for seed in seeds(for: request.seed, repetitions: repetitions) {
            let repeated = DrawRequest(
                size: request.size, seed: seed, substitutesPerCase: 0,
                minimumPerUnit: request.minimumPerUnit, maximumPerOfficer: request.maximumPerOfficer)
            for row in try DrawResult.draw(from: population, request: repeated, allocation: allocation).selected { hits[row] += 1 }
        }
        return OfficerLimitProbabilities(repetitions: repetitions, hits: hits)
    }
}
