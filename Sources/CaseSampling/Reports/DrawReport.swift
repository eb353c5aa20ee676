/// `report.html` of a draw: the provisional sample at a glance for the organisation and the lead
/// inspector, made from `draw.json` and the spec alone (so `verify` re-derives it byte for byte).
///
/// It shows the record's numbers (every row's account, each stratification variable's population and
/// sample shares, the units, the size and the substitutes) and no case reference, name or date of
/// birth; the only date it could show is one the record holds, and `draw.json` holds none.
public enum DrawReport {
    /// The page for `record`, drawn with `spec`.
    ///
    /// - Parameter title: the inspection's name (`--title`); nil leaves it out.
    public static func html(record: DrawRecord, spec: SampleSpec, title: String?) -> [UInt8] {
        var page = HTMLReport()
        let heading = title ?? (spec.title.isEmpty ? "Case sample" : spec.title)
        page.heading(1, heading)
        page.paragraph("Provisional sample of \(Format.count(record.draw.size)) cases from \(Format.count(record.counts.eligible)) eligible cases, with substitutes.", className: "subtitle")
        page.facts(header(record: record, spec: spec, title: title))

        page.heading(2, "Every row of the long list")
        rowAccount(record: record, into: &page)

        page.heading(2, "Size")
        page.facts(size(record: record, spec: spec))

        page.heading(2, "Population and sample by stratification variable")
        page.paragraph("The sample keeps each category's share of the eligible population to the nearest case: each category gets the floor or the ceiling of its expected count (sample size × population share).")
        for variable in record.variables {
            shares(of: variable, record: record, into: &page)
        }
        if !record.proportional.relaxations.isEmpty {
            page.paragraph("Given up to make the draw possible: " + record.proportional.relaxations.joined(separator: "; ") + ".", className: "flag")
        }

        page.heading(2, "Units")
        units(record: record, into: &page)

        page.heading(2, "Substitutes")
        page.facts(substitutes(record: record))
        substitutesByStratum(record: record, into: &page)

        if !record.rulesNotApplied.isEmpty {
            page.heading(2, "Rules not applied")
            page.paragraph("The long list lacks the columns of these rules, so no row was excluded by them.")
            page.table(
                caption: "Rules not applied", headers: ["Rule", "Missing columns"],
                rows: record.rulesNotApplied.map { [$0.code, $0.missingColumns.joined(separator: ", ")] }, textColumns: [1])
        }
        page.paragraph("Made by casesample \(record.tool.version) from draw.json; 'casesample verify' re-makes this page byte for byte.", className: "subtitle")
        return page.document(title: "\(heading): provisional sample")
    }

    static func header(record: DrawRecord, spec: SampleSpec, title: String?) -> [(String, String)] {
        var items: [(String, String)] = []
        if let title { items.append(("Inspection", title)) }
        items += [
            ("Spec", spec.title.isEmpty ? record.spec.name : "\(record.spec.name): \(spec.title)"),
            ("Seed", String(record.draw.seed)),
        ]
        if let period = record.period {
            items.append(("Sample period", "\(period.from) to \(period.to) (\(period.column); fieldwork starts \(period.fieldworkStart))"
                + (period.reserveTo.map { "; substitutes from the reserve to \($0)" } ?? "")))
        }
        items += [
            ("Tool", "\(record.tool.name) \(record.tool.version)"),
            ("Long list", "\(record.input.file) (\(Format.count(record.input.bytes)) bytes, \(record.input.encoding))"),
            ("Long list SHA-256", record.input.sha256),
            ("Date of the draw", "not recorded: draw.json holds no time, so that a re-run gives the same bytes"),
        ]
        return items
    }

