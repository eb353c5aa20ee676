/// Inclusion probabilities under a binding `--max-per-officer`, estimated by a Monte Carlo of the design.
///
/// The limit *binds* when some responsible officer has more eligible cases than the limit; only then can
/// it change which cases are selected, and a case's probability may then differ from n/N (or its
/// unit's under `--min-per-unit`): the quotas vary from draw to draw, and with them the officers'
/// capping (``OfficerLimitRounding``). The design is run again `repetitions` times with the draw's
/// request (size, `--min-per-unit`, `--max-per-officer`, no substitutes): repetition k uses seed s_k,
/// the k-th output (k = 1, 2, …) of `SplitMix64(seed: seed XOR 0x6F66_6669_6365_7273)` (the ASCII of
/// "officers"), so the estimate is fixed by the draw's seed.
///
/// The estimate is Rao–Blackwellised: repetition k contributes, for each case, its inclusion
/// probability given that repetition's quotas, v_k = x_{g,o}/M_{g,o}, which the rounding knows
/// exactly (or 1 or 0, whether it was selected, in a repetition where the rounding could not place
/// the quotas and ``OfficerLimit`` selected instead). E[v_k] = π, so π̂ = Σ v_k / R is unbiased, with
/// standard error s/√R (s the sample standard deviation of the v_k). Where the limit changes little
/// the v_k hardly vary, so this is far more precise than hits/R; a case whose v_k are all equal has
/// standard error 0 (its probability is exact).
public struct OfficerLimitProbabilities: Sendable, Equatable {
    /// The repetitions `casesample draw` runs: on the example list (1,624 eligible cases, n = 120,
    /// `--max-per-officer 3`, seed 7) the draw takes about 2 s in a release build, and the selected
    /// cases' standard errors are 0.0001 to 0.0061 at π ≈ 0.074 (at most √(0.25/2,000) ≈ 0.011 for
    /// any π, the bound for values in [0, 1]).
    public static let drawRepetitions = 2_000

    /// The most repetitions a draw runs (`--officer-limit-repetitions`, and what `verify` accepts from a
    /// record), so that an edited record cannot make `verify` run for ever.
    public static let maximumRepetitions = 100_000

    /// What the seeds are XORed with.
    static let seedSalt: UInt64 = 0x6F66_6669_6365_7273

    public let repetitions: Int
    /// Per row of the population: v̄ = Σ v_k / R.
    let means: [Double]
    /// Per row of the population: Σ (v_k − v̄)², by Welford's update.
    let squaredDeviations: [Double]

    /// The estimated inclusion probability of `row`.
    public func probability(_ row: Int) -> Double { means[row] }

    /// The Monte Carlo standard error of ``probability(_:)``: s/√R, 0 for a single repetition.
    public func standardError(_ row: Int) -> Double {
        guard repetitions > 1 else { return 0 }
        return (squaredDeviations[row] / Double(repetitions - 1) / Double(repetitions)).squareRoot()
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
        var accumulator = Accumulator(rows: population.rowCount)
        for seed in seeds(for: request.seed, repetitions: repetitions) {
            let repeated = DrawRequest(
                size: request.size, seed: seed, substitutesPerCase: 0,
                minimumPerUnit: request.minimumPerUnit, maximumPerOfficer: request.maximumPerOfficer,
                balancesUnits: request.balancesUnits)
            accumulator.add(try DrawResult.draw(from: population, request: repeated, allocation: allocation))
        }
        return accumulator.estimate
    }

    /// Sums each row's v_k over repetitions (Welford's running mean and squared deviations).
    struct Accumulator {
        private var means: [Double], squaredDeviations: [Double]
        private var count = 0
        private var indicator: [Double]

        init(rows: Int) {
            means = [Double](repeating: 0, count: rows)
            squaredDeviations = means
            indicator = means
        }

        /// Adds one repetition: its conditional probabilities, or its selection where it has none.
        mutating func add(_ result: DrawResult) {
            count += 1
            let values: [Double]
            if let conditional = result.officerLimitConditionalProbabilities {
                values = conditional
            } else {
                for row in result.selected { indicator[row] = 1 }
                values = indicator
            }
            let n = Double(count)
            for row in means.indices {
                let delta = values[row] - means[row]
                means[row] += delta / n
                squaredDeviations[row] += delta * (values[row] - means[row])
            }
            if result.officerLimitConditionalProbabilities == nil {
                for row in result.selected { indicator[row] = 0 }
            }
        }

        /// Σ_k v_k(1 − v_k) for `row`: the variance of its hits given each repetition's quotas.
        func conditionalVariance(_ row: Int) -> Double {
            max(0, Double(count) * means[row] * (1 - means[row]) - squaredDeviations[row])
        }

        var estimate: OfficerLimitProbabilities {
            OfficerLimitProbabilities(
                repetitions: count, means: means, squaredDeviations: squaredDeviations)
        }
    }
}
