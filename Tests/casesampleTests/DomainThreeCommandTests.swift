import CaseSampling
import Foundation
import Testing

/// The domain three specs from the command line: the period placed by `--fieldwork-start`.
@Suite struct DomainThreeCommandTests {
    static let courtReports = DrawCommandTests.root.appendingPathComponent("SampleSpecs/examples/court-reports.csv").path

    @Test func units_needsTheFieldworkStart_andThenCountsTheWeek() throws {
        let without = try ExecutableRunner.run(["units", Self.courtReports, "--spec", "court-reports"])
        #expect(without.exitCode == 64, "\(without)")
        #expect(without.standardError.hasPrefix("Error: the spec \"court-reports\" samples a period placed by the start of fieldwork; give --fieldwork-start yyyy-mm-dd\n"))
        let with = try ExecutableRunner.run(["units", Self.courtReports, "--spec", "court-reports", "--fieldwork-start", "2026-03-02"])
        #expect(with.exitCode == 0, "\(with)")
        #expect(with.standardOutput.contains("Rows read 700: eligible 107, excluded 593, invalid 0; 3 tier-1 units, 9 tier-2 units."))
    }

    @Test func draw_withAFieldworkStartThatIsNoDate_isAUsageError() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try ExecutableRunner.run(["draw", Self.courtReports, "--spec", "court-reports", "--fieldwork-start", "30/02/2026", "--out", out])
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.standardError.hasPrefix("Error: --fieldwork-start must be a date such as 2026-03-02, got '30/02/2026'\n"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func draw_courtReports_recordsTheWeek_andVerifies() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let draw = try ExecutableRunner.run(["draw", Self.courtReports, "--spec", "court-reports", "--fieldwork-start", "2026-03-02", "--out", out])
        #expect(draw.exitCode == 0, "\(draw)")
        #expect(draw.standardOutput.contains("Drew 30 of 107 eligible cases"))
        let record = try String(contentsOf: URL(fileURLWithPath: out + "/draw.json"), encoding: .utf8)
        #expect(record.contains("\"fieldworkStart\": \"2026-03-02\",\n    \"from\": \"2026-01-26\",\n    \"to\": \"2026-02-01\""))
        let report = try String(contentsOf: URL(fileURLWithPath: out + "/report.html"), encoding: .utf8)
        #expect(report.contains("2026-01-26 to 2026-02-01 (reportCompleted; fieldwork starts 2026-03-02)"))
        let verify = try ExecutableRunner.run(["verify", out, Self.courtReports])
        #expect(verify.exitCode == 0, "\(verify)")
    }

    @Test func size_organisation_printsFigureTwo_andSuggestsANearMiss() throws {
        let result = try ExecutableRunner.run(["size", "--organisation", "North East"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("North East (NPS, cluster size C): planned sample sizes from figure 2"))
        #expect(result.standardOutput.contains("  Court reports and allocation                 118        125  court-reports\n"))
        let miss = try ExecutableRunner.run(["size", "--organisation", "Walse CRC"])
        #expect(miss.exitCode == 64)
        #expect(miss.standardError.hasPrefix("Error: --organisation 'Walse CRC' is not in figure 2 of the manual; did you mean 'Wales CRC'?"), "\(miss)")
    }
}

/// The Through the Gate, unpaid work and PDU census specs from the command line, one end to end each.
@Suite struct DomainThreeCRCCommandTests {
    static func example(_ name: String) -> String {
        DrawCommandTests.root.appendingPathComponent("SampleSpecs/examples/\(name).csv").path
    }

    @Test(arguments: [("through-the-gate", "releasingPrison"), ("unpaid-work", "riskGroup")])
    func draw_drawsWithinTheBounds_andVerifies(spec: String, variable: String) throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let draw = try ExecutableRunner.run(["draw", Self.example(spec), "--spec", spec, "--fieldwork-start", "2026-03-02", "--out", out])
        #expect(draw.exitCode == 0, "\(draw)")
        #expect(draw.standardOutput.contains("\n  \(variable) "), "\(draw)")
        #expect(draw.standardOutput.contains("Every category got the floor or the ceiling of its expected count."))
        let verify = try ExecutableRunner.run(["verify", out, Self.example(spec)])
        #expect(verify.exitCode == 0, "\(verify)")
    }

