import Foundation
import Testing

@testable import CaseSampling

extension FinalizeTests {
    /// The order substitutes are taken in, on a hand-made draw: two male cases and a female case in
    /// North / Team A, a male case in South / Team C, and substitutes placed to test each step.
    @Suite struct SubstitutionRuleTests {
        typealias Case = SyntheticDraw.Case

        static let draw = SyntheticDraw(
            selected: [Case(reference: "A100001"), Case(reference: "B100002"), Case(reference: "F100003", gender: "Female"),
                       Case(reference: "G100004", tier1: "South", tier2: "Team C")],
            substitutes: [
                (Case(reference: "A200001"), "A100001", 1),
                (Case(reference: "A200002", tier2: "Team B"), "A100001", 2),
                (Case(reference: "B200001"), "B100002", 1),
                (Case(reference: "F200001", gender: "Female"), "F100003", 1),
                (Case(reference: "G200001", tier1: "South", tier2: "Team C"), "G100004", 1),
                (Case(reference: "H200001", tier2: "Team B"), "G100004", 2),
            ])

        /// Finalizes `draw` with `marks` and returns (case → status) of final.csv and the record.
        static func finalize(
            _ draw: SyntheticDraw = draw, marks: [String: String] = [:], unavailable: Set<String> = [], also: [String] = []
        ) throws -> (status: [String: String], record: JSONValue) {
            var result: (status: [String: String], record: JSONValue) = ([:], .null)
            try withScratch { scratch in
                try draw.write(to: scratch + "/draw")
                try writeBytes(draw.returned(marks: marks, unavailable: unavailable, also: also), to: scratch + "/returned.csv")
                let outputs = try FinalizeTests.finalize(draw: scratch + "/draw", returned: scratch + "/returned.csv", out: scratch + "/final")
                let rows = try FinalizeTests.rows(scratch + "/final/final.csv")
                result = (Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0.last!) }), outputs.record.document)
            }
            return result
        }

        static func sources(_ record: JSONValue) -> [String: String] {
            Dictionary(uniqueKeysWithValues: (record["replacements"]?.arrayValue ?? []).map {
                ($0["case"]!.stringValue!, $0["source"]?.stringValue ?? "none")
            })
        }

        @Test func excludedCase_getsItsOwnFirstSubstitute() throws {
            let (status, record) = try Self.finalize(marks: ["A100001": "yot-held"])
            #expect(status["A200001"] == "substitute for A100001")
            #expect(status["A100001"] == nil)
            #expect(Self.sources(record)["A100001"] == "own substitute, rank 1")
        }

        @Test func excludedOwnSubstitute_isSkippedForTheNextRank() throws {
            let (status, record) = try Self.finalize(marks: ["A100001": "yot-held", "A200001": "Held by a YOT"], also: ["A200001"])
            #expect(status["A200002"] == "substitute for A100001")
            #expect(status["A200001"] == nil)
            #expect(Self.sources(record)["A100001"] == "own substitute, rank 2")
        }

        /// With its own substitutes gone, a place takes the stratum's reserve: same tier-2 unit, then
        /// same tier-1 unit, then anywhere; never another stratum (F200001 is in Team A but female).
        @Test(arguments: [
            ([String](), "B200001", "same stratum and tier-2 unit"),
            (["B200001"], "H200001", "same stratum and tier-1 unit"),
            (["B200001", "H200001"], "G200001", "same stratum, another tier-1 unit"),
        ])
        func ownSubstitutesGone_takeTheNearestOfTheStratum(alsoExcluded: [String], expected: String, source: String) throws {
            var marks = ["A100001": "yot-held", "A200001": "yot-held", "A200002": "yot-held"]
            for reference in alsoExcluded { marks[reference] = "yot-held" }
            let (status, record) = try Self.finalize(marks: marks, also: ["A200001", "A200002"] + alsoExcluded)
            #expect(status[expected] == "substitute for A100001")
            #expect(Self.sources(record)["A100001"] == source)
            #expect(status["F200001"] == nil)
        }

        /// Every place takes its own substitute before any takes another's: A100001 comes first in
        /// provisional.csv, but B200001 stays B100002's.
        @Test func ownSubstitutes_areGivenOutBeforeTheReserve() throws {
            let (status, record) = try Self.finalize(
                marks: ["A100001": "yot-held", "A200001": "yot-held", "A200002": "yot-held", "B100002": "yot-held"],
                also: ["A200001", "A200002"])
            #expect(status["B200001"] == "substitute for B100002")
            #expect(status["H200001"] == "substitute for A100001")
            #expect(Self.sources(record)["A100001"] == "same stratum and tier-1 unit")
        }

        /// Within a step, the reserve is taken by permanent random number (the draw's own order),
        /// not by file order.
        @Test(arguments: [UInt64(1), 2, 3, 20_181_101])
        func reserveOfOneStep_isTakenByPermanentRandomNumber(seed: UInt64) throws {
            var draw = Self.draw
            draw.seed = seed
            let pool = ["P300001", "P300002", "P300003", "P300004", "P300005"]
            draw.substitutes += pool.enumerated().map { (Case(reference: $1, tier1: "South", tier2: "Team C"), "G100004", $0 + 3) }
            let marks = ["A100001": "yot-held", "A200001": "yot-held", "A200002": "yot-held", "B200001": "yot-held",
                         "H200001": "yot-held", "G200001": "yot-held"]
            let (status, _) = try Self.finalize(draw, marks: marks, also: Array(marks.keys.filter { $0 != "A100001" }))
            let expected = pool.min { a, b in
                let ha = CaseReference.hash(a), hb = CaseReference.hash(b)
                return (PermanentRandomNumber.value(seed: seed, caseHash: ha), ha) < (PermanentRandomNumber.value(seed: seed, caseHash: hb), hb)
            }!
            #expect(status[expected] == "substitute for A100001", "seed \(seed)")
        }

        /// The seeds above do pick different members of the pool, so file order would fail them.
        @Test func permanentRandomOrder_differsFromFileOrder() {
            let pool = ["P300001", "P300002", "P300003", "P300004", "P300005"]
            let winners = Set([UInt64(1), 2, 3, 20_181_101].map { seed in
                pool.min { PermanentRandomNumber.value(seed: seed, caseHash: CaseReference.hash($0)) < PermanentRandomNumber.value(seed: seed, caseHash: CaseReference.hash($1)) }!
            })
            #expect(winners.count > 1)
        }

        /// A list with an availability column but no exclusion column is used, and the summary warns.
        @Test func listWithoutExclusionColumn_isUsed_withAWarning() throws {
            try withScratch { scratch in
                try Self.draw.write(to: scratch + "/draw")
                let text = "CRN,RO available\r\nA100001,Y\r\nB100002,N\r\nF100003,\r\nG100004,Y\r\n"
                try writeBytes(Array(text.utf8), to: scratch + "/returned.csv")
                let outcome = try FinalizeJob(
                    drawDirectory: scratch + "/draw", returnedPath: scratch + "/returned.csv", toolVersion: "test").run()
                let (sample, match, outputs) = (outcome.sample, outcome.match, outcome.outputs)
                #expect(sample.members.map(\.drawn.reference).contains("B200001"))
                let summary = FinalizeSummary.finalizeText(
                    sample: sample, match: match, record: outputs.record, drawDirectory: "draw", returnedFile: "returned.csv",
                    directory: "final", files: [])
                #expect(summary.contains("Columns used: \"CRN\" (case reference), none (exclusion), \"RO available\" (officer availability)."))
                #expect(summary.contains("Warning: the returned list has no exclusion column"))
                #expect(outputs.record.document["returned"]?["columns"]?["exclusion"] == .null)
            }
        }

        @Test func officerUnavailable_isReplacedWithItsReason() throws {
            let (status, record) = try Self.finalize(unavailable: ["G100004"])
            #expect(status["G200001"] == "substitute for G100004")
            let replacement = record["replacements"]?.arrayValue?.first
            #expect(replacement?["reasonCode"]?.stringValue == "officer-unavailable")
            #expect(replacement?["officerUnavailable"]?.boolValue == true)
        }

        /// A stratum with nothing left: the place stays empty and every output says so.
        @Test func strataThatRunOut_leaveThePlaceEmpty_andSaySo() throws {
            let (status, record) = try Self.finalize(marks: ["F100003": "yot-held", "F200001": "yot-held"], also: ["F200001"])
            #expect(status.count == 3)
            #expect(!status.values.contains("substitute for F100003"))
            #expect(Self.sources(record)["F100003"] == "none")
            let shortfall = record["shortfall"]?.arrayValue ?? []
            #expect(shortfall.count == 1)
            #expect(shortfall.first?["slot"]?.stringValue == "F100003")
            #expect(shortfall.first?["stratum"]?.stringValue == "Female")
            #expect(record["sample"]?["final"]?.intValue == 3)
            #expect(record["sample"]?["shortfall"]?.intValue == 1)
            let female = record["proportions"]?["variables"]?.arrayValue?.first?["categories"]?.arrayValue?[1]
            #expect(female?["provisional"]?.intValue == 1)
            #expect(female?["final"]?.intValue == 0)
            // n = 3 of N = 240: expected 3 · 40/240 = 0.5 female, so 0 is the floor and still within rounding.
            #expect(female?["withinRounding"]?.boolValue == true)
        }
    }
}
