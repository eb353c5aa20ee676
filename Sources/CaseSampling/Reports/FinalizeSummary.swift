/// The short human summaries `casesample finalize` and `casesample replace` print.
///
/// The finalize summary gives counts only; the replace summary names the case replaced and the
/// substitute promoted, which the user asked about by reference. Neither shows other cells.
package enum FinalizeSummary {
    /// What `finalize` made: the returned list's rows and columns, who left and why, how places were
    /// filled, any empty place, the proportions, the margin of error and the files written.
    package static func finalizeText(sample: FinalSample, match: ReturnedList.Match, record: FinalizeRecord, drawDirectory: String,
                                    returnedFile: String, directory: String, files: [String]) -> String {
        let returned = record.returned
        var out = "Final sample of \(Format.count(sample.members.count)) cases from the draw in \(drawDirectory) (spec \(sample.spec.name)) "
        out += "and the returned list \(returnedFile).\n"
        out += "Returned list: \(Format.count(returned.rows)) rows (\(returned.encoding)): "
        out += "\(Format.count(match.provisionalFound)) of \(Format.count(sample.provisionalSize)) provisional cases"
        out += match.provisionalMissing > 0 ? " (\(match.provisionalMissing) missing, kept)" : ""
        out += ", \(Format.count(match.substitutesFound)) substitutes.\n"
        let columns = returned.columns
        out += "Columns used: \"\(columns.caseReference)\" (case reference), "
        out += "\(columns.exclusion.map { "\"\($0)\"" } ?? "none") (exclusion), \(columns.availability.map { "\"\($0)\"" } ?? "none") (officer availability).\n"
        for (header, what) in [(columns.exclusion, "exclusion"), (columns.availability, "officer-availability")] where header == nil {
            out += "Warning: the returned list has no \(what) column, so no case left the sample for that; check that the organisation did not name it otherwise.\n"
        }

        let leaving = sample.replacements.filter { $0.stage == .returnedList }
        let unusable = sample.removed.filter { $0.status == "reserve" }
        out += "Left the sample: \(leaving.count) provisional case\(leaving.count == 1 ? "" : "s")"
        out += unusable.isEmpty ? ".\n" : "; \(unusable.count) substitute\(unusable.count == 1 ? "" : "s") marked too, so not used.\n"
        if !leaving.isEmpty || !unusable.isEmpty {
            var reasons: [ExclusionReasonText] = []
            for reason in leaving.map(\.reason) + unusable.map(\.reason) where !reasons.contains(reason) { reasons.append(reason) }
            var table = TextTable(headers: ["Reason", "Provisional", "Substitutes", ""], alignments: [.left, .right, .right, .left])
            for reason in reasons {
                table.append([reason.code, String(leaving.filter { $0.reason == reason }.count),
                              String(unusable.filter { $0.reason == reason }.count), reason.text])
            }
            out += "\n" + table.rendered() + "\n"
        }
        let filled = leaving.filter { !$0.isShortfall }
        func count(_ source: SubstitutionRule.Source) -> Int { filled.filter { $0.source == source }.count }
        if sample.ruleVersion >= 2 {
            let inStratum = SubstitutionRule.UnitRelation.allCases.map { count(.nextInStratum($0)) }
            out += "Replaced \(filled.count): \(inStratum.reduce(0, +)) by the next case of the same stratum in random-number order "
            out += "(same tier-2 unit \(inStratum[0]), same tier-1 unit \(inStratum[1]), another tier-1 unit \(inStratum[2]))"
            let another = filled.count - inStratum.reduce(0, +)
            out += another > 0 ? ", \(another) from another stratum.\n" : ".\n"
        } else {
            let own = filled.filter { if case .ownSubstitute = $0.source { true } else { false } }.count
            out += "Replaced \(filled.count): \(own) by their own substitute, \(filled.count - own) by another of the same stratum "
            out += "(same tier-2 unit \(count(.sameTier2Unit)), same tier-1 unit \(count(.sameTier1Unit)), elsewhere \(count(.sameStratum))).\n"
        }
        out += officerLimitText(sample, leaving.filter(\.overOfficerLimit).count)
        out += shortfallText(sample)
        out += equalProbabilityText(record)
        out += proportionsText(record)
        out += marginText(record)
        out += "Reserve: \(Format.count(sample.reserve.count)) substitutes left.\n"
        out += "Wrote \(files.map { "\(directory)/\($0)" }.joined(separator: ", ")).\n"
        return out
    }

    /// What `replace` did: the case replaced and its substitute, the sample and reserve sizes, whether
    /// the proportions still hold (with the table when they do not), the margin and the history entry.
    package static func replaceText(sample: FinalSample, replacement: Replacement, record: FinalizeRecord, directory: String) -> String {
        var out = "Replaced \(replacement.reference) (\(replacement.status)) "
        if let substitute = replacement.substitute, let source = replacement.source {
            out += "with \(substitute) (\(source.description))"
        } else {
            out += "with nobody: no substitute of its stratum (\(replacement.stratum)) was left, so its place is empty"
        }
        out += "; reason: \(replacement.reason.code) (\(replacement.reason.text)).\n"
        out += officerLimitText(sample, replacement.overOfficerLimit ? 1 : 0)
        out += equalProbabilityText(record)
        out += "Final sample: \(Format.count(sample.members.count)) cases; reserve: \(Format.count(sample.reserve.count)) substitutes left.\n"
        out += shortfallText(sample)
        if record.proportions.allVariablesWithinRounding {
            out += "Every category of the final sample is still the floor or the ceiling of its expected count.\n"
        } else {
            out += proportionsText(record)
        }
        out += marginText(record)
        out += "Recorded in \(directory)/finalize.json (history entry \(record.history.count), \(replacement.time ?? "")).\n"
        return out
    }

    /// A warning when `count` substitutes took their officer over the draw's `--max-per-officer`.
    static func officerLimitText(_ sample: FinalSample, _ count: Int) -> String {
        guard count > 0, let limit = sample.officerLimit else { return "" }
        return "(!) \(count) substitute\(count == 1 ? "" : "s") took \(count == 1 ? "its" : "their") officer over the draw's --max-per-officer \(limit): "
            + "no substitute of the stratum with an officer under the limit was left (finalize.json marks \(count == 1 ? "it" : "them") overOfficerLimit).\n"
    }

    /// Under version 2 of the rule: whether every stratum kept equal probability among its really
    /// eligible cases, and what each stratum that did not could not keep.
    static func equalProbabilityText(_ record: FinalizeRecord) -> String {
        guard let equal = record.equalProbability else { return "" }
        guard !equal.kept else {
            return "Equal probability within each stratum kept: every place was filled by the next case of its own stratum "
                + (record.draw.unitsBalanced == false
                    ? "(exactly: the draw did not balance the units; finalize.json, equalProbability.guarantee).\n"
                    : "(exactly within a tier-2 unit, nearly across units: finalize.json, equalProbability.guarantee).\n")
        }
        var out = "(!) Equal probability within a stratum not kept for \(equal.strata.count) stratum\(equal.strata.count == 1 ? "" : "s") (finalize.json, equalProbability):\n"
        for stratum in equal.strata {
            var what: [String] = []
            if stratum.empty > 0 { what.append("\(stratum.empty) place\(stratum.empty == 1 ? "" : "s") empty, its reserve ran out") }
            if stratum.fromAnotherStratum > 0 { what.append("\(stratum.fromAnotherStratum) filled from another stratum, its reserve ran out") }
            if stratum.skippedForOfficerLimit > 0 { what.append("\(stratum.skippedForOfficerLimit) passed over for --max-per-officer") }
            if stratum.overOfficerLimit > 0 { what.append("\(stratum.overOfficerLimit) over --max-per-officer") }
            out += "  \(stratum.stratum): \(what.joined(separator: "; ")).\n"
        }
        return out
    }

    static func shortfallText(_ sample: FinalSample) -> String {
        let short = sample.shortfall
        guard !short.isEmpty else { return "" }
        var strata: [String] = []
        for replacement in short where !strata.contains(replacement.stratum) { strata.append(replacement.stratum) }
        return "(!) \(short.count) place\(short.count == 1 ? " is" : "s are") empty: no substitute of \(short.count == 1 ? "its" : "their") stratum was left (\(strata.joined(separator: "; "))).\n"
    }

    static func proportionsText(_ record: FinalizeRecord) -> String {
        var table = TextTable(headers: ["Variable", "Category", "Population", "Share", "Expected", "Provisional", "Final"],
                              alignments: [.left, .left, .right, .right, .right, .right, .right])
        for variable in record.proportions.variables {
            for (i, category) in variable.categories.enumerated() {
                table.append([
                    i == 0 ? variable.variable : "", category.label, Format.count(category.population),
                    Format.percent(category.share ?? 0), Format.twoDecimals(category.expected ?? 0), String(category.provisional),
                    "\(category.final)\(category.withinRounding ? "" : " (!)")",
                ])
            }
        }
        var out = "\n" + table.rendered() + "\n"
        if record.proportions.allVariablesWithinRounding {
            out += "Every category of the final sample is the floor or the ceiling of its expected count.\n"
        } else {
            out += "(!) Some categories of the final sample miss the floor or ceiling of their expected count.\n"
        }
        return out
    }

    static func marginText(_ record: FinalizeRecord) -> String {
        let margin = record.marginOfError
        let level = margin.confidence * 100
        let confidence = level == level.rounded() ? "\(Int(level))%" : Format.percent(level / 100)
        var out = "Margin of error at \(confidence) confidence (finite population correction, N = \(Format.count(margin.population))): "
        if let e = margin.final.margin {
            out += "±\(Format.twoDecimals(e * 100)) points with \(Format.count(margin.final.sample)) cases"
        } else {
            out += "none (no cases)"
        }
        if let target = margin.target { out += " (the spec's target: ±\(Format.twoDecimals(target * 100)))" }
        return out + ".\n"
    }
}
