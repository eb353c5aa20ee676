import Foundation
import Testing

/// `casesample draw --no-unit-balance` through `verify`, `finalize` and `replace`, run as a user runs
/// them: the record says the draw did not balance the units, and the later steps keep to it.
@Suite struct NoUnitBalanceCommandTests {
    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func drawVerifyFinalizeReplace_keepToTheDrawWithoutUnitBalance() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let draw = try ExecutableRunner.run([
            "draw", DrawCommandTests.example, "--size", "120", "--seed", "7", "--substitutes", "3", "--no-unit-balance", "--out", out,
        ])
        #expect(draw.exitCode == 0, "\(draw)")
        #expect(draw.standardOutput.contains("No unit balance (--no-unit-balance)"), "\(draw)")
        #expect(!draw.standardOutput.contains("(!)"), "\(draw)")
        let units = try Self.json(out + "/draw.json")["units"] as! [String: Any]
        #expect(units["balanced"] as? Bool == false)
        #expect((units["spread"] as! [String: Any])["rule"] as? String ?? "" == "none: each stratum's cases a simple random sample whatever their unit; each unit's sample proportional to eligible cases on average")
        let verified = try ExecutableRunner.run(["verify", out, DrawCommandTests.example])
        #expect(verified.exitCode == 0, "\(verified)")

        // The organisation marks every fifth provisional case as held by a YOT.
        let provisional = try String(contentsOfFile: out + "/provisional.csv", encoding: .utf8).components(separatedBy: "\r\n")
        var returned = "CRN,Exclusion reason,RO available\r\n"
        for (i, line) in provisional.dropFirst().filter({ !$0.isEmpty }).enumerated() {
            let reference = line.components(separatedBy: ",")[0].replacingOccurrences(of: "\u{FEFF}", with: "")
            returned += "\(reference),\(i % 5 == 0 ? "yot-held" : ""),Y\r\n"
        }
        try returned.write(toFile: parent.path + "/returned.csv", atomically: true, encoding: .utf8)
        let final = parent.path + "/final"
        let finalized = try ExecutableRunner.run(["finalize", "--draw", out, "--returned", parent.path + "/returned.csv", "--out", final])
        #expect(finalized.exitCode == 0, "\(finalized)")
        #expect(finalized.standardOutput.contains("Equal probability within each stratum kept: every place was filled by the next case of its own stratum (exactly: the draw did not balance the units"), "\(finalized)")
        let record = try Self.json(final + "/finalize.json")
        #expect((record["draw"] as! [String: Any])["unitsBalanced"] as? Bool == false)
        #expect(((record["equalProbability"] as! [String: Any])["guarantee"] as! String).contains("did not balance the units"))
        #expect((record["rule"] as! String).contains("in the case's stratum (the draw did not balance the units)"))

        // A fieldwork replacement keeps to the draw's order too (which case it takes is checked in
        // UnbalancedUnitsTests); finalize.json still says the draw did not balance the units.
        let finalLines = try String(contentsOfFile: final + "/final.csv", encoding: .utf8).components(separatedBy: "\r\n")
        let reference = finalLines[1].components(separatedBy: ",")[0].replacingOccurrences(of: "\u{FEFF}", with: "")
        let replaced = try ExecutableRunner.run(["replace", "--final", final, "--case", reference, "--reason", "officer-unavailable"])
        #expect(replaced.exitCode == 0, "\(replaced)")
        let after = try Self.json(final + "/finalize.json")
        #expect((after["draw"] as! [String: Any])["unitsBalanced"] as? Bool == false)
        #expect((after["history"] as! [[String: Any]]).count == 2)
    }

    @Test func withMinimumPerUnit_isAUsageError_andWritesNothing() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try ExecutableRunner.run(["draw", DrawCommandTests.example, "--no-unit-balance", "--min-per-unit", "2", "--out", out])
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.standardError.contains("--min-per-unit needs the unit balance that --no-unit-balance turns off"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
