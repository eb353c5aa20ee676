import Foundation
import Testing

@testable import CaseSampling

extension FinalizeTests {
    /// Fieldwork replacement on the hand-made draw of ``SubstitutionRuleTests``, finalized with nothing
    /// marked: A100001, B100002, F100003 (female) and G100004 in the sample.
    @Suite struct ReplaceTests {
        static let time = Date(timeIntervalSince1970: 1_796_000_000)

        /// `body` gets the scratch directory and the final sample's directory in it.
        static func withFinalSample(_ body: (String, String) throws -> Void) throws {
            try withScratch { scratch in
                let draw = SubstitutionRuleTests.draw
                try draw.write(to: scratch + "/draw")
                try writeBytes(draw.returned(), to: scratch + "/returned.csv")
                try FinalizeTests.finalize(draw: scratch + "/draw", returned: scratch + "/returned.csv", out: scratch + "/final")
                try body(scratch, scratch + "/final")
            }
        }

        @discardableResult
        static func replace(_ directory: String, _ reference: String, reason: String = "yot-held", allowShortfall: Bool = false) throws -> Replacement {
            let job = ReplaceJob(directory: directory, caseReference: reference, reason: reason, allowShortfall: allowShortfall,
                                 time: time, toolVersion: "test")
            let outcome = try job.run()
            let replacement = outcome.replacement
            let outputs = outcome.outputs
            try outputs.write(to: directory, replacingExisting: true)
            return replacement
        }

        static func status(_ directory: String) throws -> [String: String] {
            Dictionary(uniqueKeysWithValues: try FinalizeTests.rows(directory + "/final.csv").map { ($0[0], $0.last!) })
        }

        @Test func replace_promotesByTheRule_andAppendsToTheHistory() throws {
            try Self.withFinalSample { _, final throws in
                let draw = SubstitutionRuleTests.draw
                let expected = [draw.next(), draw.next(except: [draw.next()])]
                let third = draw.next(except: expected)
                let first = try Self.replace(final, "a100001", reason: "Held by a YOT")
                #expect(first.substitute == expected[0])
                #expect(first.source?.description.hasPrefix("next in stratum") == true)
                let second = try Self.replace(final, expected[0])
                #expect(second.substitute == expected[1])
                #expect(second.status == "substitute for A100001")
                let last = try Self.replace(final, expected[1], reason: "officer unavailable")
                #expect(last.substitute == third)
                #expect(try Self.status(final)[third] == "substitute for A100001")

                let record = try FinalizeTests.json(final + "/finalize.json")
                let history = record["history"]?.arrayValue ?? []
                #expect(history.map { $0["action"]?.stringValue } == ["finalize", "replace", "replace", "replace"])
                #expect(history[1]["time"]?.stringValue == "2026-11-30T00:53:20Z")
                #expect(history[1]["reasonCode"]?.stringValue == "yot-held")
                #expect(history[3]["reason"]?.stringValue == "Responsible officer unavailable")
                #expect(history[3]["source"]?.stringValue == last.source?.description)
                #expect(record["replacements"]?.arrayValue?.count == 3)
                #expect(record["replacements"]?.arrayValue?.allSatisfy { $0["time"] == nil } == true, "times are in the history only")
                #expect(try FinalizeTests.rows(final + "/removed.csv").map { $0[0] } == ["A100001"] + expected)
            }
        }

        /// A final sample made by version 1 of the rule (a directory whose finalize.json has no
        /// ruleVersion) is kept to version 1 in fieldwork: the slot's own substitute first.
        @Test func versionOneSample_isReplacedByVersionOne() throws {
            try Self.withFinalSample { _, final throws in
                var sample = try FinalizeDirectory(path: final).sample
                #expect(sample.ruleVersion == 2)
                sample.ruleVersion = 1
                let reason = ExclusionReasonText(code: "x", text: "Case file lost")
                let (next, replacement) = try sample.replacing(reference: "A100001", reason: reason, time: "2026-11-24T10:00:00Z")
                #expect(replacement.substitute == "A200001")
                #expect(replacement.source == .ownSubstitute(rank: 1))
                #expect(next.members.contains { $0.drawn.reference == "A200001" && $0.slot == "A100001" })
                let loaded = try FinalizeDirectory(path: final).record
                let record = FinalizeRecord(
                    sample: next, spec: loaded.spec, draw: loaded.draw, returned: loaded.returned, history: loaded.history,
                    outputs: loaded.outputs, toolVersion: "test")
                #expect(record.ruleVersion == nil && record.equalProbability == nil)
                #expect(record.rule.hasPrefix("Each place whose case leaves goes to a substitute of the same stratum: the place's own substitutes"))
            }
        }

