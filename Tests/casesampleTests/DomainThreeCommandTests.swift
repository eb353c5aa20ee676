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