    static func rowAccount(record: DrawRecord, into page: inout HTMLReport) {
        let counts = record.counts
        var rows: [[String]] = [["Rows read", Format.count(counts.rowsRead), ""]]
        rows.append(["Invalid", Format.count(counts.invalid), ""])
        for reason in counts.excludedByReason where reason.count > 0 {
            rows.append(["Excluded: \(reason.code)", Format.count(reason.count), reason.reason])
        }
        rows.append(["Eligible", Format.count(counts.eligible), record.units.selected == "all" ? "in every unit" : "in the selected units"])
        rows.append(["Sampled", Format.count(record.draw.size), "of the eligible cases"])
        page.table(caption: "The account of every row: rows read = invalid + excluded + eligible",
                   headers: ["Rows", "Count", "Note"], rows: rows, textColumns: [2])
        if counts.blankRowsSkipped > 0 {
            page.paragraph("Blank rows skipped (not counted as rows): \(Format.count(counts.blankRowsSkipped)).")
        }
        page.flowChart(title: "Rows read: \(Format.count(counts.rowsRead))", parts: [
            ("Eligible, sampled", record.draw.size), ("Eligible, not sampled", counts.eligible - record.draw.size),
            ("Excluded", counts.excluded), ("Invalid", counts.invalid),
        ])
    }

    /// The margin of error's confidence: the spec's, or 80% (manual 4.2) when the spec sets none.
    static func confidence(record: DrawRecord, spec: SampleSpec) -> Double {
        if let c = record.draw.sizeCalculation.confidence { return c }
        if case .marginOfError(_, let c, _)? = spec.size { return c }
        return 0.80
    }

    static func size(record: DrawRecord, spec: SampleSpec) -> [(String, String)] {
        let n = record.draw.size, population = record.counts.eligible
        let c = confidence(record: record, spec: spec)
        var items: [(String, String)] = [
            ("Sample size n", Format.count(n)), ("Eligible population N", Format.count(population)),
        ]
        if let e = try? MarginOfError.achieved(sampleSize: n, population: population, confidence: c) {
            items.append(("Margin of error achieved", "±\(Format.twoDecimals(e * 100)) percentage points at \(Format.trimmed(c * 100, digits: 1))% confidence (p = 0.5, finite population correction)"))
        }
        let calculation = record.draw.sizeCalculation
        if let margin = calculation.censusMargin {
            items.append(("Census", "every eligible case of the window; for findings generalised over time ±\(Format.twoDecimals(margin * 100)) percentage points at \(Format.trimmed(c * 100, digits: 1))% confidence (p = 0.5, no finite population correction)"))
        } else if calculation.isFromCommandLine {
            items.append(("Planned size", "set with --size"))
        } else if let fixed = calculation.fixed {
            items.append(("Planned size", "\(Format.count(fixed)), the spec's fixed size"))
        } else if let planned = calculation.sampleSize, let margin = calculation.margin {
            items.append(("Planned size", "\(Format.count(calculation.unboundedSize ?? planned)): ±\(Format.trimmed(margin * 100, digits: 2)) points at \(Format.trimmed(c * 100, digits: 1))% confidence (manual 4.2)"
                + (calculation.unboundedSize.map { $0 == planned ? "" : ", brought within the spec's bounds to \(Format.count(planned))" } ?? "")))
        }
        return items
    }

    static func shares(of variable: DrawRecord.Variable, record: DrawRecord, into page: inout HTMLReport) {
        let n = max(record.draw.size, 1)
        page.heading(3, variable.variable)
        let rows = variable.categories.map { category in
            [category.label, Format.count(category.population), Format.percent(category.share), Format.twoDecimals(category.expected),
             Format.count(category.sample), Format.percent(Double(category.sample) / Double(n)),
             category.withinRounding ? "yes" : "NO: off its floor or ceiling"]
        }
        page.table(
            caption: "\(variable.variable): eligible population against sample",
            headers: ["Category", "Population", "Share", "Expected", "Sample", "Sample share", "Floor or ceiling"],
            rows: rows, textColumns: [6],
            footer: ["Total", Format.count(variable.categories.reduce(0) { $0 + $1.population }), "100.0%",
                     Format.twoDecimals(Double(record.draw.size)), Format.count(variable.categories.reduce(0) { $0 + $1.sample }), "100.0%", ""])
        page.shareChart(
            title: "\(variable.variable): population share against sample share",
            bars: variable.categories.map { ($0.label, $0.share, Double($0.sample) / Double(n)) })
    }

