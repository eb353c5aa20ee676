/// `report.html` of a final sample (written by `finalize`, made again by every `replace`): what left
/// the sample and why, which substitute took its place, and the final sample's shares against the
/// eligible population's, made from `finalize.json` and the spec alone.
///
/// Case references appear as `final.csv` and `removed.csv` hold them; no name or date of birth does.
/// The only times shown are those the record holds (fieldwork replacements).
public enum FinalReport {
    /// The page for `record`, whose sample was drawn with `spec`.
    public static func html(record: FinalizeRecord, spec: SampleSpec) -> [UInt8] {
        var page = HTMLReport()
        let heading = spec.title.isEmpty ? "Case sample" : spec.title
        page.heading(1, heading)
        page.paragraph("Final sample of \(Format.count(record.sample.final)) cases from the provisional sample of \(Format.count(record.sample.provisional)).", className: "subtitle")
        page.facts(header(record: record))

        page.heading(2, "The returned list")
        let returned = record.returned
        page.table(
            caption: "Rows of the returned list and what they said",
            headers: ["Rows", "Count"],
            rows: [
                ["Rows read", Format.count(returned.rows)],
                ["Provisional cases found", "\(Format.count(returned.provisionalFound)) of \(Format.count(record.draw.provisional))"],
                ["Substitutes found", "\(Format.count(returned.substitutesFound)) of \(Format.count(record.draw.substitutesListed))"],
                ["Provisional cases missing", Format.count(returned.provisionalMissing)],
                ["Marked excluded", Format.count(returned.excluded)],
                ["Marked officer unavailable", Format.count(returned.officerUnavailable)],
            ])

        page.heading(2, "The final sample")
        let s = record.sample
        page.table(
            caption: "Places in the sample: final = selected + substitutes",
            headers: ["Cases", "Count"],
            rows: [
                ["Provisional sample", Format.count(s.provisional)], ["Final sample", Format.count(s.final)],
                ["Selected in the draw and kept", Format.count(s.selected)], ["Substitutes brought in", Format.count(s.substitutes)],
                ["Left the sample or the reserve", Format.count(s.removed)], ["Places without a substitute (shortfall)", Format.count(s.shortfall)],
                ["Substitutes left in reserve", Format.count(s.reserve)],
            ])

        page.heading(2, "What left the sample and why")
        if record.replacements.isEmpty {
            page.paragraph("No case left the sample.")
        } else {
            page.table(
                caption: "Each case that left, its reason, and the substitute that took its place",
                headers: ["Case", "Stage", "Stratum", "Reason", "Replaced by", "How"],
                rows: record.replacements.map { entry in
                    [entry.caseReference, entry.stage, entry.stratum, entry.reason + (entry.officerUnavailable ? " (officer unavailable)" : ""),
                     entry.substitute ?? "none: the stratum ran short", entry.source ?? ""]
                },
                textColumns: [1, 2, 3, 4, 5])
            var byReason: [(String, Int)] = []
            for entry in record.replacements {
                if let i = byReason.firstIndex(where: { $0.0 == entry.reason }) { byReason[i].1 += 1 } else { byReason.append((entry.reason, 1)) }
            }
            page.table(caption: "Cases that left, by reason", headers: ["Reason", "Cases"], rows: byReason.map { [$0.0, Format.count($0.1)] })
        }
        if !record.shortfall.isEmpty {
            page.paragraph("\(Format.count(record.shortfall.count)) place\(record.shortfall.count == 1 ? "" : "s") could not be filled: " +
                record.shortfall.map { "\($0.slot) (\($0.stratum), \($0.stage))" }.joined(separator: "; ") + ".", className: "flag")
        }

        page.heading(2, "Final sample against the eligible population")
        let proportions = record.proportions
        for variable in proportions.variables {
            let n = max(proportions.finalSample, 1)
            page.heading(3, variable.variable)
            page.table(
                caption: "\(variable.variable): eligible population against the provisional and final samples",
                headers: ["Category", "Population", "Share", "Expected", "Provisional", "Final", "Final share", "Floor or ceiling"],
                rows: variable.categories.map { c in
                    [c.label, Format.count(c.population), c.share.map(Format.percent) ?? "–", c.expected.map(Format.twoDecimals) ?? "–",
                     Format.count(c.provisional), Format.count(c.final), Format.percent(Double(c.final) / Double(n)),
                     c.withinRounding ? "yes" : "NO: off its floor or ceiling"]
                },
                textColumns: [7])
            page.shareChart(
                title: "\(variable.variable): population share against final sample share",
                bars: variable.categories.map { ($0.label, $0.share ?? 0, Double($0.final) / Double(n)) }, sampleName: "Final sample")
        }
        page.paragraph(proportions.allVariablesWithinRounding
            ? "Every category of the final sample is the floor or the ceiling of its expected count."
            : "Some categories of the final sample miss the floor or the ceiling of their expected count (marked NO above).",
            className: proportions.allVariablesWithinRounding ? nil : "flag")

        page.heading(2, "Size and margin of error")
        let margin = record.marginOfError
        var items: [(String, String)] = [
            ("Eligible population N", Format.count(margin.population)),
            ("Confidence", "\(Format.trimmed(margin.confidence * 100, digits: 1))% (z = \(Format.fixed(margin.z, digits: 6)))"),
        ]
        for (name, achieved) in [("Provisional sample", margin.provisional), ("Final sample", margin.final)] {
            items.append((name, "\(Format.count(achieved.sample)) cases: " + (achieved.margin.map { "±\(Format.twoDecimals($0 * 100)) percentage points" } ?? "no margin (no cases)")))
        }
        if let target = margin.target { items.append(("The spec's target", "±\(Format.twoDecimals(target * 100)) percentage points")) }
        page.facts(items)

        page.heading(2, "History")
        page.table(
            caption: "What finalize and each replace did, in order",
            headers: ["Action", "Time", "What"],
            rows: record.history.map { entry in
                switch entry {
                case .finalize(let returned, _, let replaced, let shortfall):
                    ["finalize", "not recorded", "from \(returned): \(replaced) replaced, \(shortfall) short"]
                case .replace(let time, let reference, _, let reason, let substitute, _):
                    ["replace", time, "\(reference) left (\(reason)); " + (substitute.map { "replaced by \($0)" } ?? "no substitute")]
                }
            },
            textColumns: [1, 2])
        page.paragraph("Made by casesample \(record.tool.version) from finalize.json.", className: "subtitle")
        return page.document(title: "\(heading): final sample")
    }

    static func header(record: FinalizeRecord) -> [(String, String)] {
        [
            ("Spec", record.spec.name),
            ("Draw", "\(record.draw.directory), seed \(record.draw.seed)"),
            ("Returned list", "\(record.returned.file) (\(record.returned.encoding))"),
            ("Returned list SHA-256", record.returned.sha256),
            ("Tool", "\(record.tool.name) \(record.tool.version)"),
            ("Fieldwork replacements", Format.count(record.fieldworkReplacements)),
        ]
    }
}
