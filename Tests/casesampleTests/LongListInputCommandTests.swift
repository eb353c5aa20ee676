import Foundation
import Testing

/// Long lists as organisations send them (issue 18), run as a user runs them: workbooks, files the
/// reader refuses, standard input, `--column`, totals rows and `--date-order`.
@Suite struct LongListInputCommandTests {
    static let workbook = DrawCommandTests.root.appendingPathComponent("SampleSpecs/examples/long-list.xlsx").path
    static var exampleText: String { (try? String(contentsOfFile: DrawCommandTests.example, encoding: .utf8)) ?? "" }

    static func record(_ out: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/draw.json"))) as! [String: Any]
    }

    @Test func workbook_drawsTheSameCasesAsTheCSV_andVerifies() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let fromCSV = parent.appendingPathComponent("csv").path
        #expect(try ExecutableRunner.run(["draw", DrawCommandTests.example, "--size", "120", "--seed", "7", "--out", fromCSV]).exitCode == 0)
        let result = try ExecutableRunner.run(["draw", Self.workbook, "--size", "120", "--seed", "7", "--out", out])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("Drew 120 of 1,624 eligible cases"))
        func cases(_ directory: String) throws -> [String] {
            try String(contentsOfFile: directory + "/provisional.csv", encoding: .utf8).split(separator: "\r\n").map { String($0.prefix { $0 != "," }) }
        }
        #expect(try cases(out) == cases(fromCSV))
        let input = try Self.record(out)["input"] as! [String: Any]
        #expect(input["format"] as? String == "xlsx")
        #expect(input["sheet"] as? String != nil)
        #expect(input["sha256"] as? String == (try DrawCommandTests.sha256(Self.workbook)))
        let verified = try ExecutableRunner.run(["verify", out, Self.workbook])
        #expect(verified.exitCode == 0, "\(verified)")
        let wrongList = try ExecutableRunner.run(["verify", out, DrawCommandTests.example])
        #expect(wrongList.exitCode == 1)
    }

    @Test func legacyWorkbook_isRefusedWithAdvice_andNothingIsWritten() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let path = parent.appendingPathComponent("cases.xls").path
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1024)).write(to: URL(fileURLWithPath: path))
        for arguments in [["draw", path, "--out", out], ["inspect", path], ["units", path]] {
            let result = try ExecutableRunner.run(arguments)
            #expect(result.exitCode == 1, "\(result)")
            #expect(result.standardError.contains("cases.xls: error: this is an Excel 97–2003 workbook (.xls)"), "\(result)")
            #expect(result.standardError.contains("save it as \"CSV UTF-8 (Comma delimited) (.csv)\" or \"Excel Workbook (.xlsx)\""))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unknownSheet_isAnErrorListingTheSheets() throws {
        let result = try ExecutableRunner.run(["inspect", Self.workbook, "--sheet", "Cases"])
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("the workbook has no sheet named \"Cases\""), "\(result)")
    }

    @Test func standardInput_isReadOnce_recorded_andVerified() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let bytes = Array(Self.exampleText.utf8)
        let result = try ExecutableRunner.run(["draw", "-", "--size", "120", "--seed", "7", "--out", out], standardInput: bytes)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("from <stdin>"))
        let input = try Self.record(out)["input"] as! [String: Any]
        #expect(input["file"] as? String == "<stdin>")
        #expect(input["standardInput"] as? Bool == true)
        #expect(input["sha256"] as? String == (try DrawCommandTests.sha256(DrawCommandTests.example)))
        #expect(try ExecutableRunner.run(["verify", out, "-"], standardInput: bytes).exitCode == 0)
        #expect(try ExecutableRunner.run(["verify", out, DrawCommandTests.example]).exitCode == 0)
        // The same list without its last row: another list.
        let shorter = Array(bytes.dropLast())
        let other = try ExecutableRunner.run(["verify", out, "-"], standardInput: Array(shorter[...shorter.lastIndex(of: 0x0A)!]))
        #expect(other.exitCode == 1)
        #expect(other.standardError.contains("<stdin>: SHA-256"), "\(other)")
        let inspected = try ExecutableRunner.run(["inspect", "-"], standardInput: bytes)
        #expect(inspected.exitCode == 0, "\(inspected)")
        let units = try ExecutableRunner.run(["units", "-"], standardInput: bytes)
        #expect(units.exitCode == 0, "\(units)")
    }

    @Test func unknownHeaders_oneErrorWithTheFix_thenColumnMappingsDrawAndVerify() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        var lines = Self.exampleText.components(separatedBy: "\r\n")
        lines[0] = lines[0].replacingOccurrences(of: "CRN,", with: "Case Reference Number,")
            .replacingOccurrences(of: "Gender,", with: "Gender (M/F),").replacingOccurrences(of: "RoSH,", with: "RoSH Level (current),")
        let path = try DrawCommandTests.write(lines.joined(separator: "\r\n"), "headers.csv", in: parent)
        let refused = try ExecutableRunner.run(["draw", path, "--out", out])
        #expect(refused.exitCode == 1)
        #expect(refused.standardError.contains("error: no column for caseReference, gender and rosh"), "\(refused)")
        #expect(refused.standardError.contains(#"--column caseReference="Case Reference Number" --column gender="Gender (M/F)" --column rosh="RoSH Level (current)""#))
        let mappings = ["--column", "caseReference=Case Reference Number", "--column", "gender=Gender (M/F)", "--column", "rosh=RoSH Level (current)"]
        let drawn = try ExecutableRunner.run(["draw", path, "--size", "120", "--seed", "7", "--out", out] + mappings)
        #expect(drawn.exitCode == 0, "\(drawn)")
        let input = try Self.record(out)["input"] as! [String: Any]
        #expect(input["columns"] as? [String] == ["caseReference=Case Reference Number", "gender=Gender (M/F)", "rosh=RoSH Level (current)"])
        #expect(try ExecutableRunner.run(["verify", out, path]).exitCode == 0)
        let badRole = try ExecutableRunner.run(["inspect", path, "--column", "gendr=Gender (M/F)"])
        #expect(badRole.exitCode == 64, "\(badRole)")
        #expect(badRole.standardError.contains("did you mean \"gender\"?"))
        #expect(try ExecutableRunner.run(["inspect", path, "--column", "gender"]).exitCode == 64)
        #expect(try ExecutableRunner.run(["inspect", path, "--date-order", "dm"]).exitCode == 64)
    }

    @Test func totalsRow_isSkippedWarnedAndCounted() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let path = try DrawCommandTests.write(Self.exampleText + "Total,2000,,,,,,,,,,,,,,,,,\r\n", "totals.csv", in: parent)
        let result = try ExecutableRunner.run(["draw", path, "--size", "120", "--seed", "7", "--out", out])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.contains("Rows read 2,000: eligible 1,624, excluded 376, invalid 0."))
        // The example's last row ends on physical line 2002 (one quoted cell holds a line break).
        #expect(result.standardOutput.contains("totals.csv:2003: warning: a totals row"), "\(result)")
        let counts = try Self.record(out)["counts"] as! [String: Any]
        #expect(counts["footerRowsSkipped"] as? Int == 1)
        #expect(try ExecutableRunner.run(["verify", out, path]).exitCode == 0)
    }

    @Test func usDates_detected_orOneErrorPerColumn_fixedByDateOrder() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        // Swap day and month in every date (the dates of birth too, which are not read).
        let swapped = try NSRegularExpression(pattern: "([0-9]{2})/([0-9]{2})/([0-9]{4})").stringByReplacingMatches(
            in: Self.exampleText, range: NSRange(Self.exampleText.startIndex..., in: Self.exampleText), withTemplate: "$2/$1/$3")
        let path = try DrawCommandTests.write(swapped, "us.csv", in: parent)
        let detected = try ExecutableRunner.run(["draw", path, "--size", "120", "--seed", "7", "--out", out])
        #expect(detected.exitCode == 0, "\(detected)")
        let forcedUK = try ExecutableRunner.run(["draw", path, "--date-order", "dmy", "--out", out + "2"])
        #expect(forcedUK.exitCode == 1)
        let errorLines = forcedUK.standardError.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errorLines.count == 2, "\(forcedUK)")  // one per date column, not one per row
        #expect(forcedUK.standardError.contains("give --date-order mdy"))
        #expect(!FileManager.default.fileExists(atPath: out + "2"))
        let given = try ExecutableRunner.run(["draw", path, "--date-order", "mdy", "--size", "120", "--seed", "7", "--out", out + "3"])
        #expect(given.exitCode == 0, "\(given)")
        #expect((try Self.record(out + "3")["input"] as! [String: Any])["dateOrder"] as? String == "mdy")
        #expect(try ExecutableRunner.run(["verify", out + "3", path]).exitCode == 0)
    }

    @Test func xlsxFlag_writesTheWorkbook_recordsIt_andFinalizeAcceptsTheDraw() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let drawn = try ExecutableRunner.run(["draw", DrawCommandTests.example, "--size", "120", "--seed", "7", "--xlsx", "--out", out])
        #expect(drawn.exitCode == 0, "\(drawn)")
        #expect(drawn.standardOutput.contains("\(out)/substitutes.csv, \(out)/provisional.xlsx,"))
        let outputs = try Self.record(out)["outputs"] as! [String: Any]
        #expect(outputs["provisional.xlsx"] != nil)
        #expect(try ExecutableRunner.run(["verify", out, DrawCommandTests.example]).exitCode == 0)
        let returned = DrawCommandTests.root.appendingPathComponent("SampleSpecs/examples/returned.csv").path
        let finalized = try ExecutableRunner.run(["finalize", "--draw", out, "--returned", returned, "--out", out + "-final"])
        #expect(finalized.exitCode == 0, "\(finalized)")
    }
}
