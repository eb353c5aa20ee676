/// The text `casesample simulate` prints: each guarantee of the design next to what the repeated
/// draws measured.
package enum SimulationSummary {
    package static func text(_ simulation: Simulation) -> String {
        let population = simulation.population
        let k = simulation.draws
        var out = "Simulated \(Format.count(k)) draws of \(Format.count(simulation.size)) from \(Format.count(population.eligibleCount)) eligible cases "
        out += "of \(population.list.file) (spec \(population.spec.name), seeds \(simulation.firstSeed) to \(simulation.firstSeed &+ UInt64(k - 1))).\n\n"

        // Inclusion probabilities.
        let rates = zip(simulation.hits, simulation.stated).map { (Double($0.0) / Double(k), $0.1) }
        let lowest = rates.map(\.0).min() ?? 0, highest = rates.map(\.0).max() ?? 0
        let (chi, df) = simulation.chiSquare
        let kind = simulation.officerLimitBinds ? "under the officer limit" : "by unit"
        out += "Inclusion probability: stated \(describe(simulation.stated, varying: kind)); measured per case \(Format.probability(lowest)) to \(Format.probability(highest)).\n"
        out += "  chi-square of hits against the stated probabilities: \(Format.twoDecimals(chi)) on \(df) degrees of freedom "
        let z = wilsonHilferty(chi, df)
        out += "(z = \(z < 0 ? "-" : "")\(Format.twoDecimals(abs(z))); |z| above 3 means the stated probabilities do not fit).\n"
        if let limit = simulation.officerLimit {
            if simulation.officerLimitBinds {
                out += "  --max-per-officer \(limit) binds: the stated probabilities are the design's with the limit, each case's mean over these draws of its "
                out += "probability given the draw's quotas (as draw.json records them; n/N = \(Format.probability(Double(simulation.size) / Double(population.eligibleCount)))); "
                out += "taken from the same draws, the chi-square checks the selection within the quotas, each case's term divided by the variance of its hits given the quotas.\n"
            } else {
                out += "  --max-per-officer \(limit) does not bind (no officer has more than \(limit) eligible cases): the stated probabilities are the design's.\n"
            }
        }

        // Variables.
        out += "\n"
        var table = TextTable(headers: ["Variable", "Design share", "Held in draws", "Share"], alignments: [.left, .right, .right, .right])
        for variable in simulation.variables {
            table.append([
                variable.role, variable.designShare.map(Format.percent) ?? "not worked out",
                "\(Format.count(variable.held)) of \(Format.count(k))", Format.percent(Double(variable.held) / Double(k)),
            ])
        }
        out += table.rendered()

        // Units.
        out += "\n"
        var units = TextTable(headers: ["Unit", "Expected", "Floor or ceiling in draws", "Share"], alignments: [.left, .right, .right, .right])
        for unit in simulation.units {
            units.append([unit.name, Format.twoDecimals(unit.expected), "\(Format.count(unit.withinOne)) of \(Format.count(k))", Format.percent(Double(unit.withinOne) / Double(k))])
        }
        out += units.rendered()
        if !simulation.unitsBalanced {
            out += "No unit balance (--no-unit-balance): each unit's sample is its proportional share on average only.\n"
        }

        // Pairs.
        out += "\n"
        let never = simulation.neverTogether
        if let pairs = never.pairs {
            out += "Pairs of cases never selected together: \(Format.count(never.total)) of \(Format.count(pairs)) (\(Format.percent(Double(never.total) / Double(max(pairs, 1))))).\n"
            if simulation.unitsBalanced {
                out += "  same stratum and unit: \(Format.count(never.sameCellAndUnit)) (their group's count is at most 1 in every draw seen)\n"
                out += "  same stratum, different units: \(Format.count(never.sameCell)) (the stratum's count is spread over units by controlled rounding)\n"
            } else {
                out += "  same stratum: \(Format.count(never.sameCell)) (no unit balance: the stratum's count is at most 1 in every draw seen, or a joint probability below about 3/\(Format.count(k)) not yet seen)\n"
            }
            out += "  different strata: \(Format.count(never.differentCells)) (no design holding the variables as often as possible gives both strata their extra case, or a joint probability below about 3/\(Format.count(k)) not yet seen)\n"
        } else {
            out += "Pairs were not counted: more than \(Format.count(Simulation.pairLimit)) eligible cases.\n"
        }
        return out
    }

    /// The stated probabilities: one value, or their range and what they vary with.
    static func describe(_ stated: [Double], varying kind: String) -> String {
        guard let low = stated.min(), let high = stated.max() else { return "none" }
        return low == high ? "n/N = \(Format.probability(low))" : "\(Format.probability(low)) to \(Format.probability(high)) (\(kind))"
    }

    /// The Wilson–Hilferty normal approximation of a χ² statistic with `df` degrees of freedom.
    static func wilsonHilferty(_ chi: Double, _ df: Int) -> Double {
        let d = Double(df)
        let cube = (chi / d)
        return (cube.cubeRoot - (1 - 2 / (9 * d))) / (2 / (9 * d)).squareRoot()
    }
}

extension Double {
    /// The real cube root, by Newton's method from a fixed start (no libm), for display only.
    fileprivate var cubeRoot: Double {
        guard self > 0 else { return 0 }
        var x = Swift.max(self, 1)
        for _ in 0..<200 { x = (2 * x + self / (x * x)) / 3 }
        return x
    }
}
