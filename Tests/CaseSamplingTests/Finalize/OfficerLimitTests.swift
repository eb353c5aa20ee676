import Foundation
import Testing

@testable import CaseSampling

extension FinalizeTests {
    /// A draw with `--max-per-officer 1`: substitutions keep each officer to one case where the
    /// stratum allows, and say so where it does not.
    @Suite struct OfficerLimitTests {
        typealias Case = SyntheticDraw.Case

        /// Smith and Jones hold one case each. A100001's first substitute is Jones's, its second
        /// Smith's (spelt differently); B100002's first is Smith's, its second Brown's.
        ///
        /// All are in one stratum and unit, so the order of remaining random numbers is that of the
        /// permanent random numbers; `ordering` picks the seed that puts them in that order.
        static func draw(limit: Int?, ordering: [String] = ["A200001", "A200002", "B200001", "B200002"]) -> SyntheticDraw {
            var draw = SyntheticDraw(
                selected: [Case(reference: "A100001", officer: "PO Smith"), Case(reference: "B100002", officer: "PO Jones")],
                substitutes: [
                    (Case(reference: "A200001", officer: "PO Jones"), "A100001", 1),
                    (Case(reference: "A200002", officer: " po SMITH "), "A100001", 2),
                    (Case(reference: "B200001", officer: "PO Smith"), "B100002", 1),
                    (Case(reference: "B200002", officer: "PO Brown"), "B100002", 2),
                ])
            draw.officerLimit = limit
            draw.seed = SyntheticDraw.seed(ordering: ordering)
            return draw
        }

        /// Finalizes with `marks`; the sample, and the record's replacements by case.
        static func finalize(_ draw: SyntheticDraw, marks: [String: String]) throws -> (FinalSample, [String: JSONValue], String) {
            var result: (FinalSample, [String: JSONValue], String)?
            try withScratch { scratch in
                try draw.write(to: scratch + "/draw")
                try writeBytes(draw.returned(marks: marks), to: scratch + "/returned.csv")
                let job = FinalizeJob(drawDirectory: scratch + "/draw", returnedPath: scratch + "/returned.csv", toolVersion: "test")
                let outcome = try job.run()
                let sample = outcome.sample
                let match = outcome.match
                let outputs = outcome.outputs
                let replacements = (outputs.record.document["replacements"]?.arrayValue ?? []).map { ($0["case"]!.stringValue!, $0) }
                let summary = FinalizeSummary.finalizeText(
                    sample: sample, match: match, record: outputs.record, drawDirectory: "draw", returnedFile: "returned.csv",
                    directory: "final", files: [])
                result = (sample, Dictionary(uniqueKeysWithValues: replacements), summary)
            }
            return try #require(result)
        }

        @Test func finalizeSkipsASubstituteWhoseOfficerIsAtTheLimit() throws {
            let (sample, replacements, summary) = try Self.finalize(Self.draw(limit: 1), marks: ["A100001": "Held by a YOT"])
            #expect(Set(sample.members.map(\.drawn.reference)) == ["A200002", "B100002"])
            #expect(replacements["A100001"]?["substitute"]?.stringValue == "A200002")
            #expect(replacements["A100001"]?["overOfficerLimit"] == nil)
            #expect(replacements["A100001"]?["skippedForOfficerLimit"]?.intValue == 1)
            #expect(!summary.contains("over the draw's --max-per-officer"))
            #expect(summary.contains("1 passed over for --max-per-officer"), "\(summary)")
            // Without the limit, the first substitute is taken as before.
            let (plain, _, _) = try Self.finalize(Self.draw(limit: nil), marks: ["A100001": "Held by a YOT"])
            #expect(Set(plain.members.map(\.drawn.reference)) == ["A200001", "B100002"])
        }

        /// Officer loads count the sample as it is filled: when both cases leave, the first place goes
        /// to Jones's A200001, so the next in order, B200001, Jones's too, is passed over for Smith's A200002.
        @Test func loadsCountSubstitutesAlreadyTaken() throws {
            var draw = Self.draw(limit: 1, ordering: ["A200001", "B200001", "A200002", "B200002"])
            draw.substitutes[2].0.officer = "PO Jones"
            let (sample, _, _) = try Self.finalize(draw, marks: ["A100001": "Held by a YOT", "B100002": "Held by a YOT"])
            #expect(Set(sample.members.map(\.drawn.reference)) == ["A200001", "A200002"])
            var load: [String: Int] = [:]
            for member in sample.members { load[member.drawn.officer, default: 0] += 1 }
            #expect(load == ["po jones": 1, "po smith": 1])
        }

