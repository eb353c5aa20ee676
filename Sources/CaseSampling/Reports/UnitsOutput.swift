/// How `casesample units` shows a ``UnitsReport``: as terminal tables, as CSV and as JSON.
///
/// All three carry the same lines in the same order. Units are labelled by name, `(blank)` for a blank
/// name; a tier-1 subtotal has tier-2 `(all)`, the rows whose unit cannot be read are `(unknown unit)`,
/// and the grand total is `Total`.
package enum UnitsOutput {
    /// The label of a blank unit name.
    package static let blankLabel = "(blank)"
    /// The tier-2 label of subtotal and total lines.
    package static let allLabel = "(all)"
    /// The label of rows whose unit cannot be read.
    package static let unknownLabel = "(unknown unit)"
    /// The tier-1 label of the grand total.
    package static let totalLabel = "Total"
    /// How many exclusion reasons the terminal table shows in columns of their own; the rest are summed
    /// in `Other` (unless only one more reason would be left).
    static let reasonColumns = 3

    /// The tier-1 and tier-2 labels of a line, as the CSV writes them.
    package static func labels(_ line: UnitsReport.Line) -> (tier1: String, tier2: String) {
        func name(_ value: String) -> String { value.isEmpty ? blankLabel : value }
        switch line.kind {
        case .unit: return (name(line.tier1), name(line.tier2))
        case .subtotal: return (name(line.tier1), allLabel)
        case .unknownUnit: return (unknownLabel, unknownLabel)
        case .total: return (totalLabel, allLabel)
        }
    }

    // MARK: Terminal

    /// Two aligned tables, the counts and the eligible mix, with a line of totals above them.
    ///
    /// The counts table gives the excluded total and the most common reasons (numbered, with a key
    /// below); the CSV and JSON give every reason. Shares are percentages with one decimal, `–` where
    /// a line has no eligible case; the mix table leaves out the unknown unit, which has none.
    package static func text(_ report: UnitsReport) -> String {
        let total = report.total
        let units = report.lines.filter { $0.kind == .unit }
        let tier1Count = Set(units.map(\.tier1)).count
        var out = "\(report.file) (spec \(report.specName))\n"
        out += "Rows read \(Format.count(total.rows)): eligible \(Format.count(total.eligible)), "
            + "excluded \(Format.count(total.excluded)), invalid \(Format.count(total.invalid)); "
            + "\(tier1Count) tier-1 unit\(tier1Count == 1 ? "" : "s"), \(units.count) tier-2 unit\(units.count == 1 ? "" : "s").\n"

        // Counts.
        let ranked = report.reasons.indices.filter { report.reasons[$0].count > 0 }
            .sorted { report.reasons[$0].count != report.reasons[$1].count ? report.reasons[$0].count > report.reasons[$1].count : $0 < $1 }
        let shown = ranked.count <= reasonColumns + 1 ? ranked : Array(ranked.prefix(reasonColumns))
        let hasOther = shown.count < ranked.count
        var counts = TextTable(
            headers: ["Tier 1", "Tier 2", "Rows", "Invalid", "Excluded", "Eligible"] + shown.indices.map { "(\($0 + 1))" } + (hasOther ? ["Other"] : []),
            alignments: [.left, .left] + Array(repeating: .right, count: 4 + shown.count + (hasOther ? 1 : 0)))
        for (line, labels) in zip(report.lines, terminalLabels(report.lines)) {
            let reasons = shown.map { line.excludedByReason[$0] }
            counts.append([labels.tier1, labels.tier2, Format.count(line.rows), Format.count(line.invalid),
                           Format.count(line.excluded), Format.count(line.eligible)]
                          + reasons.map(Format.count) + (hasOther ? [Format.count(line.excluded - reasons.reduce(0, +))] : []))
        }
        out += "\nCases by unit\n" + counts.rendered()
        for (number, reason) in shown.enumerated() {
            out += "  (\(number + 1)) \(report.reasons[reason].code): \(report.reasons[reason].text)\n"
        }
        if hasOther {
            out += "  Other: " + ranked.dropFirst(shown.count).map { report.reasons[$0].code }.joined(separator: ", ") + "\n"
        }
        if !shown.isEmpty { out += "  The CSV (--csv) and the JSON (--json) give every reason a column of its own.\n" }

        // Eligible mix.
        let categories = report.variables.indices.flatMap { v in report.variables[v].categories.indices.map { (v, $0) } }
        var mix = TextTable(
            headers: ["Tier 1", "Tier 2", "Eligible"] + categories.map { report.variables[$0.0].categories[$0.1].label },
            alignments: [.left, .left] + Array(repeating: .right, count: 1 + categories.count))
        for (line, labels) in zip(report.lines, terminalLabels(report.lines)) where line.kind != .unknownUnit {
            mix.append([labels.tier1, labels.tier2, Format.count(line.eligible)]
                       + categories.map { line.share(variable: $0.0, category: $0.1).map(Format.percent) ?? "–" })
        }
        var first = 3
        let groups = report.variables.map { variable in
            defer { first += variable.categories.count }
            return (title: variable.role, columns: first..<(first + variable.categories.count))
        }
        out += "\nEligible mix by unit (share of each unit's eligible cases)\n" + groupHeading(over: mix.rendered(), groups) + mix.rendered()

        if !report.rulesNotApplied.isEmpty {
            out += "\nRules not applied (the long list lacks their columns): "
                + report.rulesNotApplied.map { "\($0.code) (\($0.missingColumns.joined(separator: ", ")))" }.joined(separator: "; ") + ".\n"
        }
        return out
    }

    /// Labels for the terminal: a tier-1 name only on the first line of its group, and no tier-2 label
    /// for the unknown unit and the total.
    static func terminalLabels(_ lines: [UnitsReport.Line]) -> [(tier1: String, tier2: String)] {
        var previousTier1: String?
        return lines.map { line in
            let labels = labels(line)
            switch line.kind {
            case .unit, .subtotal:
                defer { previousTier1 = line.tier1 }
                return (line.tier1 == previousTier1 ? "" : labels.tier1, labels.tier2)
            case .unknownUnit, .total:
                previousTier1 = nil
                return (labels.tier1, "")
            }
        }
    }

    /// A line that centres each group's title over its columns of a rendered ``TextTable``, found from
    /// the table's rule line (the second).
    static func groupHeading(over table: String, _ groups: [(title: String, columns: Range<Int>)]) -> String {
        // The rule is the table's second line; the table may have some hundred thousand.
        let lines = table.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        let rule = Array(lines[1])
        var spans: [Range<Int>] = []
        var start: Int?
        for (offset, character) in (rule + [" "]).enumerated() {
            if character == "-", start == nil { start = offset }
            if character != "-", let s = start {
                spans.append(s..<offset)
                start = nil
            }
        }
        var heading: [Character] = []
        for group in groups where group.columns.upperBound <= spans.count {
            let span = spans[group.columns.lowerBound].lowerBound..<spans[group.columns.upperBound - 1].upperBound
            let column = max(span.lowerBound + max(0, (span.count - group.title.count) / 2), heading.count + (heading.isEmpty ? 0 : 2))
            heading += Array(repeating: " ", count: column - heading.count) + Array(group.title)
        }
        return String(heading) + "\n"
    }

    // MARK: CSV

    /// The CSV: one record per line of the report, columns `Tier1Unit`, `Tier2Unit`, `Rows`, `Invalid`,
    /// `Excluded`, `Eligible`, one per exclusion reason (headed by its code), and one per category
    /// share (`gender: Male %`), written by ``CSVWriter`` (UTF-8 with BOM, CRLF, formulas neutralised).
    ///
    /// Counts are plain integers. A share is the percentage of the line's eligible cases, with one
    /// decimal and no `%` sign (`88.8`), so that a spreadsheet reads it as a number; it is empty where
    /// the line has no eligible case. Rounded shares need not add up to exactly 100; the JSON has the
    /// counts they come from.
    package static func csv(_ report: UnitsReport) -> [UInt8] {
        var writer = CSVWriter()
        let categories = report.variables.flatMap { variable in variable.categories.map { (variable.role, $0.label) } }
        writer.append(record: ["Tier1Unit", "Tier2Unit", "Rows", "Invalid", "Excluded", "Eligible"]
                      + report.reasons.map(\.code) + categories.map { "\($0.0): \($0.1) %" })
        for line in report.lines {
            let labels = labels(line)
            var record = [labels.tier1, labels.tier2, String(line.rows), String(line.invalid), String(line.excluded), String(line.eligible)]
            record += line.excludedByReason.map(String.init)
            for v in report.variables.indices {
                for c in report.variables[v].categories.indices {
                    record.append(line.share(variable: v, category: c).map { String(Format.percent($0).dropLast()) } ?? "")
                }
            }
            writer.append(record: record)
        }
        return writer.bytes
    }

    // MARK: JSON

    /// The report as one object: `file`, `spec`, `reasons` (`code`, `reason`), `variables` (`role`,
    /// `categories` with `code` and `label`), `rulesNotApplied`, `errors` (the located errors that make rows invalid), and
    /// `lines` in table order.
    ///
    /// Each line has `kind` (`unit`, `subtotal`, `unknownUnit`, `total`), `tier1` and `tier2` (the names
    /// as read, `""` when blank, null where the kind has none), the integer counts `rows`, `invalid`,
    /// `excluded`, `eligible`, `excludedByReason` (an object keyed by reason code), and `eligibleMix`: per
    /// variable role, per category its `code`, `label`, `count` and `share` (count ÷ eligible, written to
    /// six decimals; null when the line has no eligible case).
    package static func json(_ report: UnitsReport) -> JSONValue {
        func name(_ value: String, _ applies: Bool) -> JSONValue { applies ? .string(value) : .null }
        let lines = report.lines.map { line -> JSONValue in
            let excluded = zip(report.reasons, line.excludedByReason).map { ($0.code, JSONValue.int($1)) }
            let mix = report.variables.enumerated().map { v, variable in
                (variable.role, JSONValue.array(variable.categories.enumerated().map { c, category in
                    .object([("code", .string(category.code)), ("label", .string(category.label)),
                             ("count", .int(line.eligibleByCategory[v][c])),
                             ("share", line.share(variable: v, category: c).map(JSONValue.double) ?? .null)])
                }))
            }
            return .object([
                ("kind", .string(line.kind.rawValue)),
                ("tier1", name(line.tier1, line.kind == .unit || line.kind == .subtotal)),
                ("tier2", name(line.tier2, line.kind == .unit)),
                ("rows", .int(line.rows)), ("invalid", .int(line.invalid)), ("excluded", .int(line.excluded)),
                ("eligible", .int(line.eligible)), ("excludedByReason", .object(excluded)), ("eligibleMix", .object(mix)),
            ])
        }
        return .object([
            ("file", .string(report.file)),
            ("spec", .string(report.specName)),
            ("reasons", .array(report.reasons.map { .object([("code", .string($0.code)), ("reason", .string($0.text))]) })),
            ("variables", .array(report.variables.map { variable in
                .object([("role", .string(variable.role)), ("categories", .array(variable.categories.map {
                    .object([("code", .string($0.code)), ("label", .string($0.label))])
                }))])
            })),
            ("rulesNotApplied", .array(report.rulesNotApplied.map {
                .object([("code", .string($0.code)), ("missingColumns", .array($0.missingColumns.map(JSONValue.string)))])
            })),
            ("errors", .array(report.errors.map { problem in
                .object([
                    ("kind", .string(problem.kind.rawValue)), ("line", problem.line.map(JSONValue.int) ?? .null),
                    ("column", problem.column.map(JSONValue.int) ?? .null), ("header", problem.header.map(JSONValue.string) ?? .null),
                    ("message", .string(problem.message)),
                ])
            })),
            ("lines", .array(lines)),
        ])
    }
}