    static func units(record: DrawRecord, into page: inout HTMLReport) {
        let units = record.units
        page.paragraph(units.selected == "all"
            ? "All \(Format.count(units.count)) tier-2 units with eligible cases, \(Format.count(units.eligible)) eligible cases."
            : "\(Format.count(units.count)) selected tier-2 units (\((units.requested ?? []).joined(separator: ", "))) with \(Format.count(units.eligible)) eligible cases.")
        if let minimum = units.minimumPerUnit { page.paragraph("At least \(minimum) cases from every selected unit.") }
        if units.balanced == false {
            page.paragraph("No unit balance (--no-unit-balance): each stratum's cases are a simple random sample whatever their unit; "
                + "each unit's sample is its proportional share on average only.")
        }
        let target = units.minimumPerUnit != nil
        page.table(
            caption: "Eligible and sampled cases by unit; the proportional share is n × the unit's share of the eligible cases",
            headers: ["Tier 1", "Tier 2", "Eligible", "Proportional share"] + (target ? ["Target"] : []) + ["Sampled", "Floor or ceiling"],
            rows: units.perUnit.map { line in
                [line.tier1, line.tier2, Format.count(line.eligible), Format.twoDecimals(line.proportional)]
                    + (target ? [Format.twoDecimals(line.expected)] : [])
                    + [Format.count(line.sample), line.withinOne ? "yes" : units.balanced == false ? "no (not balanced)" : "NO: off its floor or ceiling"]
            },
            textColumns: [1, target ? 6 : 5],
            footer: ["Total", "", Format.count(units.perUnit.reduce(0) { $0 + $1.eligible }), Format.twoDecimals(Double(record.draw.size))]
                + (target ? [""] : []) + [Format.count(units.perUnit.reduce(0) { $0 + $1.sample }), ""])
    }

    /// Substitutes listed per stratum, and the strata that ran short, in words; nothing for a record
    /// written before they were recorded.
    static func substitutesByStratum(record: DrawRecord, into page: inout HTMLReport) {
        let strata = record.strata.filter { $0.sample > 0 }
        guard !strata.isEmpty, strata.allSatisfy({ $0.substitutes != nil && $0.casesShortOfSubstitutes != nil }) else { return }
        page.table(
            caption: "Substitutes per stratum", headers: ["Stratum", "Sampled cases", "Substitutes listed", "Cases short of substitutes"],
            rows: strata.map {
                [label(ofStratum: $0.stratum, record: record), Format.count($0.sample), Format.count($0.substitutes ?? 0),
                 Format.count($0.casesShortOfSubstitutes ?? 0)]
            },
            footer: [
                "Total", Format.count(strata.reduce(0) { $0 + $1.sample }),
                Format.count(strata.reduce(0) { $0 + ($1.substitutes ?? 0) }),
                Format.count(strata.reduce(0) { $0 + ($1.casesShortOfSubstitutes ?? 0) }),
            ])
        let short = strata.filter { ($0.casesShortOfSubstitutes ?? 0) > 0 }.map { label(ofStratum: $0.stratum, record: record) }
        page.paragraph(
            short.isEmpty
                ? "Every stratum has the substitutes asked for."
                : "Ran short of substitutes: " + short.joined(separator: ", ") + ".",
            className: short.isEmpty ? nil : "flag")
    }

    /// A stratum's category labels joined by ` / `, as `provisional.csv` writes them (`Male / Licence /
    /// High` for `male/licence/high`); the codes as recorded when they do not split into one known
    /// code per variable.
    static func label(ofStratum stratum: String, record: DrawRecord) -> String {
        let codes = stratum.split(separator: "/", omittingEmptySubsequences: false)
        guard codes.count == record.variables.count else { return stratum }
        var labels: [String] = []
        for (code, variable) in zip(codes, record.variables) {
            guard let category = variable.categories.first(where: { $0.category == code }) else { return stratum }
            labels.append(category.label)
        }
        return labels.joined(separator: " / ")
    }

    static func substitutes(record: DrawRecord) -> [(String, String)] {
        let s = record.substitutes
        return [
            ("Substitutes per sampled case", String(record.draw.substitutesPerCase)),
            ("Substitutes listed", Format.count(s.listed)),
            ("From the nearest stratum (their own stratum ran short)", Format.count(s.fromNearestStratum)),
            ("Sampled cases short of substitutes", Format.count(s.selectedCasesShortOfSubstitutes.count)),
        ]
    }
}