        /// The proportions in finalize.json are those of final.csv after each replacement.
        @Test func proportions_followFinalCSV_afterEachReplacement() throws {
            try Self.withFinalSample { _, final throws in
                try Self.replace(final, "F100003")
                try Self.replace(final, "F200001", allowShortfall: true)
                let rows = try FinalizeTests.rows(final + "/final.csv")
                let record = try FinalizeTests.json(final + "/finalize.json")
                let categories = record["proportions"]?["variables"]?.arrayValue?.first?["categories"]?.arrayValue ?? []
                #expect(categories.map { $0["final"]?.intValue } == [rows.filter { $0[6] == "Male" }.count, rows.filter { $0[6] == "Female" }.count])
                #expect(categories.map { $0["final"]?.intValue } == [3, 0])
                #expect(categories.map { $0["provisional"]?.intValue } == [3, 1])
                #expect(record["sample"]?["final"]?.intValue == 3)
                let margin = try MarginOfError.achieved(sampleSize: 3, population: 240, confidence: 0.9)
                #expect(abs((record["marginOfError"]?["final"]?["margin"]?.doubleValue ?? 0) - margin) < 1e-6)
                #expect(record["marginOfError"]?["target"]?.doubleValue == 0.1)
            }
        }

        @Test func noSubstituteLeft_changesNothing_unlessShortfallAllowed() throws {
            try Self.withFinalSample { scratch, final throws in
                try Self.replace(final, "F100003")
                let before = try directoryContents(final)
                let error = #expect(throws: FinalSample.ReplaceError.self) { try Self.replace(final, "F200001") }
                #expect(error?.kind == .noSubstituteLeft)
                #expect(error?.description.contains("(Female)") == true)
                #expect(try directoryContents(final) == before)

                let replacement = try Self.replace(final, "F200001", allowShortfall: true)
                #expect(replacement.isShortfall)
                #expect(try Self.status(final).count == 3)
                let record = try FinalizeTests.json(final + "/finalize.json")
                #expect(record["shortfall"]?.arrayValue?.first?["slot"]?.stringValue == "F100003")
                #expect(record["history"]?.arrayValue?.last?["substitute"] == .null)
                #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).sorted() == ["draw", "final", "returned.csv"])
            }
        }

        @Test(arguments: [
            ("Z999999", FinalSample.ReplaceError.Kind.notInSample),
            ("B200001", .inReserve),
            ("A100001", .alreadyRemoved),
        ])
        func caseNotInTheSample_isRefused(reference: String, kind: FinalSample.ReplaceError.Kind) throws {
            try Self.withFinalSample { _, final throws in
                try Self.replace(final, "A100001")
                let before = try directoryContents(final)
                let error = #expect(throws: FinalSample.ReplaceError.self) { try Self.replace(final, reference) }
                #expect(error?.kind == kind)
                #expect(error?.description.contains(reference) == false)
                #expect(try directoryContents(final) == before)
            }
        }

        @Test func reasonOutsideTheSpec_needsFreeText() throws {
            try Self.withFinalSample { _, final throws in
                let job = ReplaceJob(directory: final, caseReference: "A100001", reason: "Case file lost", time: Self.time, toolVersion: "test")
                let error = #expect(throws: ReplaceJob.UnknownReason.self) { try job.run() }
                #expect(error?.description.contains("\n  yot-held             Held by a YOT\n") == true, "\(String(describing: error))")
                var free = job
                free.allowsFreeText = true
                #expect(try free.run().replacement.reason == ExclusionReasonText(code: "other", text: "Case file lost"))
            }
        }

        @Test(arguments: ["final.csv", "reserve.csv", "removed.csv", "spec.json"])
        func editedFinalSample_isRefused(name: String) throws {
            try Self.withFinalSample { _, final throws in
                var bytes = try readBytes(final + "/" + name)
                bytes.append(0x0A)
                try writeBytes(bytes, to: final + "/" + name)
                let error = #expect(throws: FinalizeError.self) { try Self.replace(final, "A100001") }
                #expect(error?.problems.map(\.kind) == [.changedOutput])
            }
        }

        /// A failure at any point of writing the new state (the disk filling up, the process killed)
        /// leaves the previous state whole, and no temporary directory behind.
        @Test(arguments: [
            (OutputDirectory.ReplaceStrategy.exchange, OutputDirectory.Step.wroteFile(0)),
            (.exchange, .wroteFile(2)),
            (.exchange, .wroteFile(4)),
            (.renameAside, .wroteFile(3)),
            (.renameAside, .movedOldAside),
        ])
        func failureWhileWriting_leavesThePreviousStateWhole(strategy: OutputDirectory.ReplaceStrategy, failAt: OutputDirectory.Step) throws {
            try Self.withFinalSample { scratch, final throws in
                try Self.replace(final, "A100001")
                let before = try directoryContents(final)
                let outputs = try ReplaceJob(directory: final, caseReference: "G100004", reason: "yot-held", time: Self.time, toolVersion: "test").run().outputs
                let injected = OutputError(.systemCallFailed, path: final, message: "injected failure")
                let error = #expect(throws: OutputError.self) {
                    try OutputDirectory.write(
                        outputs.files, to: final, replacingExisting: true, marker: OutputFiles.finalizeRecord, strategy: strategy
                    ) { step throws(OutputError) in
                        if step == failAt { throw injected }
                    }
                }
                #expect(error == injected)
                #expect(try directoryContents(final) == before)
                #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).sorted() == ["draw", "final", "returned.csv"])
                // The state is usable: the same replacement succeeds afterwards.
                let draw = SubstitutionRuleTests.draw
                #expect(try Self.replace(final, "G100004").substitute == draw.next(except: [draw.next()]))
            }
        }
    }
}
