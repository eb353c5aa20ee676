import Foundation
import Testing

/// `casesample draw --units`, `--units-file`, `--min-per-unit` and `--max-per-officer`, run as a
/// user runs them.
@Suite struct DrawUnitsCommandTests {
    static let example = DrawCommandTests.example

    @Test func namedUnits_drawOnlyFromThem_andVerify() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try ExecutableRunner.run([
            "draw", Self.example, "--units", "north/durham, North/Stockton,South/*,East/Barking, Dagenham & Havering",
            "--min-per-unit", "4", "--max-per-officer", "4", "--officer-limit-repetitions", "20", "--out", out,
        ])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("Units: 8 selected"), "\(result)")
        #expect(result.standardOutput.contains("At least 4 per unit"), "\(result)")
        #expect(result.standardOutput.contains("At most 4 cases per responsible officer"), "\(result)")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/draw.json"))) as! [String: Any]
        let units = record["units"] as! [String: Any]
        #expect(units["requested"] as? [String] == ["north/durham", "North/Stockton", "South/*", "East/Barking, Dagenham & Havering"])
        let perUnit = units["perUnit"] as! [[String: Any]]
        #expect(perUnit.count == 8)
        #expect(perUnit.allSatisfy { ($0["sample"] as! Int) >= 4 })
        #expect((units["selectedCases"] as! [[String: Any]]).count == (record["draw"] as! [String: Any])["size"] as! Int)
        // The limit binds: each selected case's estimated probability, in the record and as a column.
        let estimate = (record["officerLimit"] as! [String: Any])["inclusionProbabilities"] as! [String: Any]
        #expect(estimate["repetitions"] as? Int == 20)
        let estimated = estimate["selectedCases"] as! [[String: Any]]
        #expect(estimated.count == (record["draw"] as! [String: Any])["size"] as! Int)
        #expect(estimated.allSatisfy { $0["repetitions"] as? Int == 20 && $0["standardError"] is Double && $0["inclusionProbability"] is Double })
        #expect(result.standardOutput.contains("(!) The limit binds, so inclusion probabilities can differ from the design's without it"), "\(result)")
        let provisional = try String(contentsOfFile: out + "/provisional.csv", encoding: .utf8)
        #expect(provisional.components(separatedBy: "\r\n")[0].hasSuffix(",Stratum,InclusionProbability"))
        for line in provisional.components(separatedBy: "\r\n").dropFirst().filter({ !$0.isEmpty }) {
            #expect(line.contains("Durham") || line.contains("Stockton") || line.contains("South") || line.contains("Barking"), "\(line)")
        }
        let verified = try ExecutableRunner.run(["verify", out, Self.example])
        #expect(verified.exitCode == 0, "\(verified)")
    }

    @Test func unitsFile_isReadOneNamePerLine() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = try DrawCommandTests.write("# teams for June\nNorth/Durham\n\nSouth/Lewes\n", "units.txt", in: parent)
        let result = try ExecutableRunner.run(["draw", Self.example, "--units-file", file, "--size", "20", "--out", out])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("Units: 2 selected (North/Durham, South/Lewes)"), "\(result)")
    }

    @Test func unitsFile_savedAsWindows1252OrUTF16_isRead() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        for (name, encoding) in [("units-1252.txt", String.Encoding.windowsCP1252), ("units-16.txt", .utf16)] {
            let url = parent.appendingPathComponent(name)
            try "North/Durham\r\nSouth/Lewes\r\n".data(using: encoding)!.write(to: url)
            let result = try ExecutableRunner.run(["draw", Self.example, "--units-file", url.path, "--size", "20", "--out", out, "--force"])
            #expect(result.exitCode == 0, "\(name): \(result)")
            #expect(result.standardOutput.contains("Units: 2 selected (North/Durham, South/Lewes)"), "\(name)")
        }
    }

    @Test func unknownUnit_isAUsageError_withNearMisses_andWritesNothing() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try ExecutableRunner.run(["draw", Self.example, "--units", "North/Durhm", "--out", out])
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.standardError.contains("no unit \"North/Durhm\" in the long list; did you mean \"North/Durham\"?"), "\(result)")
        #expect(result.standardError.contains("South/Lewes"), "the valid units are listed")
        #expect(!FileManager.default.fileExists(atPath: out))
        let both = try ExecutableRunner.run(["draw", Self.example, "--units", "North/*", "--units-file", "x", "--out", out])
        #expect(both.exitCode == 64, "\(both)")
    }

    @Test func unmeetableLimits_exit1_andWriteNothing() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let minimum = try ExecutableRunner.run(["draw", Self.example, "--min-per-unit", "40", "--out", out])
        #expect(minimum.exitCode == 1, "\(minimum)")
        #expect(minimum.standardError.contains("--min-per-unit 40 cannot be met"), "\(minimum)")
        let officers = try ExecutableRunner.run(["draw", Self.example, "--max-per-officer", "1", "--out", out])
        #expect(officers.exitCode == 1, "\(officers)")
        #expect(officers.standardError.contains("--max-per-officer 1 cannot be met"), "\(officers)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
