extension FinalizeRecord {
    /// The substitution rule of version 1, as its records state it.
    static let ruleTextVersion1 = "Each place whose case leaves goes to a substitute of the same stratum: the place's own substitutes by rank; then, in order of permanent random number, a reserve substitute in the same tier-2 unit, the same tier-1 unit, or anywhere. finalize gives every place its own substitute before any place takes another's. Substitutes marked excluded or unavailable are never used; each is used once."

    /// The substitution rule of version 2, as the record states it.
    static let ruleText = "Each stratum's places whose cases leave go to the reserve cases of the same stratum that come first in order of remaining random number: the permanent random number u rescaled above the largest number t the draw selected in the case's stratum and tier-2 unit, (u - t)/(1 - t), ties by the reference's hash. Units only pair the chosen cases with the places (same tier-2 unit, then tier-1 unit, then any). With --max-per-officer, cases whose officer is at the limit are passed over while the stratum has others. A stratum with no reserve left takes the place's own substitute from another stratum, else the place stays empty. Substitutes marked excluded or unavailable are never used; each is used once."

    /// The rule of version 2 for a draw that did not balance the units (`--no-unit-balance`).
    static let ruleTextUnbalanced = "Each stratum's places whose cases leave go to the reserve cases of the same stratum that come first in order of remaining random number: the permanent random number u rescaled above the largest number t the draw selected in the case's stratum (the draw did not balance the units), (u - t)/(1 - t), ties by the reference's hash. Units only pair the chosen cases with the places (same tier-2 unit, then tier-1 unit, then any). With --max-per-officer, cases whose officer is at the limit are passed over while the stratum has others. A stratum with no reserve left takes the place's own substitute from another stratum, else the place stays empty. Substitutes marked excluded or unavailable are never used; each is used once."

    /// What `equalProbability` states.
    static let guaranteeText = "Given the provisional sample, the cases that fill a stratum's places are a simple random sample of its really eligible unselected cases among those listed, when every place was filled from its stratum and no case was passed over for the officer limit. In a stratum whose cases are all in one tier-2 unit the draw's selection is then the stratum's lowest permanent random numbers, and the final cases are the lowest-numbered really eligible cases listed: a simple random sample of the stratum's really eligible cases, each with probability E[m]/E (m the stratum's sample count, E its really eligible cases) when the listed substitutes reach that far. Across tier-2 units of one stratum, the draw's unit spread makes probabilities only approximately equal."

    /// What `equalProbability` states when the draw did not balance the units (`--no-unit-balance`).
    static let guaranteeTextUnbalanced = "Given the provisional sample, the cases that fill a stratum's places are a simple random sample of its really eligible unselected cases among those listed, when every place was filled from its stratum and no case was passed over for the officer limit. The draw did not balance the units (--no-unit-balance), so its selection in each stratum is the stratum's lowest permanent random numbers, whatever their unit, and the final cases are the lowest-numbered really eligible cases listed: a simple random sample of the stratum's really eligible cases, each with probability E[m]/E (m the stratum's sample count, E its really eligible cases) when the listed substitutes reach that far."

    /// The record of `sample`.
    ///
    /// - Parameters:
    ///   - spec, draw, returned: what the final sample was made from; `replace` carries them unchanged.
    ///   - history: the history so far, ending with the action that made `sample`.
    ///   - outputs: the digests of the files written before the record.
    public init(
        sample: FinalSample, spec: SpecReference, draw: DrawReference, returned: Returned, history: [HistoryEntry],
        outputs: FileDigests, toolVersion: String
    ) {
        let members = sample.members
        let substitutes = members.filter { $0.status != "selected" }.count
        tool = .casesample(toolVersion)
        self.spec = spec
        self.draw = draw
        self.returned = returned
        if sample.ruleVersion >= 2 {
            rule = sample.unitsBalanced ? Self.ruleText : Self.ruleTextUnbalanced
            ruleVersion = sample.ruleVersion
            equalProbability = Self.equalProbability(sample)
        } else {
            rule = Self.ruleTextVersion1
        }
        self.sample = SampleCounts(
            provisional: sample.provisionalSize, final: members.count, selected: members.count - substitutes,
            substitutes: substitutes, reserve: sample.reserve.count, removed: sample.removed.count,
            shortfall: sample.shortfall.count)
        replacements = sample.replacements.map(ReplacementEntry.init)
        removedFromReserve = sample.removed.filter { $0.status == "reserve" }.map { removal in
            ReserveRemoval(
                caseReference: removal.drawn.reference, stratum: removal.drawn.stratum, reasonCode: removal.reason.code,
                reason: removal.reason.text, stage: removal.stage.rawValue)
        }
        shortfall = sample.shortfall.map { Shortfall(slot: $0.slot, stratum: $0.stratum, stage: $0.stage.rawValue) }
        proportions = Self.proportions(sample)
        marginOfError = Self.marginOfError(sample)
        self.outputs = outputs
        self.history = history
    }

