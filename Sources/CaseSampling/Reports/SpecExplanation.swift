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
            out += "\nPeriod: cases whose \(period.column) is \(describe(period.length)) from \(describe(period.start)) before the first day of fieldwork (draw --fieldwork-start); others are excluded as \(period.code).\n"
        }
        out += "\nExcluded, first matching rule first:\n"
        if spec.rules.isEmpty { out += "  (no rules)\n" }
        for rule in spec.rules {
            out += "  \(rule.code): \(rule.reason)\n"
        }
        out += "\nStratified by, highest priority first (each category keeps its share to the nearest case):\n"
        for role in spec.stratification {
            let scheme = spec.columns.first { $0.role == role }?.scheme.flatMap { spec.schemes[$0] }
            out += "  \(role): \((scheme?.categories ?? []).map(\.label).joined(separator: ", "))\n"
        }
        out += "\nBalanced over units, after the strata: \(spec.tier1Unit) (tier 1) and \(spec.tier2Unit) (tier 2).\n"
        out += "\nSize: "
        switch spec.size {
        case .fixed(let n)?: out += "\(n) cases"
        case .marginOfError(let margin, let confidence, let proportion)?:
            out += "enough for ±\(Format.trimmed(margin * 100, digits: 2)) points at \(Format.trimmed(confidence * 100, digits: 1))% confidence (p = \(Format.trimmed(proportion, digits: 2)), finite population correction)"
        case nil: out += "set with --size"
        }
        out += "; \(spec.substitutesPerCase) substitute\(spec.substitutesPerCase == 1 ? "" : "s") per case.\n"
        return out
    }

    static func describe(_ offset: SamplePeriod.Offset) -> String {
        switch offset {
        case .weeks(let n): "\(n) week\(n == 1 ? "" : "s")"
        case .months(let n): "\(n) month\(n == 1 ? "" : "s")"
        }
    }
}
