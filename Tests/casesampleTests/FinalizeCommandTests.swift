import Foundation
import Testing

/// `casesample finalize` and `casesample replace`, run as a user runs them, on the shipped example:
/// the README's draw (`--size 120 --seed 7`) and `SampleSpecs/examples/returned.csv`.
@Suite struct FinalizeCommandTests {
    static let returned = DrawCommandTests.root.appendingPathComponent("SampleSpecs/examples/returned.csv").path

    /// A scratch folder holding the README's draw in `sample`.
    static func drawn() throws -> URL {
        let (parent, _) = try DrawCommandTests.scratch()
        let result = try ExecutableRunner.run(["draw", DrawCommandTests.example, "--size", "120", "--seed", "7", "--out", parent.path + "/sample"])
        #expect(result.exitCode == 0, "\(result)")
        return parent
    }

    static func files(_ directory: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return result
    }

    /// The example returned list as text (Windows-1252 read as Latin-1, so that edits keep its bytes).
    static func returnedText() throws -> String {
        try String(data: Data(contentsOf: URL(fileURLWithPath: returned)), encoding: .isoLatin1)!
    }

    static func lineNumber(containing text: String, in file: String) -> Int {
        file.components(separatedBy: "\r\n").firstIndex { $0.contains(text) }! + 1
    }

    @Test func weekMinusFiveToFieldwork_withTheShippedExample() throws {
        let parent = try Self.drawn()
        defer { try? FileManager.default.removeItem(at: parent) }
        let sample = parent.path + "/sample", final = parent.path + "/sample-final"

        let result = try ExecutableRunner.run(["finalize", "--draw", sample, "--returned", Self.returned])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.hasPrefix("Final sample of 120 cases from the draw in \(sample) (spec domain-two)"))
        #expect(result.standardOutput.contains("Returned list: 240 rows (Windows-1252): 120 of 120 provisional cases, 120 substitutes."))
        #expect(result.standardOutput.contains("Replaced 8: 8 by the next case of the same stratum in random-number order"))
        #expect(result.standardOutput.contains("Equal probability within each stratum kept"))
        #expect(result.standardOutput.contains("Every category of the final sample is the floor or the ceiling of its expected count."))
        #expect(result.standardOutput.contains("Wrote \(final)/final.csv, \(final)/reserve.csv, \(final)/removed.csv, \(final)/spec.json, \(final)/report.html, \(final)/finalize.json."))
        #expect(!result.standardOutput.contains("Adams"))
        #expect(try Self.files(final).keys.sorted() == ["final.csv", "finalize.json", "removed.csv", "report.html", "reserve.csv", "spec.json"])
        let finalized = try Self.files(final)

        // Again: refused without --force, the same bytes with it.
        let again = try ExecutableRunner.run(["finalize", "--draw", sample, "--returned", Self.returned])
        #expect(again.exitCode == 1)
        #expect(again.standardError.contains("already exists (nothing was written); give --force"), "\(again)")
        #expect(try ExecutableRunner.run(["finalize", "--draw", sample, "--returned", Self.returned, "--force"]).exitCode == 0)
        #expect(try Self.files(final) == finalized)

