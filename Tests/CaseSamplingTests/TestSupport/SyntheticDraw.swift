import Foundation
@testable import CaseSampling

/// A draw directory written by hand, for tests that need exact control of who is a substitute for
/// whom: one stratification variable (gender), `provisional.csv`, `substitutes.csv`, `spec.json` and
/// a `draw.json` whose seed, variables, strata and outputs (with their SHA-256) are the ones finalize reads.
struct SyntheticDraw {
    struct Case {
        var reference: String
        var gender = "Male"
        var tier1 = "North"
        var tier2 = "Team A"
        /// Written only when the draw has an ``officerLimit``.
        var officer = ""
    }

    var selected: [Case]
    /// (substitute, the selected case's reference, rank).
    var substitutes: [(Case, String, Int)]
    var population = ["male": 200, "female": 40]
    var seed: UInt64 = 11
    /// The draw's `--max-per-officer`; when set, the files get an `Officer` column and the spec names it.
    var officerLimit: Int?

    /// Personal data every row carries, which no message may show.
    static let surname = "Siân-Ó'Brien"
    static let dateOfBirth = "03/04/1981"
    static let headers = ["CRN", "Surname", "DateOfBirth", "Gender", "Tier1", "Tier2"]

    static let specText = """
        {"version": 1, "name": "synthetic",
         "columns": [{"role": "caseReference", "kind": "caseReference", "aliases": ["CRN"]},
                     {"role": "gender", "scheme": "gender", "aliases": ["Gender"]},
                     {"role": "tier1Unit", "aliases": ["Tier1"]}, {"role": "tier2Unit", "aliases": ["Tier2"]},
                     {"role": "yotHeld", "scheme": "flag", "required": false, "aliases": ["YOT held"]}],
         "schemes": {"gender": {"categories": [{"code": "male", "label": "Male", "values": ["M", "Male"]},
                                               {"code": "female", "label": "Female", "values": ["F", "Female"]}]},
                     "flag": {"categories": [{"code": "yes", "values": ["Y"]}, {"code": "no", "values": ["N"]}], "missing": {"category": "no"}}},
         "rules": [{"code": "yot-held", "reason": "Held by a YOT", "when": {"column": "yotHeld", "equals": "yes"}}],
         "stratification": ["gender"], "units": {"tier1": "tier1Unit", "tier2": "tier2Unit"},
         "size": {"margin": 0.1, "confidence": 0.9}}
        """

    func fields(_ c: Case) -> [String] {
        [c.reference, Self.surname, Self.dateOfBirth, c.gender, c.tier1, c.tier2] + (officerLimit == nil ? [] : [c.officer])
    }

    var headers: [String] { Self.headers + (officerLimit == nil ? [] : ["Officer"]) }

    /// The spec, naming the officer column when the draw has a limit.
    var specText: String {
        guard officerLimit != nil else { return Self.specText }
        return Self.specText
            .replacingOccurrences(of: #"{"role": "tier2Unit", "aliases": ["Tier2"]},"#,
                                  with: #"{"role": "tier2Unit", "aliases": ["Tier2"]}, {"role": "responsibleOfficer", "required": false, "aliases": ["Officer"]},"#)
            .replacingOccurrences(of: #""units": {"tier1": "tier1Unit", "tier2": "tier2Unit"},"#,
                                  with: #""units": {"tier1": "tier1Unit", "tier2": "tier2Unit"}, "responsibleOfficer": "responsibleOfficer","#)
    }

    /// Writes the draw directory at `directory` (which must not exist).
    func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        var provisional = CSVWriter()
        provisional.append(record: headers + ["Stratum"])
        for c in selected { provisional.append(record: fields(c) + [c.gender]) }
        var subs = CSVWriter()
        subs.append(record: headers + OutputFiles.substituteColumns)
        for (c, forReference, rank) in substitutes {
            subs.append(record: fields(c) + [c.gender, forReference, String(rank), "same stratum and tier-2 unit"])
        }
        let spec = Array(specText.utf8)
        precondition(officerLimit == nil || specText != Self.specText, "the spec names the officer column")
        func count(_ gender: String) -> Int { selected.filter { $0.gender == gender }.count }
        let total = population["male"]! + population["female"]!
        let n = selected.count
        func category(_ code: String, _ label: String) -> DrawRecord.Category {
            let count = population[code]!
            let expected = Double(n) * Double(count) / Double(total)
            return .init(
                category: code, label: label, population: count, share: Double(count) / Double(total), expected: expected,
                sample: selected.filter { $0.gender == label }.count,
                withinRounding: abs(Double(selected.filter { $0.gender == label }.count) - expected) < 1)
        }
        let categories = [category("male", "Male"), category("female", "Female")]
        let record = DrawRecord(
            tool: .casesample("test"), spec: SpecReference(name: "synthetic", sha256: SHA256.hexDigest(spec)),
            input: .init(file: "long-list.csv", sha256: String(repeating: "0", count: 64), bytes: 0, encoding: "UTF-8", delimiter: ","),
            draw: .init(
                seed: seed, size: n, sizeCalculation: .init(source: "--size"), substitutesPerCase: substitutes.map(\.2).max() ?? 1,
                algorithm: DrawResult.algorithm, algorithmVersion: DrawResult.algorithmVersion, generator: "test"),
            counts: .init(rowsRead: total, blankRowsSkipped: 0, invalid: 0, excluded: 0, excludedByReason: [], eligible: total),
            rulesNotApplied: [],
            units: .init(
                selected: "all", requested: nil, count: 1, eligible: total, minimumPerUnit: nil, minimumBinds: false,
                spread: .init(rule: "test", allWithinOne: true, relaxedForOfficerLimit: false), perUnit: [], selectedCases: nil),
            proportional: .init(allVariablesWithinRounding: categories.allSatisfy(\.withinRounding), relaxations: []),
            variables: [.init(variable: "gender", categories: categories)],
            officerLimit: officerLimit.map { .init(limit: $0, officersAtLimit: 0, casesChanged: 0, note: "test") },
            strata: categories.map {
                .init(stratum: $0.category, population: $0.population, share: $0.share, expected: $0.expected, sample: $0.sample)
            },
            substitutes: .init(listed: substitutes.count, fromNearestStratum: 0, selectedCasesShortOfSubstitutes: []),
            outputs: FileDigests([
                .init(name: OutputFiles.provisional, sha256: SHA256.hexDigest(provisional.bytes)),
                .init(name: OutputFiles.substitutes, sha256: SHA256.hexDigest(subs.bytes)),
            ]))
        try writeBytes(provisional.bytes, to: directory + "/provisional.csv")
        try writeBytes(subs.bytes, to: directory + "/substitutes.csv")
        try writeBytes(spec, to: directory + "/spec.json")
        try writeBytes(record.serializedBytes(), to: directory + "/draw.json")
    }

    /// A returned list in UTF-8: every selected case (and the listed ones of `also`), with `marks`
    /// (reference → exclusion text) and `unavailable` references.
    func returned(marks: [String: String] = [:], unavailable: Set<String> = [], also: [String] = []) -> [UInt8] {
        var text = "CRN,Surname,Exclude,Officer available\r\n"
        let references = selected.map(\.reference) + also
        for reference in references {
            text += "\(reference),\"\(Self.surname)\",\(marks[reference] ?? ""),\(unavailable.contains(reference) ? "No" : "Yes")\r\n"
        }
        return Array(text.utf8)
    }
}
