import CaseSampling
import Foundation
import Testing

/// `casesample units`, run as a user runs it.
@Suite struct UnitsCommandTests {
    static let example = DrawCommandTests.example

    /// A fresh scratch directory, created, and a cleanup for it.
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("casesample-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func contents(of directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func example_printsBothTables() throws {
        let result = try ExecutableRunner.run(["units", Self.example])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput.contains("\nCases by unit\n  Tier 1  Tier 2  "))
        #expect(result.standardOutput.contains("\nEligible mix by unit (share of each unit's eligible cases)\n"))
        #expect(result.standardOutput.contains("\n  Total                                 2,000        0       376     1,624  "))
        #expect(!result.standardOutput.contains("Wrote"))
    }

    @Test func csv_isWritten_andTheTableStillPrinted() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("units.csv").path
        try Data("an older summary".utf8).write(to: URL(fileURLWithPath: path))
        let result = try ExecutableRunner.run(["units", Self.example, "--csv", path])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("\nCases by unit\n"))
        #expect(result.standardOutput.hasSuffix("\nWrote \(path).\n"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("Tier1Unit,Tier2Unit,Rows,Invalid,Excluded,Eligible,".utf8)))
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("\r\nTotal,(all),2000,0,376,1624,62,175,15,16,30,33,37,8,88.8,11.2,53.5,46.5,24.6,54.6,19.0,1.8\r\n"))
        #expect(try Self.contents(of: directory) == ["units.csv"], "no temporary file left behind")
    }

    @Test func json_withCSV_printsOnlyTheJSON() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("units.csv").path
        let result = try ExecutableRunner.run(["units", Self.example, "--json", "--csv", path])
        #expect(result.exitCode == 0, "\(result)")
        let json = try JSONValue.parse(Array(result.standardOutput.utf8))
        #expect(json["lines"]?.arrayValue?.last?["rows"]?.intValue == 2000)
        #expect(json["lines"]?.arrayValue?.last?["eligibleMix"]?["gender"]?.arrayValue?.first?["count"]?.intValue == 1442)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func invalidRows_areSummarised_thenExit1_withoutPersonalData() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("list.csv")
        let text = DrawCommandTests.header + DrawCommandTests.rows + "X200001,Smith\n" + "X200002,Smith, Jr,Siân,01/02/1980,Male,North,Team 1\n"
        try Data(text.utf8).write(to: list)
        let csv = directory.appendingPathComponent("units.csv").path
        let result = try ExecutableRunner.run(["units", list.path, "--csv", csv])
        #expect(result.exitCode == 1, "\(result)")
        #expect(result.standardOutput.contains("Rows read 22: eligible 20, excluded 0, invalid 2;"), "\(result)")
        #expect(result.standardOutput.contains("\n  (unknown unit)             2        2         0         0\n"), "\(result)")
        #expect(result.standardError.hasPrefix("Error: \(list.path) has 2 invalid rows; a draw refuses it until they are fixed:\n"))
        #expect(result.standardError.contains("list.csv:22:3: error: row has 2 fields but the header has 19 (column 3 \"Forename\")"))
        #expect(result.standardError.contains("list.csv:23:"))
        for personal in ["Smith", "Siân", "Jr", "X200001", "X200002", "1980"] {
            #expect(!result.standardOutput.contains(personal) && !result.standardError.contains(personal), "\(personal)")
        }
        #expect(FileManager.default.fileExists(atPath: csv), "the summary is written before the exit status")
    }

    @Test(arguments: [
        ("missing file", nil, "cannot open the file"),
        ("empty file", "", "the file is empty"),
        ("missing column", "CRN,Gender\nX1,Male\n", "no column for sentenceType, rosh, tier1Unit"),
        ("unknown value", DrawCommandTests.header + DrawCommandTests.row("X1", rosh: "Severe"), "a value the spec does not know (a value of 6 letters"),
    ])
    func badFile_exits1_andWritesNoCSV(name: String, content: String?, message: String) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let list = directory.appendingPathComponent("list.csv")
        if let content { try Data(content.utf8).write(to: list) }
        let csv = directory.appendingPathComponent("units.csv").path
        let result = try ExecutableRunner.run(["units", list.path, "--csv", csv])
        #expect(result.exitCode == 1, "\(name): \(result)")
        #expect(result.standardOutput.isEmpty, "\(name)")
        #expect(result.standardError.hasPrefix("Error: "), "\(name)")
        #expect(result.standardError.contains(list.path), "\(name): \(result)")
        #expect(result.standardError.contains(message), "\(name): \(result)")
        #expect(try Self.contents(of: directory) == (content == nil ? [] : ["list.csv"]), "\(name)")
    }

    @Test func csvThatCannotBeWritten_exits1_andLeavesNothing() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missingParent = try ExecutableRunner.run(["units", Self.example, "--csv", directory.path + "/no/units.csv"])
        #expect(missingParent.exitCode == 1)
        #expect(missingParent.standardError.contains("does not exist"), "\(missingParent)")
        #expect(missingParent.standardOutput.isEmpty)
        let aDirectory = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: aDirectory, withIntermediateDirectories: false)
        let onDirectory = try ExecutableRunner.run(["units", Self.example, "--csv", aDirectory.path])
        #expect(onDirectory.exitCode == 1)
        #expect(onDirectory.standardError.contains("is not a regular file"), "\(onDirectory)")
        #expect(try Self.contents(of: directory) == ["out"])
        #expect(try Self.contents(of: aDirectory) == [])
    }

    @Test(arguments: [
        (["units"], "Missing expected argument '<long-list>'"),
        (["units", example, "--bogus"], "Unknown option '--bogus'"),
        (["units", example, "--csv"], "Missing value for '--csv <file>'"),
        (["units", example, "--delimiter", "ab"], "--delimiter"),
        (["units", example, "--csv", example], "--csv names the long list itself"),
    ])
    func badCommandLine_exits64(arguments: [String], message: String) throws {
        let result = try ExecutableRunner.run(arguments)
        #expect(result.exitCode == 64, "\(result)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(message), "\(result)")
        #expect(result.standardError.contains("casesample units <long-list>"), "\(result)")
    }

    @Test func help_hasExamplesWithTheShippedList() throws {
        let result = try ExecutableRunner.run(["units", "--help"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("USAGE: casesample units <long-list> [--spec <spec>] [--csv <file>] [--json]"))
        #expect(result.standardOutput.contains("    casesample units SampleSpecs/examples/long-list.csv --csv units.csv\n"))
    }
}
