/// The short human summary `casesample draw` prints: population against sample per variable.
public enum DrawSummary {
    public static func text(result: DrawResult, record: JSONValue, directory: String, files: [String]) -> String {
        let population = result.population
        var out = "Drew \(Format.count(result.request.size)) of \(Format.count(population.eligibleCount)) eligible cases "
        out += "from \(population.list.file) (spec \(population.spec.name), seed \(result.request.seed)).\n"
        out += "Rows read \(Format.count(population.rowCount)): eligible \(Format.count(population.eligibleCount)), "
        out += "excluded \(Format.count(population.excludedCount)), invalid \(Format.count(population.invalidCount)).\n"
        if let source = record["draw"]?["sizeCalculation"]?["source"]?.stringValue, source != "--size",
           let z = record["draw"]?["sizeCalculation"]?["z"]?.doubleValue, let n0 = record["draw"]?["sizeCalculation"]?["n0"]?.doubleValue {
            out += "Size from the spec: n0 = z²p(1−p)/e² = \(Format.twoDecimals(n0)) (z = \(Format.twoDecimals(z))), with the finite population correction → \(result.request.size).\n"
        }
        out += "\n"
        var table = TextTable(headers: ["Variable", "Category", "Population", "Share", "Expected", "Sample"],
                              alignments: [.left, .left, .right, .right, .right, .right])
        for variable in record["variables"]?.arrayValue ?? [] {
            let name = variable["variable"]?.stringValue ?? ""
            for (i, category) in (variable["categories"]?.arrayValue ?? []).enumerated() {
                let within = category["withinRounding"]?.boolValue ?? false
                table.append([
                    i == 0 ? name : "", category["label"]?.stringValue ?? "",
                    Format.count(category["population"]?.intValue ?? 0), Format.percent(category["share"]?.doubleValue ?? 0),
                    Format.twoDecimals(category["expected"]?.doubleValue ?? 0),
                    "\(category["sample"]?.intValue ?? 0)\(within ? "" : " (!)")",
                ])
            }
        }
        out += table.rendered()
        if record["proportional"]?["allVariablesWithinRounding"]?.boolValue == true {
            out += "\nEvery category got the floor or the ceiling of its expected count.\n"
        } else {
            out += "\n(!) Not every variable could be held to the floor or ceiling at once for this population:\n"
            for note in record["proportional"]?["relaxations"]?.arrayValue ?? [] { out += "    \(note.stringValue ?? "")\n" }
        }
        let nearest = result.substitutes.filter { $0.source == .nearestCell }.count
        out += "Substitutes: \(result.substitutes.count) listed"
        out += nearest > 0 ? " (\(nearest) from a nearest stratum, as its own had run out)" : ""
        out += result.shortOfSubstitutes.isEmpty ? ".\n" : "; \(result.shortOfSubstitutes.count) selected cases have fewer than asked for.\n"
        if !population.rulesNotApplied.isEmpty {
            out += "Rules not applied (the long list lacks their columns): "
            out += population.rulesNotApplied.map { "\($0.rule.code) (\($0.missingColumns.joined(separator: ", ")))" }.joined(separator: "; ") + ".\n"
        }
        for warning in population.warnings { out += "Warning: \(warning)\n" }
        out += "Wrote \(files.map { "\(directory)/\($0)" }.joined(separator: ", ")).\n"
        return out
    }
}
