/// The short human summary `casesample draw` prints: population against sample per variable.
package enum DrawSummary {
    /// Whether every category held, and otherwise why not: a `(!)` line always comes with its reason.
    static func proportionalLines(result: DrawResult, record: DrawRecord) -> String {
        var out = ""
        let notes = record.proportional.relaxations.filter { !$0.hasPrefix(DrawRecord.landingFallbackPrefix) }
        if record.proportional.allVariablesWithinRounding {
            out += "\nEvery category got the floor or the ceiling of its expected count.\n"
            if !notes.isEmpty {
                out += "Not every variable can hold in every draw for this population (priority order kept):\n"
            }
        } else if let minimum = result.request.minimumPerUnit, result.minimumBinds {
            out += "\n(!) --min-per-unit \(minimum) puts the units first: the categories marked (!) are off the floor or ceiling of their expected count.\n"
        } else {
            out += "\n(!) Not every variable can be held to the floor or ceiling in every draw for this population:\n"
        }
        for note in notes { out += "    \(note)\n" }
        if let fallback = result.landingFallback {
            out += "(!) The landing is not the exact optimum here: \(fallback) (recorded in draw.json).\n"
        }
        return out
    }

    package static func text(result: DrawResult, record: DrawRecord, directory: String, files: [String] = OutputFiles.draw) -> String {
        let population = result.population
        var out = "Drew \(Format.count(result.request.size)) of \(Format.count(population.eligibleCount)) eligible cases "
        out += "from \(population.list.file) (spec \(population.spec.name), seed \(result.request.seed)).\n"
        out += "Rows read \(Format.count(population.rowCount)): eligible \(Format.count(population.eligibleCount)), "
        out += "excluded \(Format.count(population.excludedCount)), invalid \(Format.count(population.invalidCount)).\n"
        let calculation = record.draw.sizeCalculation
        if !calculation.isFromCommandLine, let z = calculation.z, let n0 = calculation.n0 {
            out += "Size from the spec: n0 = z²p(1−p)/e² = \(Format.twoDecimals(n0)) (z = \(Format.twoDecimals(z))), with the finite population correction → "
            if let unbounded = calculation.unboundedSize, unbounded != result.request.size {
                out += "\(unbounded), brought within the spec's bounds (\(calculation.minimum.map(String.init) ?? "none") to \(calculation.maximum.map(String.init) ?? "none")) → "
            }
            out += "\(result.request.size).\n"
        }
        if let period = record.period {
            out += "Period: \(period.from) to \(period.to) (\(period.column); fieldwork starts \(period.fieldworkStart)"
            if let weeks = period.windowWeeks { out += "; --window-weeks \(weeks)" }
            if let shift = period.shiftWeeks { out += "; moved \(abs(shift)) week\(abs(shift) == 1 ? "" : "s") \(shift > 0 ? "later" : "earlier")" }
            out += ")"
            if let reserveTo = period.reserveTo { out += "; substitutes from the reserve to \(reserveTo)" }
            out += ".\n"
        }
        if let margin = calculation.censusMargin, let confidence = calculation.confidence {
            out += "Census: the window holds \(Format.count(result.request.size)) eligible case\(result.request.size == 1 ? "" : "s"), all of them in the sample; "
            out += "for findings generalised over time they give a margin of error of ±\(Format.twoDecimals(margin * 100)) percentage points at \(Format.trimmed(confidence * 100, digits: 1))% confidence (p = 0.5, no finite population correction).\n"
        }
        out += "\n"
        var table = TextTable(headers: ["Variable", "Category", "Population", "Share", "Expected", "Sample"],
                              alignments: [.left, .left, .right, .right, .right, .right])
        for variable in record.variables {
            for (i, category) in variable.categories.enumerated() {
                table.append([
                    i == 0 ? variable.variable : "", category.label, Format.count(category.population),
                    Format.percent(category.share), Format.twoDecimals(category.expected),
                    "\(category.sample)\(category.withinRounding ? "" : " (!)")",
                ])
            }
        }
        out += table.rendered()
        out += proportionalLines(result: result, record: record)
        out += unitLines(result: result)
        let nearest = result.substitutes.filter { $0.source == .nearestCell }.count
        out += "Substitutes: \(result.substitutes.count) listed"
        out += nearest > 0 ? " (\(nearest) from a nearest stratum, as its own had run out)" : ""
        out += result.shortOfSubstitutes.isEmpty ? ".\n" : "; \(result.shortOfSubstitutes.count) selected cases have fewer than asked for.\n"
        if !population.rulesNotApplied.isEmpty {
            out += "Rules not applied (the long list lacks their columns): "
            out += population.rulesNotApplied.map { "\($0.rule.code) (\($0.missingColumns.joined(separator: ", ")))" }.joined(separator: "; ") + ".\n"
        }
        for problem in population.list.problems where problem.severity == .warning { out += "\(problem)\n" }
        for warning in population.warnings { out += "Warning: \(warning)\n" }
        for problem in population.list.problems where problem.kind == .footerRow { out += "Warning: \(problem)\n" }
        out += "Wrote \(files.map { "\(directory)/\($0)" }.joined(separator: ", ")).\n"
        return out
    }

    /// The units drawn from, and how the sample spread over them.
    static func unitLines(result: DrawResult) -> String {
        let population = result.population
        let spread = result.unitSpread
        var out = ""
        if let selected = population.selectedUnits {
            let names = selected.prefix(8).map { population.units[$0].name }.joined(separator: ", ")
            let outside = population.reasons.last { $0.code == Population.unitNotSelected.code }?.count ?? 0
            out += "Units: \(selected.count) selected (\(names)\(selected.count > 8 ? ", …" : "")) with \(Format.count(population.eligibleCount)) eligible cases; "
            out += "\(Format.count(outside)) eligible cases in other units are not sampled.\n"
        } else {
            out += "Units: all \(spread.units.count) tier-2 units with eligible cases.\n"
        }
        let off = spread.units.indices.filter { !spread.isWithinOne($0) }
        if let minimum = result.request.minimumPerUnit {
            let probabilities = spread.units.indices.map(spread.probability)
            let (low, high) = (probabilities.min() ?? 0, probabilities.max() ?? 0)
            if !result.minimumBinds {
                out += "At least \(minimum) per unit: every unit's share is large enough for the proportional design to give it \(minimum) in every draw; "
                out += "every case's inclusion probability is \(Format.probability(low)).\n"
            } else {
                out += "At least \(minimum) per unit: inclusion probabilities by unit range from \(Format.probability(low)) "
                out += "to \(Format.probability(high)) (draw.json lists each selected case's).\n"
            }
        }
        if spread.relaxed {
            out += "(!) The spread over units was given up to meet --max-per-officer.\n"
        }
        if !spread.balanced {
            out += "No unit balance (--no-unit-balance): each stratum's cases are a simple random sample whatever their unit, so each unit's "
            out += "sample is its proportional share on average only (\(spread.units.count - off.count) of \(spread.units.count) units got the floor or the ceiling of it this time).\n"
        } else if off.isEmpty {
            out += "Every unit got the floor or the ceiling of its \(result.minimumBinds ? "target" : "proportional share").\n"
        } else {
            let what = result.minimumBinds ? "target" : "proportional share"
            out += "(!) \(off.count) unit\(off.count == 1 ? "" : "s") not within one case of the \(what): "
            out += off.prefix(8).map { "\(population.units[spread.units[$0]].name) \(spread.sample[$0]) (\(what) \(Format.twoDecimals(spread.expected[$0])))" }
                .joined(separator: ", ") + (off.count > 8 ? ", …" : "") + ".\n"
        }
        if let limit = result.officerLimit {
            out += "At most \(limit.limit) case\(limit.limit == 1 ? "" : "s") per responsible officer: \(limit.officersAtLimit) officer\(limit.officersAtLimit == 1 ? " is" : "s are") at the limit; "
            out += "\(limit.casesChanged) selected case\(limit.casesChanged == 1 ? "" : "s") differ from the draw without it.\n"
            if let estimate = result.officerLimitProbabilities {
                let probabilities = result.selected.map(estimate.probability)
                out += "(!) The limit binds, so inclusion probabilities can differ from the design's without it: each selected case's, estimated from "
                out += "\(Format.count(estimate.repetitions)) repetitions of the design, is in provisional.csv (InclusionProbability) and draw.json "
                out += "(selected cases \(Format.probability(probabilities.min() ?? 0)) to \(Format.probability(probabilities.max() ?? 0))"
                out += result.minimumBinds ? ").\n" : "; n/N = \(Format.probability(Double(result.request.size) / Double(population.eligibleCount)))).\n"
            }
        }
        return out
    }
}
