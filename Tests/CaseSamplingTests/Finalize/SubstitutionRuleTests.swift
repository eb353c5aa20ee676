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

        static let seeds: [UInt64] = [1, 2, 3, 11, 20_181_101]

        /// A place goes to the next case of its stratum in the order of remaining random numbers,
        /// whatever unit it is in and whoever it was listed for (never the female F200001).
        @Test(arguments: seeds)
        func excludedCase_isReplacedByTheNextOfItsStratum(seed: UInt64) throws {
            var draw = Self.draw
            draw.seed = seed
            let expected = draw.next()
            let (status, record) = try Self.finalize(draw, marks: ["A100001": "yot-held"])
            #expect(status[expected] == "substitute for A100001", "seed \(seed)")
            #expect(status["A100001"] == nil)
            #expect(status["F200001"] == nil)
            #expect(Self.sources(record)["A100001"]?.hasPrefix("next in stratum, ") == true)
            #expect(record["ruleVersion"]?.intValue == 2)
            #expect(record["equalProbability"]?["kept"]?.boolValue == true)
        }

        /// The seeds above pick substitutes from different units and listed for different cases, so a
        /// rule preferring the own substitute or the unit would fail them.
        @Test func nextOfTheStratum_isNotAlwaysTheOwnSubstitute() {
            let winners = Set(Self.seeds.map { seed in
                var draw = Self.draw
                draw.seed = seed
                return draw.next()
            })
            #expect(winners.count > 1)
            #expect(winners != ["A200001"])
        }

        /// The order is the rescaled number, not the raw one: for some seed the two differ, and finalize
        /// follows the rescaled one.
        @Test func remainingOrder_isNotTheRawNumbersOrder() throws {
            let seed = try #require((UInt64(1)...500).first { seed in
                var draw = Self.draw
                draw.seed = seed
                let raw = draw.substitutes.map(\.0).filter { $0.gender == "Male" }.min {
                    PermanentRandomNumber.value(seed: seed, caseHash: CaseReference.hash($0.reference))
                        < PermanentRandomNumber.value(seed: seed, caseHash: CaseReference.hash($1.reference))
                }!.reference
                return raw != draw.next()
            })
            var draw = Self.draw
            draw.seed = seed
            let (status, _) = try Self.finalize(draw, marks: ["A100001": "yot-held"])
            #expect(status[draw.next()] == "substitute for A100001", "seed \(seed)")
        }

        /// A substitute marked in the returned list is passed over for the next in order.
        @Test(arguments: seeds)
        func markedSubstitute_isPassedOver(seed: UInt64) throws {
            var draw = Self.draw
            draw.seed = seed
            let first = draw.next()
            let (status, _) = try Self.finalize(draw, marks: ["A100001": "yot-held", first: "Held by a YOT"], also: [first])
            #expect(status[draw.next(except: [first])] == "substitute for A100001", "seed \(seed)")
        }

        /// Units only pair the chosen cases with the places: when the two cases that fill the places of
        /// A100001 (North / Team A) and G100004 (South / Team C) include G200001, G100004's place gets it.
        @Test func units_onlyPairTheChosenCasesWithThePlaces() throws {
            let seed = try #require((UInt64(1)...500).first { seed in
                var draw = Self.draw
                draw.seed = seed
                let first = draw.next()
                return first == "G200001" || draw.next(except: [first]) == "G200001"
            })
            var draw = Self.draw
            draw.seed = seed
            let first = draw.next(), second = draw.next(except: [draw.next()])
            let (status, record) = try Self.finalize(draw, marks: ["A100001": "yot-held", "G100004": "yot-held"])
            #expect(status["G200001"] == "substitute for G100004", "seed \(seed)")
            #expect(Set(status.keys) == Set(["B100002", "F100003", first, second]))
            #expect(Self.sources(record)["G100004"] == "next in stratum, same tier-2 unit")
        }

        /// A case alone in its stratum takes a case of its stratum listed for someone else before its own
        /// substitute from another stratum (which the draw listed when the stratum ran out).
        @Test func loneCase_takesItsStratum_beforeItsOwnFromAnotherStratum() throws {
            var draw = Self.draw
            draw.substitutes = [
                (Case(reference: "M900001"), "F100003", 1),
                (Case(reference: "F200002", gender: "Female", tier1: "South", tier2: "Team C"), "G100004", 1),
            ]
            let (status, record) = try Self.finalize(draw, marks: ["F100003": "yot-held"])
            #expect(status["F200002"] == "substitute for F100003")
            #expect(status["M900001"] == nil)
            #expect(Self.sources(record)["F100003"] == "next in stratum, another tier-1 unit")
        }

        /// When the stratum has nothing left, the place takes its own substitute from another stratum,
        /// and the record and summary say that equal probability was not kept there.
        @Test func strataThatRunOut_takeTheOwnSubstituteFromAnotherStratum_andSaySo() throws {
            var draw = Self.draw
            draw.substitutes.append((Case(reference: "M900001"), "F100003", 2))
            let (status, record) = try Self.finalize(draw, marks: ["F100003": "yot-held", "F200001": "yot-held"], also: ["F200001"])
            #expect(status["M900001"] == "substitute for F100003")
            #expect(Self.sources(record)["F100003"] == "own substitute from another stratum, rank 2")
            #expect(record["equalProbability"]?["kept"]?.boolValue == false)
            let stratum = record["equalProbability"]?["strata"]?.arrayValue?.first
            #expect(stratum?["stratum"]?.stringValue == "Female")
            #expect(stratum?["fromAnotherStratum"]?.intValue == 1)
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
                #expect(sample.members.contains { $0.slot == "B100002" && $0.drawn.reference == Self.draw.next() })
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
            #expect(status[Self.draw.next()] == "substitute for G100004")
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
            #expect(record["equalProbability"]?["strata"]?.arrayValue?.first?["empty"]?.intValue == 1)
        }
    }
}
