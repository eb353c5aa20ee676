/// The audit record of a draw, `draw.json`: enough to re-run it and to check what it gave.
///
/// It holds no time or path, so that the same input, spec and seed give the same bytes anywhere.
public enum DrawRecord {
    static func make(
        result: DrawResult, specBytes: [UInt8], inputName: String, inputSHA256: String, toolVersion: String,
        sizeCalculation: JSONValue, requestedUnits: [String]?, reference: (Int) -> String, shortOfSubstitutes: [String],
        outputDigests: [(name: String, sha256: String)]
    ) -> JSONValue {
        let population = result.population
        let list = population.list
        let n = result.request.size
        let total = population.eligibleCount

        func share(_ count: Int) -> JSONValue { .double(Double(count) / Double(total)) }
        func expected(_ count: Int) -> JSONValue { .double(Double(n) * Double(count) / Double(total)) }
        func withinRounding(_ sample: Int, _ count: Int) -> Bool {
            let floor = n * count / total
            return sample == floor || (n * count % total != 0 && sample == floor + 1)
        }

        var variables: [JSONValue] = []
        for (v, variable) in population.variables.enumerated() {
            var counts = Array(repeating: 0, count: variable.categories.count)
            var samples = counts
            for cell in 0..<population.cellCount {
                let c = population.categories(ofCell: cell)[v]
                counts[c] += result.allocation.cellCounts[cell]
                samples[c] += result.cellSampleCounts[cell]
            }
            variables.append(.object([
                ("variable", .string(variable.role)),
                ("categories", .array(variable.categories.indices.map { c in
                    .object([
                        ("category", .string(variable.categories[c].code)), ("label", .string(variable.categories[c].label)),
                        ("population", .int(counts[c])), ("share", share(counts[c])), ("expected", expected(counts[c])),
                        ("sample", .int(samples[c])), ("withinRounding", .bool(withinRounding(samples[c], counts[c]))),
                    ])
                })),
            ]))
        }
        let strata: [JSONValue] = (0..<population.cellCount).filter { result.allocation.cellCounts[$0] > 0 }.map { cell in
            .object([
                ("stratum", .string(population.cellName(cell))), ("population", .int(result.allocation.cellCounts[cell])),
                ("share", share(result.allocation.cellCounts[cell])), ("expected", expected(result.allocation.cellCounts[cell])),
                ("sample", .int(result.cellSampleCounts[cell])),
            ])
        }
        let relaxations: [JSONValue] = result.relaxations.map { relaxation in
            switch relaxation {
            case .withinOne(let v): .string("\(population.variables[v].role): may miss its floor or ceiling by one case")
            case .dropped(let v): .string("\(population.variables[v].role): not balanced")
            }
        }
        return .object([
            ("tool", .object([("name", "casesample"), ("version", .string(toolVersion))])),
            ("spec", .object([("name", .string(population.spec.name)), ("file", "spec.json"), ("sha256", .string(SHA256.hexDigest(specBytes)))])),
            ("input", .object([
                ("file", .string(inputName)), ("sha256", .string(inputSHA256)), ("bytes", .int(list.byteCount)),
                ("encoding", .string(list.encoding.rawValue)), ("delimiter", .string(String(UnicodeScalar(list.delimiter)))),
            ])),
            ("draw", .object([
                ("seed", .int(Int(truncatingIfNeeded: result.request.seed))), ("size", .int(n)), ("sizeCalculation", sizeCalculation),
                ("substitutesPerCase", .int(result.request.substitutesPerCase)),
                ("algorithm", .string(DrawResult.algorithm)), ("algorithmVersion", .int(DrawResult.algorithmVersion)),
                ("generator", "xoshiro256** seeded by SplitMix64; permanent random numbers SplitMix64(SplitMix64(seed) xor FNV-1a-64(case reference))"),
            ])),
            ("counts", .object([
                ("rowsRead", .int(population.rowCount)), ("blankRowsSkipped", .int(list.blankRowsSkipped)),
                ("invalid", .int(population.invalidCount)), ("excluded", .int(population.excludedCount)),
                ("excludedByReason", .array(population.reasons.map { .object([("code", .string($0.code)), ("reason", .string($0.text)), ("count", .int($0.count))]) })),
                ("eligible", .int(total)),
            ])),
            ("rulesNotApplied", .array(population.rulesNotApplied.map {
                .object([("code", .string($0.rule.code)), ("missingColumns", .array($0.missingColumns.map(JSONValue.string)))])
            })),
            ("units", units(result: result, requested: requestedUnits, reference: reference)),
            ("proportional", .object([
                ("allVariablesWithinRounding", .bool(relaxations.isEmpty && variables.allSatisfy { v in
                    v["categories"]?.arrayValue?.allSatisfy { $0["withinRounding"]?.boolValue == true } ?? false })),
                ("relaxations", .array(relaxations)),
            ])),
            ("variables", .array(variables)),
        ] + officerLimit(result) + [
            ("strata", .array(strata)),
            ("substitutes", .object([
                ("listed", .int(result.substitutes.count)),
                ("fromNearestStratum", .int(result.substitutes.filter { $0.source == .nearestCell }.count)),
                ("selectedCasesShortOfSubstitutes", .array(shortOfSubstitutes.map(JSONValue.string))),
            ])),
            ("outputs", .object(outputDigests.map { ($0.name, .object([("sha256", .string($0.sha256))])) })),
        ])
    }