        /// When every substitute of the stratum would go over the limit, the stratum still comes first:
        /// the place is filled, marked, and the summary warns.
        @Test func overTheLimitOnlyWhenNothingElseIsLeft() throws {
            var draw = Self.draw(limit: 1)
            draw.substitutes = [(Case(reference: "A200001", officer: "PO Jones"), "A100001", 1)]
            let (sample, replacements, summary) = try Self.finalize(draw, marks: ["A100001": "Held by a YOT"])
            #expect(Set(sample.members.map(\.drawn.reference)) == ["A200001", "B100002"])
            #expect(replacements["A100001"]?["overOfficerLimit"] == true)
            #expect(summary.contains("(!) 1 substitute took its officer over the draw's --max-per-officer 1"), "\(summary)")
        }

        /// In fieldwork, with the limit read back from finalize.json: a substitute over the limit is
        /// passed over, and an officer whose case left is free again.
        @Test func replaceKeepsToTheLimitReadBackFromTheFinalSample() throws {
            try withScratch { scratch in
                let draw = Self.draw(limit: 1, ordering: ["B200001", "A200002", "B200002", "A200001"])
                try draw.write(to: scratch + "/draw")
                try writeBytes(draw.returned(), to: scratch + "/returned.csv")
                try FinalizeTests.finalize(draw: scratch + "/draw", returned: scratch + "/returned.csv", out: scratch + "/final")
                let loaded = try FinalizeDirectory(path: scratch + "/final")
                #expect(loaded.sample.officerLimit == 1)
                let (next, replacement) = try loaded.sample.replacing(
                    reference: "B100002", reason: ExclusionReasonText(code: "x", text: "Case file lost"), time: "2026-11-24T10:00:00Z")
                #expect(replacement.substitute == "B200002", "Smith's B200001 and A200002 would give Smith two cases")
                #expect(!replacement.overOfficerLimit)
                let (again, _) = try next.replacing(
                    reference: "A100001", reason: ExclusionReasonText(code: "x", text: "Case file lost"), time: "2026-11-24T11:00:00Z")
                #expect(Set(again.members.map(\.drawn.reference)) == ["B200001", "B200002"], "Smith's case has left, so Smith's B200001 is within the limit again")
            }
        }

        /// The limit travels from a real draw's draw.json into finalize.json; a draw without one gives
        /// a final sample without one.
        @Test func theLimitIsReadFromARealDraw() throws {
            try withScratch { scratch in
                for (name, limit) in [("limited", 3), ("plain", nil)] as [(String, Int?)] {
                    var job = DrawJob(
                        longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: try readBytes(Examples.domainTwoPath),
                        size: 60, seed: 7, substitutesPerCase: nil, delimiter: nil, toolVersion: "test", maximumPerOfficer: limit)
                    job.officerLimitRepetitions = 20
                    try OutputDirectory.write(try job.run().outputs.files, to: scratch + "/" + name, replacingExisting: false, marker: "draw.json")
                    let draw = try DrawDirectory(path: scratch + "/" + name)
                    #expect(draw.sample.officerLimit == limit)
                    #expect(draw.sample.provisional.allSatisfy { !$0.officer.isEmpty }, "the example names every officer")
                    try writeBytes(try OrganisationEdit().returnedBytes(drawDirectory: scratch + "/" + name), to: scratch + "/\(name).csv")
                    try FinalizeTests.finalize(draw: scratch + "/" + name, returned: scratch + "/\(name).csv", out: scratch + "/\(name)-final")
                    #expect(try FinalizeDirectory(path: scratch + "/\(name)-final").sample.officerLimit == limit)
                }
            }
        }

        @Test func aBlankOfficerIsNeverLimited() {
            func drawn(_ officer: String) -> DrawnCase {
                DrawnCase(fields: [], stratum: "Male", reference: "X", key: "X", unit: Unit(tier1: "N", tier2: "A"), officer: officer)
            }
            var load = OfficerLoad(limit: 1, members: [drawn(""), drawn(""), drawn("po smith")])
            #expect(load.allows(drawn("")))
            #expect(!load.allows(drawn("po smith")))
            load.remove(drawn("po smith"))
            #expect(load.allows(drawn("po smith")))
            #expect(OfficerLoad(limit: nil, members: [drawn("a"), drawn("a")]).allows(drawn("a")))
        }
    }
}