    /// Per stratum, the places version 2 of the rule could not fill as it intends.
    static func equalProbability(_ sample: FinalSample) -> EqualProbability {
        var strata: [EqualProbability.Stratum] = []
        for replacement in sample.replacements {
            let anotherStratum = if case .anotherStratum = replacement.source { true } else { false }
            guard replacement.isShortfall || anotherStratum || replacement.overOfficerLimit || replacement.skippedForOfficerLimit > 0 else { continue }
            if !strata.contains(where: { $0.stratum == replacement.stratum }) {
                strata.append(.init(stratum: replacement.stratum, empty: 0, fromAnotherStratum: 0, skippedForOfficerLimit: 0, overOfficerLimit: 0))
            }
            let i = strata.firstIndex { $0.stratum == replacement.stratum }!
            if replacement.isShortfall { strata[i].empty += 1 }
            if anotherStratum { strata[i].fromAnotherStratum += 1 }
            if replacement.overOfficerLimit { strata[i].overOfficerLimit += 1 }
            strata[i].skippedForOfficerLimit += replacement.skippedForOfficerLimit
        }
        return EqualProbability(
            kept: strata.isEmpty, guarantee: sample.unitsBalanced ? guaranteeText : guaranteeTextUnbalanced, strata: strata)
    }

    /// Per variable and per stratum: the population, its share, the final sample's expected count at
    /// that share, and the provisional and final counts. `withinRounding` says whether the final count
    /// is the floor or the ceiling of the expected one.
    static func proportions(_ sample: FinalSample) -> Proportions {
        let shares = sample.shares
        let total = shares.total
        let n = sample.members.count
        let byLabel = shares.categoriesByStratumLabel()
        var finalByStratum: [String: Int] = [:]
        for member in sample.members {
            if let categories = byLabel[member.drawn.stratum] { finalByStratum[shares.code(of: categories), default: 0] += 1 }
        }
        func share(_ count: Int) -> Double? { total > 0 ? Double(count) / Double(total) : nil }
        func expected(_ count: Int) -> Double? { total > 0 ? Double(n) * Double(count) / Double(total) : nil }
        func withinRounding(_ sampled: Int, _ count: Int) -> Bool {
            guard total > 0 else { return false }
            let floor = n * count / total
            return sampled == floor || (n * count % total != 0 && sampled == floor + 1)
        }
        let codeIndex = Dictionary(byLabel.values.map { (shares.code(of: $0), $0) }, uniquingKeysWith: { a, _ in a })
        let variables = shares.variables.enumerated().map { v, variable in
            var provisional = Array(repeating: 0, count: variable.categories.count)
            var final = provisional
            for stratum in shares.strata {
                if let c = codeIndex[stratum.code]?[v] { provisional[c] += stratum.provisional }
            }
            for (code, count) in finalByStratum {
                if let c = codeIndex[code]?[v] { final[c] += count }
            }
            return Proportions.Variable(variable: variable.role, categories: variable.categories.indices.map { c in
                let category = variable.categories[c]
                return Proportions.Category(
                    category: category.code, label: category.label, population: category.population,
                    share: share(category.population), expected: expected(category.population), provisional: provisional[c],
                    final: final[c], withinRounding: withinRounding(final[c], category.population))
            })
        }
        let strata = shares.strata.map { stratum in
            Proportions.Stratum(
                stratum: stratum.code, label: codeIndex[stratum.code].map(shares.label(of:)) ?? stratum.code,
                population: stratum.population, share: share(stratum.population), expected: expected(stratum.population),
                provisional: stratum.provisional, final: finalByStratum[stratum.code] ?? 0)
        }
        return Proportions(
            population: total, finalSample: n,
            allVariablesWithinRounding: variables.allSatisfy { $0.categories.allSatisfy(\.withinRounding) },
            variables: variables, strata: strata)
    }