    /// The units drawn from and the sample's spread over them.
    static func units(result: DrawResult, requested: [String]?, reference: (Int) -> String) -> JSONValue {
        let population = result.population
        let spread = result.unitSpread
        var fields: [(String, JSONValue)] = [
            ("selected", requested == nil ? "all" : "named"),
            ("requested", requested.map { .array($0.map(JSONValue.string)) } ?? .null),
            ("count", .int(spread.units.count)),
            ("eligible", .int(population.eligibleCount)),
            ("minimumPerUnit", result.request.minimumPerUnit.map(JSONValue.int) ?? .null),
            ("minimumBinds", .bool(result.minimumBinds)),
            ("spread", .object([
                ("rule", .string(!result.minimumBinds
                    ? "proportional to eligible cases, within one case where the stratification allows; lower priority than the stratification variables"
                    : "proportional to eligible cases with at least minimumPerUnit per unit; each unit's cases drawn with probability expected / eligible")),
                ("allWithinOne", .bool(spread.units.indices.allSatisfy(spread.isWithinOne))),
                ("relaxedForOfficerLimit", .bool(spread.relaxed)),
            ])),
            ("perUnit", .array(spread.units.indices.map { i in
                let unit = population.units[spread.units[i]]
                return .object([
                    ("unit", .string(unit.name)), ("tier1", .string(unit.tier1)), ("tier2", .string(unit.tier2)),
                    ("eligible", .int(spread.eligible[i])), ("proportional", .double(spread.proportional[i])),
                    ("expected", .double(spread.expected[i])), ("sample", .int(spread.sample[i])),
                    ("withinOne", .bool(spread.isWithinOne(i))), ("inclusionProbability", .double(spread.probability(i))),
                ])
            })),
        ]
        if result.minimumBinds {
            var probabilityOfUnit: [Int: Double] = [:]
            for (i, unit) in spread.units.enumerated() { probabilityOfUnit[unit] = spread.probability(i) }
            fields.append(("selectedCases", .array(result.selected.map { row in
                .object([
                    ("case", .string(reference(row))), ("unit", .string(population.units[population.unit(of: row)].name)),
                    ("inclusionProbability", .double(probabilityOfUnit[population.unit(of: row)] ?? 0)),
                ])
            })))
        }
        return .object(fields)
    }

    /// What `--max-per-officer` changed, when it was given.
    static func officerLimit(_ result: DrawResult) -> [(String, JSONValue)] {
        guard let outcome = result.officerLimit else { return [] }
        return [("officerLimit", .object([
            ("limit", .int(outcome.limit)), ("officersAtLimit", .int(outcome.officersAtLimit)),
            ("casesChanged", .int(outcome.casesChanged)),
            ("note", "cells' and units' counts are kept; cases of officers who would otherwise exceed the limit are less likely to be selected than n/N"),
        ]))]
    }
}