    @Test func draw_census_movesItsWindow_saysWhatItHolds_andVerifies() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let draw = try ExecutableRunner.run([
            "draw", Self.example("pdu-census"), "--spec", "pdu-census", "--fieldwork-start", "2026-03-02",
            "--window-weeks", "1", "--shift-weeks", "-1", "--out", out])
        #expect(draw.exitCode == 0, "\(draw)")
        #expect(draw.standardOutput.contains("Period: 2025-08-25 to 2025-08-31 (commenced; fieldwork starts 2026-03-02; --window-weeks 1; moved 1 week earlier); substitutes from the reserve to 2025-09-14.\n"), "\(draw)")
        let first = try #require(draw.standardOutput.split(separator: "\n").first)
        let eligible = try #require(first.split(separator: " ").dropFirst(3).first.flatMap { Int($0) })
        #expect(first.hasPrefix("Drew \(eligible) of \(eligible) eligible cases"))
        #expect(draw.standardOutput.contains("Census: the window holds \(eligible) eligible cases, all of them in the sample"))
        let verify = try ExecutableRunner.run(["verify", out, Self.example("pdu-census")])
        #expect(verify.exitCode == 0, "\(verify)")
        // units and inspect place the window as draw does.
        let units = try ExecutableRunner.run([
            "units", Self.example("pdu-census"), "--spec", "pdu-census", "--fieldwork-start", "2026-03-02", "--window-weeks", "1", "--shift-weeks", "-1"])
        #expect(units.exitCode == 0 && units.standardOutput.contains(": eligible \(eligible), "), "\(units)")
        let inspect = try ExecutableRunner.run([
            "inspect", Self.example("pdu-census"), "--spec", "pdu-census", "--fieldwork-start", "2026-03-02", "--window-weeks", "1", "--shift-weeks", "-1", "--json"])
        let report = try JSONValue.parse(Array(inspect.standardOutput.utf8))
        #expect(inspect.exitCode == 0 && report["eligible"]?.intValue == eligible, "\(inspect)")
        let noPeriod = try ExecutableRunner.run(["units", DrawCommandTests.example, "--shift-weeks", "1"])
        #expect(noPeriod.exitCode == 64 && noPeriod.standardError.hasPrefix("Error: the spec \"domain-two\" has no sample period"), "\(noPeriod)")
        let tooFar = try ExecutableRunner.run([
            "draw", Self.example("pdu-census"), "--spec", "pdu-census", "--fieldwork-start", "2026-03-02", "--window-weeks", "3", "--out", out + "-2"])
        #expect(tooFar.exitCode == 64 && tooFar.standardError.hasPrefix("Error: --window-weeks must be a whole number ≥ 1 and ≤ 2"), "\(tooFar)")
    }

    /// `size --organisation` with long lists: beside figure 2's sizes, what each spec computes from
    /// the list's eligible cases (the same as a draw without --size takes).
    @Test func sizeOrganisation_withLongLists_showsTheSpecsSizeBesideThePlannedOne() throws {
        let result = try ExecutableRunner.run([
            "size", "--organisation", "Durham Tees Valley CRC", "--long-list", "unpaid-work=\(Self.example("unpaid-work"))",
            "--long-list", "through-the-gate=\(Self.example("through-the-gate"))", "--fieldwork-start", "2026-03-02"])
        #expect(result.exitCode == 0, "\(result)")
        for (spec, name) in [("unpaid-work", "Unpaid work"), ("through-the-gate", "Through the Gate")] {
            let actual = try PlannedSizes.actual(
                longListPath: Self.example(spec), spec: try SampleSpec.load(nameOrPath: spec).spec, fieldworkStart: "2026-03-02")
            let line = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("  \(name) ") })
            #expect(line.contains("  \(spec) ") && line.hasSuffix("  \(actual.size) of \(actual.eligible) eligible"), "\(line)")
        }
        let without = try ExecutableRunner.run(["size", "--organisation", "Durham Tees Valley CRC", "--long-list", "unpaid-work=\(Self.example("unpaid-work"))"])
        #expect(without.exitCode == 64 && without.standardError.hasPrefix("Error: the spec \"unpaid-work\" samples a period"), "\(without)")
    }
}
