import Foundation
import Testing

@testable import CaseSampling

extension FinalizeTests {
    /// Week −5 to fieldwork on the example long list: draw, the organisation's edit, finalize, replace.
    @Suite struct RoundTripTests {
        @Test func exampleReturnedList_isTheExampleEditOfTheREADMEDraw() throws {
            try withScratch { scratch in
                try FinalizeTests.drawExample(to: scratch + "/sample")
                let bytes = try OrganisationEdit.example(drawDirectory: scratch + "/sample").returnedBytes(drawDirectory: scratch + "/sample")
                if ProcessInfo.processInfo.environment["CASESAMPLE_REGENERATE_EXAMPLES"] == "1" {
                    try writeBytes(bytes, to: FinalizeTests.examplePath)
                }
                #expect(try readBytes(FinalizeTests.examplePath) == bytes,
                        "SampleSpecs/examples/returned.csv is stale: run CASESAMPLE_REGENERATE_EXAMPLES=1 swift test --filter exampleReturnedList")
                #expect(!bytes.starts(with: CSVWriter.byteOrderMark))
                #expect(bytes.contains { $0 >= 0x80 } && String(bytes: bytes, encoding: .utf8) == nil, "expected Windows-1252 letters in the names")
            }
        }

        @Test func drawEditFinalizeReplace_keepsTheStrataAndUsesEachSubstituteOnce() throws {
            try withScratch { scratch in
                let draw = scratch + "/sample", out = scratch + "/sample-final"
                try FinalizeTests.drawExample(to: draw)
                let edit = try OrganisationEdit.example(drawDirectory: draw)
                try writeBytes(try edit.returnedBytes(drawDirectory: draw), to: scratch + "/returned.csv")
                let outputs = try FinalizeTests.finalize(draw: draw, returned: scratch + "/returned.csv", out: out)
                #expect(Set(try directoryContents(out).keys) == Set(OutputFiles.finalSample))

                let provisional = try FinalizeTests.rows(draw + "/provisional.csv")
                let substitutes = try FinalizeTests.rows(draw + "/substitutes.csv")
                let final = try FinalizeTests.rows(out + "/final.csv")
                let reserve = try FinalizeTests.rows(out + "/reserve.csv")
                let removed = try FinalizeTests.rows(out + "/removed.csv")
                let marked = Set(edit.exclusions.keys).union(edit.availability.filter { ["N", "No", "Unavailable"].contains($0.value) }.keys)

                // Every case of the draw is in exactly one of the three files.
                let all = provisional.map { $0[0] } + substitutes.map { $0[0] }
                let placed = final.map { $0[0] } + reserve.map { $0[0] } + removed.map { $0[0] }
                #expect(placed.sorted() == all.sorted())
                #expect(Set(removed.map { $0[0] }) == marked)
                #expect(final.count == 120)
                #expect(final.allSatisfy { !marked.contains($0[0]) })

                // Original columns as in provisional.csv, then Stratum and Status.
                let header = try CSVRecords.parse(readBytes(out + "/final.csv"), file: "final.csv")[0].fields
                let provisionalHeader = try CSVRecords.parse(readBytes(draw + "/provisional.csv"), file: "p")[0].fields
                #expect(header == provisionalHeader + ["Status"])
                let byReference = Dictionary(uniqueKeysWithValues: (provisional + substitutes).map { ($0[0], Array($0.prefix(20))) })
                for row in final { #expect(Array(row.prefix(20)) == byReference[row[0]]) }

                // Each place of a marked provisional case went to one substitute of its stratum.
                let stratum = Dictionary(uniqueKeysWithValues: provisional.map { ($0[0], $0[19]) })
                let leaving = provisional.map { $0[0] }.filter(marked.contains)
                #expect(leaving.count == 8)
                for reference in leaving {
                    let standIns = final.filter { $0[20] == "substitute for \(reference)" }
                    #expect(standIns.count == 1, "place of \(reference)")
                    #expect(standIns.first?[19] == stratum[reference])
                }
                #expect(final.filter { $0[20] == "selected" }.count == 112)
                #expect(final.map { $0[19] }.sorted() == provisional.map { $0[19] }.sorted(), "the strata match the provisional sample's")

                // Every place went to the next case of its stratum (version 2 of the rule).
                let record = outputs.record.document
                let replacements = record["replacements"]?.arrayValue ?? []
                #expect(replacements.count == 8)
                let sources = replacements.compactMap { $0["source"]?.stringValue }
                #expect(sources.count == 8 && sources.allSatisfy { $0.hasPrefix("next in stratum, ") }, "\(sources)")
                #expect(record["ruleVersion"]?.intValue == 2)
                #expect(record["equalProbability"]?["kept"]?.boolValue == true)
                #expect(record["removedFromReserve"]?.arrayValue?.count == 2)
                #expect(record["returned"]?["encoding"]?.stringValue == "Windows-1252")
                #expect(record["returned"]?["excluded"]?.intValue == 7, "six provisional cases and a substitute")
                #expect(record["returned"]?["officerUnavailable"]?.intValue == 3, "two provisional cases and a substitute")
                #expect(record["proportions"]?["allVariablesWithinRounding"]?.boolValue == true)
                #expect(record["history"]?.arrayValue?.count == 1)
                let margin = try MarginOfError.achieved(sampleSize: 120, population: 1624, confidence: 0.8)
                #expect(abs((record["marginOfError"]?["final"]?["margin"]?.doubleValue ?? 0) - margin) < 1e-6)

                // Reading the directory back and writing it again gives the same bytes.
                let loaded = try FinalizeDirectory(path: out)
                #expect(FinalOutputs(rewriting: loaded, toolVersion: "test").files.map(\.bytes) == outputs.files.map(\.bytes))

                // Fieldwork: the first case of final.csv goes; then its substitute goes too.
                let first = final[0][0]
                let firstSlot = final[0][20] == "selected" ? first : String(final[0][20].dropFirst("substitute for ".count))
                let time = Date(timeIntervalSince1970: 1_795_000_000)
                let once = try ReplaceJob(directory: out, caseReference: " \(first.lowercased()) ", reason: "RO unavailable", allowsFreeText: true,
                                          time: time, toolVersion: "test").run()
                try once.outputs.write(to: out, replacingExisting: true)
                #expect(once.replacement.reason == ExclusionReasonText(code: "other", text: "RO unavailable"))
                let promoted = try #require(once.replacement.substitute)
                let after = try FinalizeTests.rows(out + "/final.csv")
                #expect(after.count == 120)
                #expect(after.first { $0[0] == promoted }?[20] == "substitute for \(firstSlot)")
                #expect(try FinalizeTests.rows(out + "/reserve.csv").count == reserve.count - 1)
                let history = try FinalizeTests.json(out + "/finalize.json")["history"]?.arrayValue ?? []
                #expect(history.count == 2)
                #expect(history.last?["time"]?.stringValue == ReplaceJob.timestamp(time))
                #expect(ReplaceJob.timestamp(time) == "2026-11-18T11:06:40Z")
                #expect(history.last?["reason"]?.stringValue == "RO unavailable")

                let twice = try ReplaceJob(directory: out, caseReference: promoted, reason: "Limited access", time: time, toolVersion: "test").run()
                try twice.outputs.write(to: out, replacingExisting: true)
                #expect(twice.replacement.status == "substitute for \(firstSlot)")
                #expect(twice.replacement.reason.code == "limited-access")
                let third = try FinalizeTests.rows(out + "/final.csv")
                #expect(third.first { $0[0] == twice.replacement.substitute }?[20] == "substitute for \(firstSlot)")
                let removedNow = try FinalizeTests.rows(out + "/removed.csv")
                #expect(removedNow.last?[0] == promoted)
                #expect(removedNow.last?[21] == "limited-access")
                #expect(removedNow.last?[24] == "fieldwork")
                #expect(try FinalizeTests.json(out + "/finalize.json")["replacements"]?.arrayValue?.count == 10)
            }
        }

        @Test func sameInputs_giveTheSameBytes() throws {
            try withScratch { scratch in
                let draw = scratch + "/sample"
                try FinalizeTests.drawExample(to: draw)
                try FinalizeTests.finalize(draw: draw, returned: FinalizeTests.examplePath, out: scratch + "/a")
                try FinalizeTests.finalize(draw: draw, returned: FinalizeTests.examplePath, out: scratch + "/b")
                let a = try directoryContents(scratch + "/a"), b = try directoryContents(scratch + "/b")
                #expect(a.keys.sorted() == OutputFiles.finalSample.sorted())
                for name in OutputFiles.finalSample { #expect(a[name] == b[name], "\(name) differs") }
                let text = String(decoding: a["finalize.json"]!, as: UTF8.self)
                #expect(!text.contains("\"time\""), "finalize writes no time")
                #expect(!text.contains(scratch), "finalize writes no absolute path")
            }
        }

        /// The same returned list, re-saved as UTF-8 with a BOM and semicolons, and filtered to the
        /// provisional cases with the columns renamed to aliases, gives the same final sample.
        @Test func returnedListSavedOtherwise_givesTheSameFinalSample() throws {
            try withScratch { scratch in
                let draw = scratch + "/sample"
                try FinalizeTests.drawExample(to: draw)
                var edit = try OrganisationEdit.example(drawDirectory: draw)
                try FinalizeTests.finalize(draw: draw, returned: FinalizeTests.examplePath, out: scratch + "/a")
                edit.windows1252 = false
                edit.delimiter = ";"
                edit.exclusionHeader = "Exclude"
                edit.availabilityHeader = "officer_available"
                try writeBytes(CSVWriter.byteOrderMark + edit.returnedBytes(drawDirectory: draw), to: scratch + "/returned.csv")
                try FinalizeTests.finalize(draw: draw, returned: scratch + "/returned.csv", out: scratch + "/b")
                for name in ["final.csv", "reserve.csv", "removed.csv"] {
                    #expect(try readBytes(scratch + "/a/" + name) == readBytes(scratch + "/b/" + name), "\(name) differs")
                }
            }
        }
    }
}