    /// The margin of error the provisional and final samples achieve for a proportion at the spec's
    /// confidence (80% and p = 0.5 when the spec sets a fixed size), with the finite population
    /// correction (``MarginOfError``; manual 4.2).
    static func marginOfError(_ sample: FinalSample) -> MarginOfErrorSummary {
        var confidence = 0.80, proportion = 0.5
        var target: Double?
        if case .marginOfError(let margin, let c, let p) = sample.spec.size {
            confidence = c
            proportion = p
            target = margin
        }
        let population = sample.shares.total
        func achieved(_ n: Int) -> MarginOfErrorSummary.Achieved {
            guard n >= 1, population >= n,
                  let e = try? MarginOfError.achieved(sampleSize: n, population: population, confidence: confidence, proportion: proportion)
            else { return .init(sample: n, margin: nil) }
            return .init(sample: n, margin: e)
        }
        return MarginOfErrorSummary(
            confidence: confidence, z: StandardNormal.zValue(confidence: confidence), proportion: proportion,
            population: population, target: target, provisional: achieved(sample.provisionalSize),
            final: achieved(sample.members.count), formula: "e = z sqrt(p (1 - p) / n) sqrt((N - n) / (N - 1))")
    }
}

extension FinalizeRecord.ReplacementEntry {
    /// The entry for `replacement` (its time, if any, is in the history, not here).
    init(_ replacement: Replacement) {
        self.init(
            stage: replacement.stage.rawValue, caseReference: replacement.reference, status: replacement.status,
            slot: replacement.slot, stratum: replacement.stratum, reasonCode: replacement.reason.code,
            reason: replacement.reason.text, officerUnavailable: replacement.officerUnavailable,
            substitute: replacement.substitute, source: replacement.source?.description,
            overOfficerLimit: replacement.overOfficerLimit, skippedForOfficerLimit: replacement.skippedForOfficerLimit)
    }
}

extension Replacement {
    /// The replacement an entry of `finalize.json` records.
    ///
    /// - Throws: ``RecordError`` when the stage or the source is not one this version writes.
    init(_ entry: FinalizeRecord.ReplacementEntry, file: String) throws(RecordError) {
        guard let stage = Stage(rawValue: entry.stage) else {
            throw RecordError(file: file, message: "a replacement has an unknown stage \"\(entry.stage)\"")
        }
        var source: SubstitutionRule.Source?
        if let description = entry.source {
            guard let parsed = SubstitutionRule.Source(description: description) else {
                throw RecordError(file: file, message: "a replacement has an unknown source \"\(description)\"")
            }
            source = parsed
        }
        self.init(
            stage: stage, time: nil, reference: entry.caseReference, status: entry.status, slot: entry.slot,
            stratum: entry.stratum, reason: ExclusionReasonText(code: entry.reasonCode, text: entry.reason),
            officerUnavailable: entry.officerUnavailable, substitute: entry.substitute, source: source,
            overOfficerLimit: entry.overOfficerLimit, skippedForOfficerLimit: entry.skippedForOfficerLimit)
    }
}

extension SubstitutionRule.Source {
    /// The source that ``description`` describes.
    init?(description: String) {
        let own = "own substitute, rank ", another = "own substitute from another stratum, rank "
        if description.hasPrefix(own), let rank = Int(description.dropFirst(own.count)) {
            self = .ownSubstitute(rank: rank)
            return
        }
        if description.hasPrefix(another), let rank = Int(description.dropFirst(another.count)) {
            self = .anotherStratum(rank: rank)
            return
        }
        guard let match = Self.unranked.first(where: { $0.description == description }) else { return nil }
        self = match
    }
}
