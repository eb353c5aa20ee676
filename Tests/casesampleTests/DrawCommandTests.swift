import Foundation
import Testing

/// `casesample draw`, `verify` and `inspect`, run as a user runs them.
@Suite struct DrawCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = root.appendingPathComponent("SampleSpecs/examples/long-list.csv").path

    /// A fresh scratch directory (not created) and its parent (created).
    static func scratch() throws -> (parent: URL, out: String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("casesample-draw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        return (parent, parent.appendingPathComponent("sample").path)
    }

    static func write(_ text: String, _ name: String, in parent: URL) throws -> String {
        let url = parent.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func sha256(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")[0].description
    }

    @Test func quickStart_drawsAndWritesEveryOutput() throws {
        let (parent, out) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try ExecutableRunner.run(["draw", Self.example, "--size", "120", "--seed", "7", "--out", out])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("Drew 120 of 1,624 eligible cases"))
        #expect(result.standardOutput.contains("Every category got the floor or the ceiling"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["draw.json", "excluded.csv", "provisional.csv", "report.html", "spec.json", "substitutes.csv"])
        let provisional = try Data(contentsOf: URL(fileURLWithPath: out + "/provisional.csv"))
        #expect(provisional.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: provisional.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 121)
        #expect(lines[0].hasSuffix(",Stratum"))
        // Golden: the quick-start draw is pinned. A change of algorithm, generator or output format
        // must change this on purpose (and the algorithm version in draw.json with it).
        #expect(try Self.sha256(out + "/provisional.csv") == "e18db146262dabac506e11c2967a1f798e669ef5f8345ce15330b71aad935ae9")
        #expect(try Self.sha256(out + "/substitutes.csv") == "892bfe6db08351a4a186dfa76cac65c387e45cdb02154a32659143025d8ff1f7")
    }

    @Test func defaultSize_comesFromTheSpecsMarginOfError() throws {
        let (parent, out) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try ExecutableRunner.run(["draw", Self.example, "--out", out, "--json"])
        #expect(result.exitCode == 0, "\(result)")
        // 1,624 eligible; z(0.90) = 1.2815515655446004; n0 = z²/4/0.0025 = 164.2374…;
        // n = n0 / (1 + (n0 − 1)/1624) = 149.22… → 150 (python3).
        #expect(result.standardOutput.contains("\"size\": 150"))
        #expect(result.standardOutput.contains("\"seed\": 20181101"))
    }

    @Test func existingDirectory_isKeptWithoutForce_andReplacedWithIt() throws {
        let (parent, out) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try ExecutableRunner.run(["draw", Self.example, "--size", "50", "--out", out]).exitCode == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/provisional.csv"))
        let again = try ExecutableRunner.run(["draw", Self.example, "--size", "60", "--out", out])
        #expect(again.exitCode == 1)
        #expect(again.standardError.contains("already exists"), "\(again)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/provisional.csv")) == before)
        #expect(try ExecutableRunner.run(["draw", Self.example, "--size", "60", "--out", out, "--force"]).exitCode == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/provisional.csv")) != before)
    }

    static let header = "CRN,Surname,Forename,DateOfBirth,Gender,Tier1Unit,Tier2Unit,ResponsibleOfficer,SentenceType,SentenceDate,ReleaseDate,RoSH,Requirements,YOTHeld,SFOReview,TransferredIn,TransferredOut,EscalatedFromCRC,LimitedAccess\n"
    static func row(_ crn: String, gender: String = "Male", sentence: String = "Licence", rosh: String = "Low") -> String {
        "\(crn),Smith,Siân,01/02/1980,\(gender),North,Team 1,PO A,\(sentence),01/01/2026,13/02/2026,\(rosh),,N,N,N,N,N,N\n"
    }
    static var rows: String { (0..<20).map { row("X1000\($0 + 10)") }.joined() }

    /// Bad inputs: a clear error naming file and line, a non-zero exit, and nothing written.
    @Test(arguments: [
        ("missing file", nil, ["--size", "5"], Int32(1), "cannot open the file"),
        ("empty file", "", ["--size", "5"], 1, "the file is empty"),
        ("header only", header, ["--size", "5"], 1, "header but no rows"),
        ("missing column", header.replacingOccurrences(of: "RoSH,", with: "Risk,") + rows, ["--size", "5"], 1, "no column for rosh"),
        ("unknown value", header + rows + row("X200001", rosh: "Extreme"), ["--size", "5"], 1, "1 row has a value the spec does not know (a value of 7 letters, first here)"),
        ("unterminated quote", header + rows + "X200001,\"Smith,Siân\n", ["--size", "5"], 1, ":22:2: error: a quoted field opens here and never closes"),
        ("ragged row", header + rows + "X200001,Smith\n", ["--size", "5"], 1, ":22:3: error: row has 2 fields"),
        ("duplicate case reference", header + rows + row("X100010"), ["--size", "5"], 1, "already on line 2"),
        ("size larger than eligible", header + rows, ["--size", "21"], 1, "larger than the 20 eligible cases"),
        ("size zero", header + rows, ["--size", "0"], 64, "--size"),
        ("unknown spec", header + rows, ["--size", "5", "--spec", "domain-nine"], 64, "--spec 'domain-nine': no built-in spec has this name; built-in specs: court-reports, domain-two"),
        ("near-miss spec", header + rows, ["--size", "5", "--spec", "domain-tow"], 64, "(did you mean \"domain-two\"?)"),
        ("missing spec file", header + rows, ["--size", "5", "--spec", "nowhere/spec.json"], 1, "Error: nowhere/spec.json: cannot read this spec file"),
        ("blank sentence type", header + rows + row("X200001", sentence: ""), ["--size", "5"], 1, ":22:9: error: 1 row has no value (first here); the spec requires one"),
    ] as [(String, String?, [String], Int32, String)])
    func badInput_failsClearly_andWritesNothing(name: String, content: String?, options: [String], status: Int32, message: String) throws {
        let (parent, out) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let path = try content.map { try Self.write($0, "list.csv", in: parent) } ?? parent.appendingPathComponent("none.csv").path
        let result = try ExecutableRunner.run(["draw", path] + options + ["--out", out])
        #expect(result.exitCode == status, "\(name): \(result)")
        #expect(result.standardError.contains(message), "\(name): \(result)")
        #expect(!result.standardError.contains("Siân") && !result.standardError.contains("01/02/1980"), "\(name) leaks personal data")
        #expect(!FileManager.default.fileExists(atPath: out), "\(name) wrote output")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "list.csv" }
        #expect(leftovers.isEmpty, "\(name) left \(leftovers)")
    }

    @Test func verify_passesUntouched_failsEditedOrOtherList() throws {
        let (parent, out) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try ExecutableRunner.run(["draw", Self.example, "--size", "40", "--seed", "3", "--out", out]).exitCode == 0)
        let ok = try ExecutableRunner.run(["verify", out, Self.example])
        #expect(ok.exitCode == 0, "\(ok)")
        #expect(ok.standardOutput.contains("byte for byte"))

        // A different long list: one case edited.
        var text = try String(contentsOfFile: Self.example, encoding: .utf8)
        text = text.replacingOccurrences(of: ",Low,", with: ",Medium,", options: [], range: text.range(of: ",Low,"))
        let other = try Self.write(text, "other.csv", in: parent)
        let wrongList = try ExecutableRunner.run(["verify", out, other])
        #expect(wrongList.exitCode == 1)
        #expect(wrongList.standardError.contains("not the long list that was drawn from"), "\(wrongList)")

        // An edited output: a case swapped by hand.
        let provisional = out + "/provisional.csv"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: provisional))
        bytes[bytes.count - 10] = UInt8(ascii: "Z")
        try bytes.write(to: URL(fileURLWithPath: provisional))
        let edited = try ExecutableRunner.run(["verify", out, Self.example])
        #expect(edited.exitCode == 1)
        #expect(edited.standardError.contains("provisional.csv: differs from a re-run of the draw, first at line 41"), "\(edited)")
    }

    @Test func inspect_json_hasTheDocumentedKeys() throws {
        let result = try ExecutableRunner.run(["inspect", Self.example, "--json"])
        #expect(result.exitCode == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        for key in ["rows", "columns", "encoding", "delimiter", "lineEnding", "blankRowsSkipped", "problems"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["rows"] as? Int == 2000)
        #expect(object["lineEnding"] as? String == "CRLF")
        // Never the values of identifying columns.
        #expect(!result.standardOutput.contains("Siân"))
    }

    @Test func inspect_badFile_exits1_withProblemsNamed() throws {
        let (parent, _) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let path = try Self.write(Self.header + Self.rows + "X200001,Smith\n", "list.csv", in: parent)
        let result = try ExecutableRunner.run(["inspect", path])
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("Rows: 21"))
        #expect(result.standardError.contains("list.csv:22:3: error: row has 2 fields but the header has 19"), "\(result)")
    }
}
