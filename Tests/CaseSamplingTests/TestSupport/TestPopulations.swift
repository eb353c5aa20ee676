import Foundation
@testable import CaseSampling

/// Small specs and long lists built in code for the draw's tests.
enum TestPopulations {
    static let flag = CategoryScheme(
        categories: [.init(code: "yes", label: "Yes", values: ["Y"]), .init(code: "no", label: "No", values: ["N"])],
        missing: .category("no"))

    /// A minimal domain-two-like spec: gender × sentence type × RoSH, one exclusion rule.
    static let spec = SampleSpec(
        name: "test", title: "test",
        columns: [
            ColumnSpec(role: "caseReference", aliases: ["CRN"], kind: .caseReference),
            ColumnSpec(role: "gender", aliases: ["Gender"], scheme: "gender"),
            ColumnSpec(role: "sentenceType", aliases: ["SentenceType"], scheme: "sentenceType"),
            ColumnSpec(role: "rosh", aliases: ["RoSH"], scheme: "rosh"),
            ColumnSpec(role: "tier1Unit", aliases: ["Tier1Unit"]),
            ColumnSpec(role: "tier2Unit", aliases: ["Tier2Unit"]),
            ColumnSpec(role: "yotHeld", aliases: ["YOTHeld"], scheme: "flag"),
        ],
        schemes: [
            "gender": CategoryScheme(categories: [.init(code: "male", label: "Male", values: ["Male"]),
                                                  .init(code: "female", label: "Female", values: ["Female"])], missing: .error),
            "sentenceType": CategoryScheme(categories: [.init(code: "community", label: "Community", values: ["Community Order"]),
                                                        .init(code: "postCustody", label: "Post-custody", values: ["Licence"])], missing: .error),
            "rosh": CategoryScheme(categories: [.init(code: "low", label: "Low", values: ["Low"]),
                                                .init(code: "medium", label: "Medium", values: ["Medium"]),
                                                .init(code: "high", label: "High", values: ["High"]),
                                                .init(code: "veryHigh", label: "Very high", values: ["Very High"])], missing: .error),
            "flag": flag,
        ],
        rules: [ExclusionRule(code: "yot-held", reason: "Held by a YOT", when: .equals(column: "yotHeld", value: "yes"))],
        stratification: ["gender", "sentenceType", "rosh"], tier1Unit: "tier1Unit", tier2Unit: "tier2Unit")

    struct Row {
        var crn: String
        var gender = "Male"
        var sentence = "Community Order"
        var rosh = "Medium"
        var tier1 = "North"
        var tier2 = "Team 1"
        var yot = "N"
    }

    static let header = "CRN,Surname,Gender,SentenceType,RoSH,Tier1Unit,Tier2Unit,YOTHeld"

    static func csv(_ rows: [Row]) -> [UInt8] {
        var text = header + "\r\n"
        for r in rows {
            text += "\(r.crn),Name \(r.crn),\(r.gender),\(r.sentence),\(r.rosh),\(r.tier1),\(r.tier2),\(r.yot)\r\n"
        }
        return Array(text.utf8)
    }

    static func population(_ rows: [Row], spec: SampleSpec = spec) throws -> Population {
        let list = try LongListReader.read(bytes: csv(rows), file: "test.csv", columns: spec.columnRequests)
        return try Population.classify(list, by: spec)
    }

    /// An awkward population of 37 eligible cases whose cells all expect fractional counts for n = 11,
    /// spread over two tier-1 units and five teams, plus 3 YOT-held cases.
    static var awkward: [Row] {
        let genders = ["Male", "Female"], sentences = ["Community Order", "Licence"], roshes = ["Low", "Medium", "High", "Very High"]
        // Cell sizes chosen so that 11·N_c/37 is fractional for every cell.
        let sizes = [5, 4, 3, 1, 4, 3, 2, 1, 3, 2, 2, 1, 2, 2, 1, 1]
        var rows: [Row] = []
        var id = 100_000
        for (cell, size) in sizes.enumerated() {
            for k in 0..<size {
                id += 1
                rows.append(Row(crn: "A\(id)", gender: genders[cell / 8], sentence: sentences[(cell / 4) % 2], rosh: roshes[cell % 4],
                                tier1: k % 2 == 0 ? "North" : "South", tier2: "Team \((id % 5) + 1)"))
            }
        }
        for k in 0..<3 { rows.append(Row(crn: "Y\(200_000 + k)", yot: "Y")) }
        return rows
    }
}
