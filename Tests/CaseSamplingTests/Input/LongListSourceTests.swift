import Foundation
import Testing
@testable import CaseSampling

/// Long lists as organisations send them (issue 18): workbooks, standard input, unknown headers,
/// totals rows and dates, read through ``LongListSource``.
@Suite struct LongListSourceTests {
    static var exampleWorkbookPath: String { Examples.root.appendingPathComponent("SampleSpecs/examples/long-list.xlsx").path }

    /// The example long list's header and rows, as text.
    static func exampleTable() throws -> (header: [String], rows: [[String]]) {
        let records = try CSVRecords.parse(try Examples.exampleBytes(), file: "long-list.csv")
        return (records[0].fields, records.dropFirst().map(\.fields))
    }

    /// A CSV text of `header` and `rows` (no field holds a comma or quote).
    static func csv(_ header: [String], _ rows: [[String]]) -> [UInt8] {
        Array(([header] + rows).map { $0.joined(separator: ",") + "\r\n" }.joined().utf8)
    }

    /// A workbook of one sheet named `Cases`.
    static func workbook(_ header: [String], _ rows: [[String]], sheet: String = "Cases") throws -> [UInt8] {
        var writer = WorkbookWriter()
        try writer.addSheet(named: sheet, header: header, rows: rows)
        return writer.bytes()
    }

    /// The example's first `count` rows (all with valid values), as fields.
    static func exampleRows(_ count: Int) throws -> (header: [String], rows: [[String]]) {
        let table = try exampleTable()
        return (table.header, Array(table.rows.prefix(count)))
    }

    // MARK: Workbooks