        // Fieldwork: the first case of final.csv.
        let firstCase = String(String(decoding: finalized["final.csv"]!, as: UTF8.self).components(separatedBy: "\r\n")[1].prefix(7))
        let replaced = try ExecutableRunner.run(["replace", "--final", final, "--case", firstCase, "--reason", "officer-unavailable"])
        #expect(replaced.exitCode == 0, "\(replaced)")
        #expect(replaced.standardOutput.hasPrefix("Replaced \(firstCase) ("))
        #expect(replaced.standardOutput.contains("reason: officer-unavailable (Responsible officer unavailable)."))
        #expect(replaced.standardOutput.contains("Recorded in \(final)/finalize.json (history entry 2, "))
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: final + "/finalize.json"))) as! [String: Any]
        let history = record["history"] as! [[String: Any]]
        #expect(history.count == 2)
        #expect((history[1]["time"] as? String)?.hasSuffix("Z") == true)

        // finalize --force would now discard fieldwork history: refused.
        let force = try ExecutableRunner.run(["finalize", "--draw", sample, "--returned", Self.returned, "--force"])
        #expect(force.exitCode == 1)
        #expect(force.standardError.contains("1 fieldwork replacement recorded"), "\(force)")

        // Replace errors: an unknown reason is a usage error; a case not in the sample changes nothing.
        let before = try Self.files(final)
        let badReason = try ExecutableRunner.run(["replace", "--final", final, "--case", "X", "--reason", "holiday"])
        #expect(badReason.exitCode == 64)
        #expect(badReason.standardError.contains("--reason names none of the spec's exclusion reasons"), "\(badReason)")
        let notThere = try ExecutableRunner.run(["replace", "--final", final, "--case", firstCase, "--reason", "yot-held"])
        #expect(notThere.exitCode == 1)
        #expect(notThere.standardError.contains("removed.csv lists it as removed already"), "\(notThere)")
        #expect(try Self.files(final) == before)
    }

    /// Bad returned lists and draw directories: exit 1, a located message without personal data, and
    /// nothing written.
    @Test(arguments: [
        ("unknown case reference", "{first row}", "Z999999,", [], "returned.csv:{line}:1: error: this case reference is neither in"),
        ("missing provisional case", "{first provisional case}", "", [], "sample/provisional.csv:2: error: this provisional case is not in the returned list"),
        ("unknown reason", "SFO review", "SFO revue", [], "returned.csv:{line}:2: error: not one of the spec's exclusion reasons"),
        ("unknown availability", ",,Unavailable,", ",,Later,", [], "returned.csv:{line}:3: error: neither available"),
        ("edited draw", "", "", ["edit provisional.csv"], "provisional.csv: error: changed since the draw"),
        ("another draw's list", "", "", ["other draw"], "does not belong to the draw in"),
    ] as [(String, String, String, [String], String)])
    func badInput_failsClearly_andWritesNothing(name: String, find: String, replace: String, actions: [String], message: String) throws {
        let parent = try Self.drawn()
        defer { try? FileManager.default.removeItem(at: parent) }
        var text = try Self.returnedText()
        var expected = message
        var personal = ["Siân", "Smith"]
        if !find.isEmpty {
            let lines = text.components(separatedBy: "\r\n")
            // The example's rows change with the draw's algorithm: the placeholders name them by place.
            var find = find
            if find == "{first row}" {
                find = String(lines[1].prefix { $0 != "," }) + ","
            } else if find == "{first provisional case}" {
                let provisional = try String(contentsOfFile: parent.path + "/sample/provisional.csv", encoding: .utf8)
                find = String(provisional.components(separatedBy: "\r\n")[1].drop { $0 == "\u{FEFF}" }.prefix { $0 != "," }) + ","
            }
            let index = try #require(lines.firstIndex { $0.contains(find) }, "\(name): \(find)")
            let fields = lines[index].components(separatedBy: ",")
            personal += [fields[3], fields[5]]
            expected = message.replacingOccurrences(of: "{line}", with: String(index + 1))
            text = text.replacingOccurrences(of: replace.isEmpty ? lines[index] + "\r\n" : find, with: replace)
        }
        var bytes = text.data(using: .isoLatin1)!
        if actions.contains("other draw") {
            let other = try ExecutableRunner.run(["draw", DrawCommandTests.example, "--size", "120", "--seed", "8", "--out", parent.path + "/other"])
            #expect(other.exitCode == 0)
            bytes = Data(try String(contentsOfFile: parent.path + "/other/provisional.csv", encoding: .utf8)
                .replacingOccurrences(of: ",Stratum\r\n", with: ",Exclusion reason\r\n").utf8)
        }
        let path = parent.path + "/returned.csv"
        try bytes.write(to: URL(fileURLWithPath: path))
        if actions.contains("edit provisional.csv") {
            let url = URL(fileURLWithPath: parent.path + "/sample/provisional.csv")
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count - 5] = UInt8(ascii: "Z")
            try bytes.write(to: url)
        }
        let result = try ExecutableRunner.run(["finalize", "--draw", parent.path + "/sample", "--returned", path, "--out", parent.path + "/final"])
        #expect(result.exitCode == 1, "\(name): \(result)")
        #expect(result.standardError.contains(expected), "\(name): \(result)")
        #expect(result.standardError.contains("nothing was written"), "\(name): \(result)")
        for personal in personal where !personal.isEmpty {
            #expect(!result.standardError.contains(personal), "\(name) leaks personal data: \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: parent.path + "/final"), "\(name) wrote output")
        let entries = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
        #expect(entries == (actions.contains("other draw") ? ["other", "returned.csv", "sample"] : ["returned.csv", "sample"]))
    }

    @Test func missingMeansKept_keepsTheCasesLeftOut() throws {
        let parent = try Self.drawn()
        defer { try? FileManager.default.removeItem(at: parent) }
        let text = try Self.returnedText()
        let line = text.components(separatedBy: "\r\n").first { $0.hasPrefix("C569662,") }!
        try text.replacingOccurrences(of: line + "\r\n", with: "").data(using: .isoLatin1)!.write(to: URL(fileURLWithPath: parent.path + "/returned.csv"))
        let result = try ExecutableRunner.run(["finalize", "--draw", parent.path + "/sample", "--returned", parent.path + "/returned.csv", "--missing-means-kept"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("119 of 120 provisional cases (1 missing, kept)"))
        let final = try String(contentsOfFile: parent.path + "/sample-final/final.csv", encoding: .utf8)
        #expect(final.contains("\r\nC569662,"))
    }

    @Test func finalize_withoutReturned_isAUsageError() throws {
        let result = try ExecutableRunner.run(["finalize", "--draw", "sample"])
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.standardError.contains("--returned"), "\(result)")
    }
}
