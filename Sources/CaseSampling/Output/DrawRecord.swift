/// The audit record of a draw, `draw.json`: enough to re-run it and to check what it gave.
///
/// It holds no time or path, so that the same input, spec and seed give the same bytes anywhere.
public enum DrawRecord {
    static func make(
        result: DrawResult, specBytes: [UInt8], inputName: String, inputSHA256: String, toolVersion: String,
        sizeCalculation: JSONValue, shortOfSubstitutes: [String], outputs: [(String, [UInt8])]
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
            ("units", .object([("selected", "all"), ("count", .int(population.units.count)), ("eligible", .int(total))])),
            ("proportional", .object([
                ("allVariablesWithinRounding", .bool(relaxations.isEmpty && variables.allSatisfy { v in
                    v["categories"]?.arrayValue?.allSatisfy { $0["withinRounding"]?.boolValue == true } ?? false })),
                ("relaxations", .array(relaxations)),
            ])),
            ("variables", .array(variables)),
            ("strata", .array(strata)),
            ("substitutes", .object([
                ("listed", .int(result.substitutes.count)),
                ("fromNearestStratum", .int(result.substitutes.filter { $0.source == .nearestCell }.count)),
                ("selectedCasesShortOfSubstitutes", .array(shortOfSubstitutes.map(JSONValue.string))),
            ])),
            ("outputs", .object(outputs.map { ($0.0, .object([("sha256", .string(SHA256.hexDigest($0.1)))])) })),
        ])
    }
}
