/// The record of a final sample, `finalize.json`: what was replaced and why, how the final sample's
/// proportions compare with the eligible population, the margin of error it achieves, and an
/// append-only history.
///
/// `finalize` writes no time or path into it, so the same draw and returned list give the same bytes
/// anywhere; only the history entries that `replace` appends carry a time.
public enum FinalizeRecord {
    /// The rule, as the record states it.
    static let rule = "Each place whose case leaves goes to a substitute of the same stratum: the place's own substitutes by rank; then, in order of permanent random number, a reserve substitute in the same tier-2 unit, the same tier-1 unit, or anywhere. finalize gives every place its own substitute before any place takes another's. Substitutes marked excluded or unavailable are never used; each is used once."

    static func make(sample: FinalSample, outputs: [(name: String, bytes: [UInt8])], toolVersion: String) -> JSONValue {
        let members = sample.members
        let substitutes = members.filter { $0.status != "selected" }.count
        var record: [(String, JSONValue)] = [("tool", .object([("name", "casesample"), ("version", .string(toolVersion))]))]
        record += sample.context
        record += [
            ("rule", .string(rule)),
            ("sample", .object([
                ("provisional", .int(sample.provisionalSize)), ("final", .int(members.count)),
                ("selected", .int(members.count - substitutes)), ("substitutes", .int(substitutes)),
                ("reserve", .int(sample.reserve.count)), ("removed", .int(sample.removed.count)),
                ("shortfall", .int(sample.shortfall.count)),
            ])),
            ("replacements", .array(sample.replacements.map(json))),
            ("removedFromReserve", .array(sample.removed.filter { $0.status == "reserve" }.map { removal in
                .object([
                    ("case", .string(removal.drawn.reference)), ("stratum", .string(removal.drawn.stratum)),
                    ("reasonCode", .string(removal.reason.code)), ("reason", .string(removal.reason.text)),
                    ("stage", .string(removal.stage.rawValue)),
                ])
            })),
            ("shortfall", .array(sample.shortfall.map { replacement in
                .object([
                    ("slot", .string(replacement.slot)), ("stratum", .string(replacement.stratum)),
                    ("stage", .string(replacement.stage.rawValue)),
                ])
            })),
            ("proportions", proportions(sample)),
            ("marginOfError", marginOfError(sample)),
            ("outputs", .object(outputs.map { ($0.name, .object([("sha256", .string(SHA256.hexDigest($0.bytes)))])) })),
            ("history", .array(sample.history)),
        ]
        return .object(record)
    }

    static func json(_ replacement: Replacement) -> JSONValue {
        // The time of a fieldwork replacement is in its history entry only.
        var members: [(String, JSONValue)] = [("stage", .string(replacement.stage.rawValue))]
        members += [
            ("case", .string(replacement.reference)), ("status", .string(replacement.status)), ("slot", .string(replacement.slot)),
            ("stratum", .string(replacement.stratum)), ("reasonCode", .string(replacement.reason.code)),
            ("reason", .string(replacement.reason.text)), ("officerUnavailable", .bool(replacement.officerUnavailable)),
            ("substitute", replacement.substitute.map(JSONValue.string) ?? .null),
            ("source", replacement.source.map { .string($0.description) } ?? .null),
        ]
        if replacement.overOfficerLimit { members.append(("overOfficerLimit", true)) }
        return .object(members)
    }

    /// Per variable and per stratum: the population, its share, the final sample's expected count at
    /// that share, and the provisional and final counts. `withinRounding` says whether the final count
    /// is the floor or the ceiling of the expected one.
    static func proportions(_ sample: FinalSample) -> JSONValue {
        let shares = sample.shares
        let total = shares.total
        let n = sample.members.count
        let byLabel = shares.categoriesByStratumLabel()
        var finalByStratum: [String: Int] = [:]
        for member in sample.members {
            if let categories = byLabel[member.drawn.stratum] { finalByStratum[shares.code(of: categories), default: 0] += 1 }
        }
        func share(_ count: Int) -> JSONValue { total > 0 ? .double(Double(count) / Double(total)) : .null }
        func expected(_ count: Int) -> JSONValue { total > 0 ? .double(Double(n) * Double(count) / Double(total)) : .null }
        func withinRounding(_ sampled: Int, _ count: Int) -> Bool {
            guard total > 0 else { return false }
            let floor = n * count / total
            return sampled == floor || (n * count % total != 0 && sampled == floor + 1)
        }
        let codeIndex = Dictionary(byLabel.values.map { (shares.code(of: $0), $0) }, uniquingKeysWith: { a, _ in a })
        var allWithin = true
        let variables: [JSONValue] = shares.variables.enumerated().map { v, variable in
            var provisional = Array(repeating: 0, count: variable.categories.count)
            var final = provisional
            for stratum in shares.strata {
                if let c = codeIndex[stratum.code]?[v] { provisional[c] += stratum.provisional }
            }
            for (code, count) in finalByStratum {
                if let c = codeIndex[code]?[v] { final[c] += count }
            }
            return .object([
                ("variable", .string(variable.role)),
                ("categories", .array(variable.categories.indices.map { c in
                    let category = variable.categories[c]
                    let within = withinRounding(final[c], category.population)
                    allWithin = allWithin && within
                    return .object([
                        ("category", .string(category.code)), ("label", .string(category.label)),
                        ("population", .int(category.population)), ("share", share(category.population)),
                        ("expected", expected(category.population)), ("provisional", .int(provisional[c])),
                        ("final", .int(final[c])), ("withinRounding", .bool(within)),
                    ])
                })),
            ])
        }
        let strata: [JSONValue] = shares.strata.map { stratum in
            .object([
                ("stratum", .string(stratum.code)),
                ("label", .string(codeIndex[stratum.code].map(shares.label(of:)) ?? stratum.code)),
                ("population", .int(stratum.population)), ("share", share(stratum.population)),
                ("expected", expected(stratum.population)), ("provisional", .int(stratum.provisional)),
                ("final", .int(finalByStratum[stratum.code] ?? 0)),
            ])
        }
        return .object([
            ("population", .int(total)), ("finalSample", .int(n)), ("allVariablesWithinRounding", .bool(allWithin)),
            ("variables", .array(variables)), ("strata", .array(strata)),
        ])
    }

    /// The margin of error the provisional and final samples achieve for a proportion at the spec's
    /// confidence (80% and p = 0.5 when the spec sets a fixed size), with the finite population
    /// correction (``MarginOfError``; manual 4.2).
    static func marginOfError(_ sample: FinalSample) -> JSONValue {
        var confidence = 0.80, proportion = 0.5
        var target: JSONValue = .null
        if case .marginOfError(let margin, let c, let p) = sample.spec.size {
            confidence = c
            proportion = p
            target = .double(margin)
        }
        let population = sample.shares.total
        func margin(_ n: Int) -> JSONValue {
            guard n >= 1, population >= n,
                  let e = try? MarginOfError.achieved(sampleSize: n, population: population, confidence: confidence, proportion: proportion)
            else { return .null }
            return .double(e)
        }
        return .object([
            ("confidence", .double(confidence)), ("z", .double(StandardNormal.zValue(confidence: confidence))),
            ("proportion", .double(proportion)), ("population", .int(population)), ("target", target),
            ("provisional", .object([("sample", .int(sample.provisionalSize)), ("margin", margin(sample.provisionalSize))])),
            ("final", .object([("sample", .int(sample.members.count)), ("margin", margin(sample.members.count))])),
            ("formula", "e = z sqrt(p (1 - p) / n) sqrt((N - n) / (N - 1))"),
        ])
    }
}