    @Test func exampleWorkbook_drawsTheSameSampleAsTheCSV() throws {
        let spec = try Examples.domainTwo()
        let specBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Examples.domainTwoPath)))
        func draw(_ path: String) throws -> (DrawResult, DrawOutputs) {
            try DrawJob(longListPath: path, spec: spec, specBytes: specBytes, size: 120, seed: 7, substitutesPerCase: nil,
                        delimiter: nil, toolVersion: "test").run()
        }
        let (fromCSV, csvOutputs) = try draw(Examples.longListPath)
        let (fromWorkbook, workbookOutputs) = try draw(Self.exampleWorkbookPath)
        #expect(fromCSV.selected == fromWorkbook.selected)
        #expect(fromCSV.substitutes.map(\.row) == fromWorkbook.substitutes.map(\.row))
        #expect(csvOutputs.record.counts == workbookOutputs.record.counts)
        #expect(csvOutputs.record.strata == workbookOutputs.record.strata)
        // The same cases in the same order, with the same strata: the first and last columns agree.
        func firstAndLast(_ outputs: DrawOutputs) throws -> [[String]] {
            let bytes = outputs.files.first { $0.name == OutputFiles.provisional }!.bytes
            return try CSVRecords.parse(bytes, file: "provisional.csv").map { [$0.fields.first!, $0.fields.last!] }
        }
        #expect(try firstAndLast(csvOutputs) == firstAndLast(workbookOutputs))
        #expect(workbookOutputs.record.input.format == "xlsx")
        #expect(workbookOutputs.record.input.sheet != nil)
        #expect(csvOutputs.record.input.format == nil)
    }

    @Test func workbookRenderedAsCSV_givesTheSameRowsAsTheCSV() throws {
        let (header, rows) = try Self.exampleRows(40)
        let spec = try Examples.domainTwo()
        let fromCSV = try LongListSource(bytes: Self.csv(header, rows), path: "list.csv").read(for: spec)
        let fromWorkbook = try LongListSource(bytes: try Self.workbook(header, rows), path: "list.xlsx").read(for: spec)
        #expect(fromCSV.rowCount == 40 && fromWorkbook.rowCount == 40)
        #expect(fromWorkbook.problems == fromCSV.problems)
        for row in 0..<40 { #expect(fromWorkbook.recordFields(row: row) == fromCSV.recordFields(row: row)) }
    }

    @Test func workbookProblems_citeSheetRowAndColumnLetter() throws {
        var (header, rows) = try Self.exampleRows(20)
        rows[10][0] = ""  // no case reference on sheet row 12
        let bytes = try Self.workbook(header, rows)
        let list = try LongListSource(bytes: bytes, path: "cases.xlsx").read(for: try Examples.domainTwo())
        let problem = try #require(list.errors.first)
        #expect(problem.kind == .missingCaseReference)
        #expect(problem.line == 12)
        #expect(problem.columnLetter == "A")
        #expect(problem.description.hasPrefix("cases.xlsx:12:A: error:"))
        #expect(problem.description.hasSuffix("(column A \"CRN\")"))
    }

    @Test func workbookCellsWithLineBreaks_stillCiteSheetRows() throws {
        var (header, rows) = try Self.exampleRows(20)
        rows[3][1] = "Smith\nJones"  // sheet row 5 takes two CSV lines
        rows[10][0] = ""  // no case reference on sheet row 12 (CSV line 13)
        var duplicate = rows[8]
        duplicate[1] = "Other"
        rows.append(duplicate)  // sheet row 22 repeats row 10's case reference (CSV line 11)
        let list = try LongListSource(bytes: try Self.workbook(header, rows), path: "cases.xlsx").read(for: try Examples.domainTwo())
        let problems = list.errors.map { "\($0.line ?? 0):\($0.columnLetter ?? "-")" }
        #expect(problems == ["12:A", "22:A"], "\(list.errors)")
        let duplicateMessage = try #require(list.errors.last?.message)
        #expect(duplicateMessage.contains("already on line 10"), "\(duplicateMessage)")
        #expect(list.recordFields(row: 3)[1] == "Smith\nJones")
    }

    @Test func workbook_namedSheet_isRead_andAnUnknownSheetIsRefusedWithTheNames() throws {
        var writer = WorkbookWriter()
        try writer.addSheet(named: "Notes", header: ["Read me"], rows: [["nothing here"]])
        let (header, rows) = try Self.exampleRows(5)
        try writer.addSheet(named: "Cases", header: header, rows: rows)
        let bytes = writer.bytes()
        let list = try LongListSource(bytes: bytes, path: "two.xlsx", sheet: "cases").read(for: try Examples.domainTwo())
        #expect(list.rowCount == 5)
        #expect(throws: LongListError.self) { try LongListSource(bytes: bytes, path: "two.xlsx", sheet: "Casse") }
        do {
            _ = try LongListSource(bytes: bytes, path: "two.xlsx", sheet: "Casse")
        } catch {
            #expect(error.description.contains("no sheet named \"Casse\" (did you mean \"Cases\"?)"))
        }
    }

    @Test(arguments: [
        ("legacy .xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600), "Excel 97–2003 workbook (.xls)"),
        ("HTML saved as .xls", Array("<html><body><table><tr><td>CRN</td></tr></table></body></html>".utf8), "web page (HTML)"),
        ("PDF", Array("%PDF-1.4\n".utf8), "PDF document"),
    ] as [(String, [UInt8], String)])
    func unreadableFiles_areRefusedSayingWhatTheyAreAndHowToSaveThem(name: String, bytes: [UInt8], says: String) throws {
        do {
            _ = try LongListSource(bytes: bytes, path: "cases.xls")
            Issue.record("\(name) was accepted")
        } catch {
            let problem = try #require(error.problems.first)
            #expect(problem.kind == .unreadableFormat)
            #expect(problem.description.hasPrefix("cases.xls: error: this is"))
            #expect(problem.description.contains(says), "\(problem)")
            if name != "PDF" { #expect(problem.description.contains("CSV UTF-8 (Comma delimited) (.csv)")) }
        }
    }

    @Test func openDocumentSpreadsheet_isRefused() throws {
        var zip = ZipBuilder()
        zip.stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zip.stored("content.xml", "<office:document-content/>")
        do {
            _ = try LongListSource(bytes: zip.build(), path: "cases.ods")
            Issue.record("an .ods file was accepted")
        } catch {
            #expect(error.description.contains("OpenDocument spreadsheet (.ods)"))
        }
    }

    @Test func damagedWorkbook_isAnErrorNamingTheFile_notAPanic() throws {
        var bytes = try Self.workbook(["CRN"], [["A1"]])
        bytes.removeLast(40)  // the end of central directory record is cut off
        #expect(throws: LongListError.self) { try LongListSource(bytes: bytes, path: "cut.xlsx").read(columns: []) }
    }

    @Test func zipBomb_isRefusedWithAClearError_beforeItIsInflated() throws {
        do {
            _ = try LongListSource(bytes: WorkbookReadingTests.bombWorkbook(), path: "bomb.xlsx")
            Issue.record("a zip bomb was accepted")
        } catch {
            #expect(error.problems.first?.kind == .unreadableFormat)
            #expect(error.description.hasPrefix("bomb.xlsx: error: the workbook cannot be read:"))
            #expect(error.description.contains("xl/worksheets/sheet1.xml"))
        }
    }

    // MARK: Standard input and in-memory lists

    @Test func standardInputName_andDigestOfTheBytesRead() throws {
        let (header, rows) = try Self.exampleRows(3)
        let bytes = Self.csv(header, rows)
        let source = try LongListSource(bytes: bytes, path: "-")
        #expect(source.isStandardInput)
        #expect(source.name == "<stdin>")
        #expect(try source.sha256() == SHA256.hexDigest(bytes))
        #expect(try source.read(for: try Examples.domainTwo()).rowCount == 3)
    }

    // MARK: --column

    static let unusualHeader = ["Case Reference Number", "Surname", "Forename", "DateOfBirth", "Gender (M/F)", "Tier1Unit", "Tier2Unit",
                                "ResponsibleOfficer", "SentenceType", "SentenceDate", "ReleaseDate", "RoSH Level (current)", "Requirements",
                                "YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess"]

    @Test func unknownHeaders_giveOneErrorWithNearestAliasesAndTheFlags() throws {
        let (_, rows) = try Self.exampleRows(5)
        let source = try LongListSource(bytes: Self.csv(Self.unusualHeader, rows), path: "list.csv")
        do {
            _ = try source.read(for: try Examples.domainTwo())
            Issue.record("read without the columns")
        } catch let error as LongListError {
            #expect(error.problems.count == 1)
            let message = error.description
            #expect(message.hasPrefix("list.csv:1: error: no column for caseReference, gender and rosh;"))
            #expect(message.contains("column 5 \"Gender (M/F)\": nearest \"Gender\" (gender)"))
            #expect(message.contains("column 12 \"RoSH Level (current)\": nearest \"RoSH level\" (rosh)"))
            #expect(message.contains("column 2 \"Surname\": no near name"))
            #expect(message.contains(#"--column caseReference="Case Reference Number" --column gender="Gender (M/F)" --column rosh="RoSH Level (current)""#))
        }
    }

    @Test func columnMappings_readTheNamedColumns() throws {
        let (header, rows) = try Self.exampleRows(30)
        let spec = try Examples.domainTwo()
        let plain = try LongListSource(bytes: Self.csv(header, rows), path: "a.csv").read(for: spec)
        let input = InputOptions(columns: [
            ColumnMapping(argument: "caseReference=Case Reference Number")!,
            ColumnMapping(argument: " gender = Gender (M/F) ")!,
            ColumnMapping(role: "rosh", header: "RoSH Level (current)"),
        ])
        let mapped = try LongListSource(bytes: Self.csv(Self.unusualHeader, rows), path: "b.csv").read(for: spec, input: input)
        #expect(mapped.columnIndex == plain.columnIndex)
        #expect(mapped.column("rosh")!.values == plain.column("rosh")!.values)
    }

    @Test func columnMapping_withAnUnknownRole_isRefusedWithTheRoles() throws {
        #expect(ColumnMapping(argument: "gender") == nil)
        #expect(ColumnMapping(argument: "=Sex") == nil)
        #expect(throws: ColumnMappingError.self) {
            try ColumnMapping.apply([ColumnMapping(role: "gendr", header: "Sex")], to: try Examples.domainTwo().columnRequests)
        }
        do {
            _ = try ColumnMapping.apply([ColumnMapping(role: "gendr", header: "Sex")], to: try Examples.domainTwo().columnRequests)
        } catch let error as ColumnMappingError {
            #expect(error.message.contains("(did you mean \"gender\"?)"))
        }
    }

    // MARK: Totals rows

    @Test func trailingTotalsRows_areSkippedCountedAndWarned() throws {
        let (header, rows) = try Self.exampleRows(20)
        let totals = [
            ["", "", "", "", "", "", "", "", "Total", "", "", "", "", "", "", "", "", "", ""],
            ["Count of CRN", "20"],
            Array(repeating: "", count: 4) + ["20"] + Array(repeating: "", count: 14),
        ]
        for bytes in [Self.csv(header, rows + totals), try Self.workbook(header, rows + totals)] {
            let list = try LongListSource(bytes: bytes, path: "list").read(for: try Examples.domainTwo())
            #expect(list.rowCount == 20)
            #expect(list.errors.isEmpty, "\(list.errors)")
            #expect(list.footerRowsSkipped == 3)
            let warnings = list.problems.filter { $0.kind == .footerRow }
            #expect(warnings.map(\.line) == [22, 23, 24])
            #expect(warnings.allSatisfy { $0.severity == .warning && $0.description.contains("totals row") })
            let population = try Population.classify(list, by: try Examples.domainTwo())
            #expect(population.eligibleCount + population.excludedCount + population.invalidCount == 20)
        }
    }

    @Test func totalsRowWithCasesAfterIt_orAnyOtherRowWithoutACaseReference_staysAnError() throws {
        let (header, rows) = try Self.exampleRows(20)
        let total = ["Total", "20"]
        var notATotal = rows[3]
        notATotal[0] = ""
        for extra in [[total, rows[19]], [notATotal]] {
            let list = try LongListSource(bytes: Self.csv(header, Array(rows.prefix(19)) + extra), path: "list.csv").read(for: try Examples.domainTwo())
            #expect(list.footerRowsSkipped == 0)
            #expect(!list.errors.isEmpty)
        }
    }

    @Test func footerLabels_andNumbers() {
        #expect(FooterRows.isFooter(["", "Grand total:", "1,234"], referenceField: 0))
        #expect(FooterRows.isFooter(["TOTAL CASES", "", "45.5%"], referenceField: 0))
        #expect(FooterRows.isFooter(["", "", "2003"], referenceField: 0))
        #expect(!FooterRows.isFooter(["N123456", "Total"], referenceField: 0))
        #expect(!FooterRows.isFooter(["", "Smith", "12"], referenceField: 0))
        #expect(!FooterRows.isFooter(["", "", ""], referenceField: 0))
        #expect(!FooterRows.isFooter(["", "Totally"], referenceField: 0))
    }

    // MARK: Dates

    /// The example's first rows with their SentenceDate (column 10) and ReleaseDate (column 11) set.
    static func withDates(_ sentence: [String], release: [String]? = nil) throws -> [UInt8] {
        var (header, rows) = try exampleRows(sentence.count)
        for index in rows.indices {
            rows[index][9] = sentence[index]
            rows[index][10] = release?[index] ?? ""
        }
        return csv(header, rows)
    }

    static func read(_ bytes: [UInt8], order: DateOrder? = nil) throws -> LongList {
        try LongListSource(bytes: bytes, path: "dates.csv").read(for: try Examples.domainTwo(), input: InputOptions(dateOrder: order))
    }

    @Test func usDates_areDetectedFromTheValuesThatReadOneWay() throws {
        let list = try Self.read(Self.withDates(["12/18/2026", "01/02/2026", "3/4/2026", "2026-05-06"]))
        #expect(list.errors.isEmpty, "\(list.errors)")
        #expect(list.column("sentenceDate")!.values.map(\.value) == ["2026-12-18", "2026-01-02", "2026-03-04", "2026-05-06"])
    }

    @Test func ukDates_inOneColumn_decideAnAmbiguousOtherColumn() throws {
        let list = try Self.read(Self.withDates(["18/12/2026", "01/02/2026"], release: ["01/02/2027", "03/04/2027"]))
        #expect(list.errors.isEmpty, "\(list.errors)")
        #expect(list.column("releaseDate")!.values.map(\.value).contains("2027-02-01"))
    }

    @Test func datesAmbiguousThroughout_areOneErrorUnlessTheOrderIsGiven() throws {
        let bytes = try Self.withDates(["01/02/2026", "03/04/2026", "05/06/2026", "07/08/2026"])
        let errors = try Self.read(bytes).errors
        #expect(errors.count == 1)
        #expect(errors[0].kind == .dateFormat)
        #expect(errors[0].description.contains("every date could be day/month/year or month/day/year (4 rows"))
        #expect(errors[0].description.contains("first at lines 2, 3, 4, …"))
        #expect(errors[0].description.contains("--date-order dmy"))
        let given = try Self.read(bytes, order: .mdy)
        #expect(given.errors.isEmpty)
        #expect(given.column("sentenceDate")!.values.first?.value == "2026-01-02")
    }

    @Test func swappedDates_giveOneErrorPerColumnWithTheCountTheLinesAndTheFix() throws {
        var dates = Array(repeating: "12/18/2026", count: 6)
        dates[0] = "30/11/2026"
        let errors = try Self.read(Self.withDates(dates)).errors
        #expect(errors.count == 1, "\(errors)")
        #expect(errors[0].description.contains("mix day-first (1 row, first at line 2) and month-first (5 rows, first at line 3)"))
        let given = try Self.read(Self.withDates(dates), order: .dmy).errors
        #expect(given.count == 1)
        #expect(given[0].description.contains("column \"SentenceDate\": 5 rows have dates that cannot be read as dd/mm/yyyy, first at line 3;"))
        #expect(given[0].description.contains("they read as mm/dd/yyyy: the day and month may be swapped; give --date-order mdy"))
        #expect(!given[0].description.contains("12/18/2026"))
    }

    @Test func excelSerialNumbers_areDates() throws {
        let list = try Self.read(Self.withDates(["46374", "46374.5", "25569", "61"]))
        #expect(list.errors.isEmpty, "\(list.errors)")
        #expect(list.column("sentenceDate")!.values.map(\.value) == ["2026-12-18", "2026-12-18", "1970-01-01", "1900-03-01"])
        #expect(DateColumns.iso(serial: 0, date1904: true) == "1904-01-01")
    }
}
