/// What a record says about itself, checked before the record is used: ``SealedRecord/sealProblem``
/// (its own digest), then counts that must agree with one another because casesample derives them
/// from one draw or one final sample. Each problem is one sentence naming the members that disagree.
/// `finalize`, `replace` and `verify` refuse a record with any problem, so that an edited `draw.json`
/// or `finalize.json` never produces a final sample (issue 15, items 6 and 11).

extension DrawRecord {
    /// The most substitutes per case a draw takes (`--substitutes`, or the spec's `substitutesPerCase`):
    /// the manual asks for one; the bound keeps the draw's time and memory to what the data needs.
    public static let maximumSubstitutesPerCase = 100

    /// Every disagreement in the record; empty when it is consistent.
    public var consistencyProblems: [String] {
        var problems: [String] = []
        if let seal = sealProblem { problems.append(seal) }
        func check(_ condition: Bool, _ problem: @autoclosure () -> String) {
            if !condition { problems.append(problem()) }
        }
        check(draw.algorithm == DrawResult.algorithm,
              "draw.algorithm is not \"\(DrawResult.algorithm)\", the only algorithm casesample draws with")
        check((1...DrawResult.algorithmVersion).contains(draw.algorithmVersion),
              "draw.algorithmVersion \(draw.algorithmVersion) is not a version casesample knows (1 to \(DrawResult.algorithmVersion))")
        check(draw.size >= 1, "draw.size \(draw.size) is not a sample size (at least 1)")
        check((0...Self.maximumSubstitutesPerCase).contains(draw.substitutesPerCase),
              "draw.substitutesPerCase \(draw.substitutesPerCase) is outside 0 to \(Self.maximumSubstitutesPerCase)")
        check(draw.sizeCalculation.isFromCommandLine || draw.sizeCalculation.sampleSize.map { $0 == draw.size } ?? true
                || draw.sizeCalculation.fixed.map { $0 == draw.size } ?? false,
              "draw.size \(draw.size) is not the size draw.sizeCalculation gives")
        let c = counts
        check([c.rowsRead, c.blankRowsSkipped, c.invalid, c.excluded, c.eligible].allSatisfy { $0 >= 0 },
              "counts holds a negative number")
        check(c.rowsRead == c.invalid &+ c.excluded &+ c.eligible,
              "counts.rowsRead \(c.rowsRead) is not invalid + excluded + eligible (\(c.invalid) + \(c.excluded) + \(c.eligible))")
        let byReason = c.excludedByReason.reduce(0) { $0 &+ $1.count }
        check(byReason == c.excluded, "counts.excludedByReason adds up to \(byReason), not counts.excluded \(c.excluded)")
        check(draw.size <= units.eligible, "draw.size \(draw.size) is more than the \(units.eligible) eligible cases (units.eligible)")
        let strataPopulation = strata.reduce(0) { $0 &+ $1.population }, strataSample = strata.reduce(0) { $0 &+ $1.sample }
        check(strataPopulation == units.eligible,
              "strata's populations add up to \(strataPopulation), not units.eligible \(units.eligible)")
        check(strataSample == draw.size, "strata's samples add up to \(strataSample), not draw.size \(draw.size)")
        for variable in variables {
            let population = variable.categories.reduce(0) { $0 &+ $1.population }
            let sample = variable.categories.reduce(0) { $0 &+ $1.sample }
            check(population == units.eligible,
                  "variables[\(variable.variable)]'s populations add up to \(population), not units.eligible \(units.eligible)")
            check(sample == draw.size, "variables[\(variable.variable)]'s samples add up to \(sample), not draw.size \(draw.size)")
        }
        let unitSample = units.perUnit.reduce(0) { $0 &+ $1.sample }
        check(units.perUnit.isEmpty || unitSample == draw.size,
              "units.perUnit's samples add up to \(unitSample), not draw.size \(draw.size)")
        check(units.perUnit.isEmpty || units.count == units.perUnit.count, "units.count \(units.count) is not the \(units.perUnit.count) units of units.perUnit")
        let most = draw.size.multipliedReportingOverflow(by: max(0, min(draw.substitutesPerCase, Self.maximumSubstitutesPerCase)))
        check(substitutes.listed >= 0 && (most.overflow || substitutes.listed <= most.partialValue),
              "substitutes.listed \(substitutes.listed) is more than draw.size × draw.substitutesPerCase")
        check(officerLimit.map { $0.limit >= 1 } ?? true, "officerLimit.limit is not at least 1")
        if let estimate = officerLimit?.inclusionProbabilities {
            check((1...OfficerLimitProbabilities.maximumRepetitions).contains(estimate.repetitions),
                  "officerLimit.inclusionProbabilities.repetitions \(estimate.repetitions) is outside 1 to \(OfficerLimitProbabilities.maximumRepetitions)")
            check(estimate.selectedCases.count == draw.size,
                  "officerLimit.inclusionProbabilities lists \(estimate.selectedCases.count) selected cases, not draw.size \(draw.size)")
            check(estimate.selectedCases.allSatisfy { $0.repetitions == estimate.repetitions && (0...1).contains($0.inclusionProbability) },
                  "officerLimit.inclusionProbabilities.selectedCases has a case whose repetitions or probability disagree with the estimate")
        }
        check(outputs.names.allSatisfy(DirectoryFile.isPlainName),
              "outputs names a file outside the draw directory (a name with '/' or '..')")
        return problems
    }
}

extension FinalizeRecord {
    /// Every disagreement in the record; empty when it is consistent.
    public var consistencyProblems: [String] {
        var problems: [String] = []
        if let seal = sealProblem { problems.append(seal) }
        func check(_ condition: Bool, _ problem: @autoclosure () -> String) {
            if !condition { problems.append(problem()) }
        }
        let finalizeEntries = history.filter { !$0.isReplace }.count
        check(history.first.map { !$0.isReplace } ?? false && finalizeEntries == 1,
              "history does not begin with the one finalize entry that made the final sample (\(history.count) entries, \(finalizeEntries) finalize)")
        let fieldwork = replacements.filter { $0.stage == Replacement.Stage.fieldwork.rawValue }.count
        check(fieldwork == fieldworkReplacements,
              "history records \(fieldworkReplacements) replace entries but replacements holds \(fieldwork) fieldwork replacements")
        let s = sample
        check([s.provisional, s.final, s.selected, s.substitutes, s.reserve, s.removed, s.shortfall].allSatisfy { $0 >= 0 },
              "sample holds a negative number")
        check(s.final == s.selected &+ s.substitutes,
              "sample.final \(s.final) is not selected + substitutes (\(s.selected) + \(s.substitutes))")
        check(s.final &+ s.shortfall == s.provisional,
              "sample.final + sample.shortfall (\(s.final) + \(s.shortfall)) is not sample.provisional \(s.provisional)")
        check(s.provisional == draw.provisional,
              "sample.provisional \(s.provisional) is not draw.provisional \(draw.provisional)")
        check(s.shortfall == shortfall.count, "sample.shortfall \(s.shortfall) is not the \(shortfall.count) entries of shortfall")
        check(outputs.names.allSatisfy(DirectoryFile.isPlainName),
              "outputs names a file outside the final-sample directory (a name with '/' or '..')")
        return problems
    }
}
