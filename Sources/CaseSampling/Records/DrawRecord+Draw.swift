extension DrawRecord {
    /// The generator and permanent random numbers, as the record states them.
    static let generatorDescription = "xoshiro256** seeded by SplitMix64; permanent random numbers SplitMix64(SplitMix64(seed) xor FNV-1a-64(case reference))"

    /// How the record's estimated inclusion probabilities under `--max-per-officer` were made.
    static let officerLimitMethod = "Monte Carlo of the design: the draw repeated with the same size, unit and officer options and no substitutes; repetition k uses the k-th output of SplitMix64(seed XOR 0x6F66666963657273); each repetition gives every case its inclusion probability given that repetition's quotas (x/M of its stratum-unit-officer entry after capping; 1 or 0, selected or not, where the augmenting-path fallback selected); inclusionProbability = their mean, standardError = their sample standard deviation / sqrt(repetitions)"
    /// What the record says of `--max-per-officer`.
    static let officerLimitNote = "cells' and units' counts are kept; when the limit binds, each stratum-and-unit quota is shared over its officers in proportion to their cases, an officer whose share exceeds the limit is scaled down to it and the rest given to the other cases of its strata and units, and the shares are rounded without bias; a case keeps the design's probability without the limit in draws where no officer's share exceeds the limit, otherwise cases of officers with many cases are less likely and the other cases of their strata and units more likely; inclusionProbabilities estimates each selected case's"

    /// The record of `result`.
    ///
    /// - Parameters:
    ///   - specBytes: the spec file as used (its digest is recorded).
    ///   - inputName: the long list's file name, without directories.
    ///   - inputSHA256: the long list's digest.
    ///   - sizeCalculation: how the size was set.
    ///   - requestedUnits: the `--units` entries as given; nil for all units.
    ///   - reference: the case reference of a row, as `provisional.csv` writes it.
    ///   - outputDigests: the digests of the outputs written before the record.
    ///   - specSource: where the spec came from (``SampleSpec/Source/recordValue``); nil records nothing.
    public init(
        result: DrawResult, specBytes: [UInt8], inputName: String, inputSHA256: String, toolVersion: String,
        sizeCalculation: SizeCalculation, requestedUnits: [String]?, reference: (Int) -> String, outputDigests: FileDigests,
        specSource: String? = nil
    ) {
        let population = result.population
        let list = population.list
        let n = result.request.size
        let total = population.eligibleCount

        func share(_ count: Int) -> Double { Double(count) / Double(total) }
        func expected(_ count: Int) -> Double { Double(n) * Double(count) / Double(total) }
        func withinRounding(_ sample: Int, _ count: Int) -> Bool {
            let floor = n * count / total
            return sample == floor || (n * count % total != 0 && sample == floor + 1)
        }

        let variables = population.variables.enumerated().map { v, variable in
            var counts = Array(repeating: 0, count: variable.categories.count)
            var samples = counts
            for cell in 0..<population.cellCount {
                let c = population.categories(ofCell: cell)[v]
                counts[c] += result.allocation.cellCounts[cell]
                samples[c] += result.cellSampleCounts[cell]
            }
            return Variable(variable: variable.role, categories: variable.categories.indices.map { c in
                Category(
                    category: variable.categories[c].code, label: variable.categories[c].label, population: counts[c],
                    share: share(counts[c]), expected: expected(counts[c]), sample: samples[c],
                    withinRounding: withinRounding(samples[c], counts[c]))
            })
        }
        let holding = result.variableHolding.filter(\.isWorthReporting).map { holding in
            Holding(
                variable: population.variables[holding.variable].role,
                designShare: holding.designShare.map { ($0 * 1e6).rounded() / 1e6 }, holdsInThisDraw: holding.holdsInThisDraw)
        }
        let relaxations = holding.map(Self.sentence) + (result.landingFallback.map { [Self.landingFallbackPrefix + $0] } ?? [])

        tool = .casesample(toolVersion)
        spec = SpecReference(name: population.spec.name, sha256: SHA256.hexDigest(specBytes), source: specSource)
        input = Input(
            file: inputName, sha256: inputSHA256, bytes: list.byteCount, encoding: list.encoding.rawValue,
            delimiter: String(UnicodeScalar(list.delimiter)))
        draw = Draw(
            seed: result.request.seed, size: n, sizeCalculation: sizeCalculation,
            substitutesPerCase: result.request.substitutesPerCase, algorithm: DrawResult.algorithm,
            algorithmVersion: DrawResult.algorithmVersion, generator: Self.generatorDescription)
        counts = Counts(
            rowsRead: population.rowCount, blankRowsSkipped: list.blankRowsSkipped, invalid: population.invalidCount,
            excluded: population.excludedCount,
            excludedByReason: population.reasons.map { ReasonCount(code: $0.code, reason: $0.text, count: $0.count) },
            eligible: total,
            footerRowsSkipped: list.footerRowsSkipped > 0 ? list.footerRowsSkipped : nil)
        rulesNotApplied = population.rulesNotApplied.map { RuleNotApplied(code: $0.rule.code, missingColumns: $0.missingColumns) }
        units = Self.units(result: result, requested: requestedUnits, reference: reference)
        proportional = Proportional(
            allVariablesWithinRounding: variables.allSatisfy { $0.categories.allSatisfy(\.withinRounding) },
            relaxations: relaxations, holding: holding)
        self.variables = variables
        officerLimit = result.officerLimit.map {
            OfficerLimit(
                limit: $0.limit, officersAtLimit: $0.officersAtLimit, casesChanged: $0.casesChanged, note: Self.officerLimitNote,
                binds: $0.binds,
                inclusionProbabilities: result.officerLimitProbabilities.map { estimate in
                    EstimatedProbabilities(
                        method: Self.officerLimitMethod, repetitions: estimate.repetitions,
                        selectedCases: result.selected.map { row in
                            EstimatedCase(
                                caseReference: reference(row), inclusionProbability: estimate.probability(row),
                                standardError: estimate.standardError(row), repetitions: estimate.repetitions)
                        })
                })
        }
        var substitutesByCell = [Int](repeating: 0, count: population.cellCount)
        for substitute in result.substitutes { substitutesByCell[population.cell(of: substitute.forRow)] += 1 }
        var shortByCell = [Int](repeating: 0, count: population.cellCount)
        for row in result.shortOfSubstitutes { shortByCell[population.cell(of: row)] += 1 }
        strata = (0..<population.cellCount).filter { result.allocation.cellCounts[$0] > 0 }.map { cell in
            let count = result.allocation.cellCounts[cell]
            return Stratum(
                stratum: population.cellName(cell), population: count, share: share(count), expected: expected(count),
                sample: result.cellSampleCounts[cell], substitutes: substitutesByCell[cell],
                casesShortOfSubstitutes: shortByCell[cell])
        }
        substitutes = Substitutes(
            listed: result.substitutes.count, fromNearestStratum: result.substitutes.filter { $0.source == .nearestCell }.count,
            selectedCasesShortOfSubstitutes: result.shortOfSubstitutes.map(reference))
        outputs = outputDigests
    }

    /// The units drawn from and the sample's spread over them.
    /// How a relaxation that records the landing's fallback (``DrawResult/landingFallback``) begins.
    static let landingFallbackPrefix = "landing fell back: "

    /// One sentence on a variable the design cannot always hold, or that this draw missed.
    static func sentence(_ holding: Holding) -> String {
        let design: String
        if let share = holding.designShare {
            design = share == 1
                ? "the design holds it in every draw"
                : "the design holds it in \(Format.percent(share)) of draws, the most the cells allow after the variables before it"
        } else {
            design = "the design's share of draws holding it is not worked out in advance (see casesample simulate)"
        }
        return "\(holding.variable): \(design); \(holding.holdsInThisDraw ? "held" : "missed") in this draw"
    }

    static func units(result: DrawResult, requested: [String]?, reference: (Int) -> String) -> Units {
        let population = result.population
        let spread = result.unitSpread
        let rule = !spread.balanced
            ? "none: each stratum's cases a simple random sample whatever their unit; each unit's sample proportional to eligible cases on average"
            : !result.minimumBinds
            ? "proportional to eligible cases, within one case where the stratification allows; lower priority than the stratification variables"
            : "proportional to eligible cases with at least minimumPerUnit per unit; each unit's cases drawn with probability expected / eligible"
        var selectedCases: [SelectedCase]?
        if result.minimumBinds {
            var probabilityOfUnit: [Int: Double] = [:]
            for (i, unit) in spread.units.enumerated() { probabilityOfUnit[unit] = spread.probability(i) }
            selectedCases = result.selected.map { row in
                SelectedCase(
                    caseReference: reference(row), unit: population.units[population.unit(of: row)].name,
                    inclusionProbability: probabilityOfUnit[population.unit(of: row)] ?? 0)
            }
        }
        return Units(
            selected: requested == nil ? "all" : "named", requested: requested, count: spread.units.count,
            eligible: population.eligibleCount, minimumPerUnit: result.request.minimumPerUnit, minimumBinds: result.minimumBinds,
            balanced: spread.balanced ? nil : false,
            spread: Spread(
                rule: rule, allWithinOne: spread.units.indices.allSatisfy(spread.isWithinOne),
                relaxedForOfficerLimit: spread.relaxed),
            perUnit: spread.units.indices.map { i in
                let unit = population.units[spread.units[i]]
                return UnitLine(
                    unit: unit.name, tier1: unit.tier1, tier2: unit.tier2, eligible: spread.eligible[i],
                    proportional: spread.proportional[i], expected: spread.expected[i], sample: spread.sample[i],
                    withinOne: spread.isWithinOne(i), inclusionProbability: spread.probability(i))
            },
            selectedCases: selectedCases)
    }
}
