/// `casesample specs` (the built-in specs, one line each) and `casesample specs NAME` (one spec in
/// plain words: the columns a long list needs with the header names accepted, the exclusion rules,
/// the strata, the units balanced over, the period and the size).
package enum SpecExplanation {
    /// One line a spec: its name and title.
    package static func list(_ specs: [SampleSpec]) -> String {
        let width = specs.map(\.name.count).max() ?? 0
        var out = "Built-in specs (casesample specs NAME explains one; --spec NAME uses it):\n\n"
        for spec in specs {
            out += "  " + spec.name + String(repeating: " ", count: width - spec.name.count + 2) + spec.title + "\n"
        }
        return out
    }

    /// `spec` in plain words.
    package static func text(_ spec: SampleSpec) -> String {
        var out = "\(spec.name): \(spec.title)\n"
        out += "\nColumns the long list needs (header names are matched ignoring case, spaces and punctuation):\n"
        for column in spec.columns {
            let role = column.kind == .caseReference ? "\(column.role) (case reference)" : column.role
            var line = "  \(role)\(column.isRequired ? "" : " (optional)"): \(column.aliases.map { "\"\($0)\"" }.joined(separator: ", "))"
            if column.kind == .date { line += "; a date" }
            if column.kind == .list { line += "; a list separated by \"\(column.separator)\"" }
            out += line + "\n"
        }
        if let period = spec.period {
            out += "\nPeriod: cases whose \(period.column) is \(describe(period.length)) from \(describe(period.start)) before the first day of fieldwork (draw --fieldwork-start); others are excluded as \(period.code)"
            if let weeks = period.reserveWeeks {
                out += ", but for the \(describe(.weeks(weeks))) after the period, whose cases are excluded as \(SamplePeriod.reserveCode) and listed only as substitutes"
            }
            out += ".\n"
        }
        out += "\nExcluded, first matching rule first:\n"
        if spec.rules.isEmpty { out += "  (no rules)\n" }
        for rule in spec.rules {
            out += "  \(rule.code): \(rule.reason)\n"
        }
        out += "\nStratified by, highest priority first (each category keeps its share to the nearest case):\n"
        for role in spec.stratification {
            let categories = spec.declaredCategories(of: role)
            out += "  \(role): " + (categories.isEmpty ? "each value found in the long list" : categories.map(\.label).joined(separator: ", "))
            if let derived = spec.derivedVariable(role) {
                out += " (derived from \(derived.columns.joined(separator: " and ")): "
                out += derived.categories.map { $0.when == nil ? "\($0.label) otherwise" : "\($0.label) when \(describe($0.when!))" }
                    .joined(separator: "; ") + ")"
            }
            out += "\n"
        }
        out += "\nBalanced over units, after the strata: \(spec.tier1Unit) (tier 1) and \(spec.tier2Unit) (tier 2).\n"
        out += "\nSize: "
        switch spec.size {
        case .fixed(let n)?: out += "\(n) cases"
        case .marginOfError(let margin, let confidence, let proportion)?:
            out += "enough for ±\(Format.trimmed(margin * 100, digits: 2)) points at \(Format.trimmed(confidence * 100, digits: 1))% confidence (p = \(Format.trimmed(proportion, digits: 2)), finite population correction)"
        case .census(let confidence)?:
            out += "every eligible case (a census; the summary gives the margin of error it allows at \(Format.trimmed(confidence * 100, digits: 1))% confidence)"
        case nil: out += "set with --size"
        }
        if let bounds = spec.sizeBounds {
            switch (bounds.minimum, bounds.maximum) {
            case (let low?, let high?): out += ", between \(low) and \(high) cases"
            case (let low?, nil): out += ", at least \(low) cases"
            case (nil, let high?): out += ", at most \(high) cases"
            case (nil, nil): break
            }
        }
        out += "; \(spec.substitutesPerCase) substitute\(spec.substitutesPerCase == 1 ? "" : "s") per case.\n"
        return out
    }

    /// A condition in plain words, such as `gender is male and rosh is low`.
    static func describe(_ predicate: Predicate) -> String {
        switch predicate {
        case .equals(let c, let v): "\(c) is \(v)"
        case .isIn(let c, let vs): "\(c) is \(vs.joined(separator: " or "))"
        case .isEmpty(let c, let empty): "\(c) is \(empty ? "" : "not ")blank"
        case .allItemsIn(let c, let items): "every item of \(c) is \(items.joined(separator: " or "))"
        case .anyItemIn(let c, let items): "an item of \(c) is \(items.joined(separator: " or "))"
        case .withinDaysAfter(let c, let other, let days): "\(c) is within \(days) days after \(other)"
        case .dateBetween(let c, let from, let to): "\(c) is from \(from ?? "any date") to \(to ?? "any date")"
        case .all(let ps): ps.map(describe).joined(separator: " and ")
        case .any(let ps): "(" + ps.map(describe).joined(separator: " or ") + ")"
        case .not(let p): "not (\(describe(p)))"
        }
    }

    static func describe(_ offset: SamplePeriod.Offset) -> String {
        switch offset {
        case .weeks(let n): "\(n) week\(n == 1 ? "" : "s")"
        case .months(let n): "\(n) month\(n == 1 ? "" : "s")"
        }
    }
}
