import Foundation
import Testing
@testable import CaseSampling

/// The public conformance cases in `Resources/csv-corpus` (copied byte-exact from csv-spectrum and
/// Apache Commons CSV; see that folder's README for sources and licences).
@Suite struct CSVCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/csv-corpus")

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: corpus.appendingPathComponent(path)))
    }

    static let spectrumCases = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    @Test(arguments: spectrumCases)
    func spectrum_matchesExpectedJSON(name: String) throws {
        let records = try CSVRecords.parse(try Self.bytes("csv-spectrum/csvs/\(name).csv"), file: name)
        let header = records[0].fields
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
        let expected = try JSONSerialization.jsonObject(with: Data(try Self.bytes("csv-spectrum/json/\(name).json"))) as! [[String: String]]
        #expect(rows == expected)
    }

    /// `location_coordinates.json` is known-wrong upstream (issues #20, #22), and the CSV itself has
    /// `37'37.8"N` in an unquoted field: a strict reader rejects line 2, field 2, as a stray quote.
    @Test func spectrum_locationCoordinates_strictReaderRejectsStrayQuote() throws {
        #expect {
            try CSVRecords.parse(try Self.bytes("csv-spectrum/csvs/location_coordinates.csv"), file: "lc")
        } throws: { error in
            let problem = (error as! LongListError).problems[0]
            return problem.kind == .strayQuote && problem.line == 2 && problem.column == 2
        }
    }

    /// Parses a Commons control file's records: `n:[v1, v2, ...]`, optional `#comment` suffix dropped.
    static func commonsRecords(_ control: String) -> [[String]] {
        var lines = control.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
        lines.removeFirst(2)  // file line and Java's CSVFormat.toString()
        return lines.map { line in
            let colon = line.firstIndex(of: ":")!
            let count = Int(line[..<colon])!
            let open = line.index(after: line.index(after: colon))
            let close = line.lastIndex(of: "]")!
            let inner = String(line[open..<close])
            let fields = count == 1 ? [inner] : inner.components(separatedBy: ", ")
            precondition(fields.count == count, "control line \(line) does not split into \(count) fields")
            return fields
        }
    }

    /// A strict RFC 4180 reader rejects line 7 of `test.csv` (`" i ", " j " , …`): the second field
    /// starts with a space, so its quote is a stray quote inside an unquoted field (Commons keeps it).
    @Test func commons_test_strictReaderRejectsLine7() throws {
        let input = try Self.bytes("commons-csv-CSVFileParser/test.csv")
        #expect {
            try CSVRecords.parse(input, file: "test.csv", keepBlankLines: true)
        } throws: { error in
            let problem = (error as! LongListError).problems[0]
            return problem.kind == .strayQuote && problem.line == 7 && problem.column == 2
        }
    }

    /// Every other line of `test.csv` parses as `test_rfc4180.txt` says (blank lines kept as one empty field).
    @Test func commons_test_otherLinesMatchRFC4180Expectations() throws {
        var text = String(decoding: try Self.bytes("commons-csv-CSVFileParser/test.csv"), as: UTF8.self)
            .components(separatedBy: "\n")
        text.remove(at: 6)  // line 7, rejected above
        let records = try CSVRecords.parse(Array(text.joined(separator: "\n").utf8), file: "test.csv", keepBlankLines: true)
        var expected = Self.commonsRecords(String(decoding: try Self.bytes("commons-csv-CSVFileParser/test_rfc4180.txt"), as: UTF8.self))
        expected.remove(at: 6)
        #expect(records.map(\.fields) == expected)
    }

    /// No comment support: the data records of testCSV85 and testCSV246 (no final newline) match Commons'.
    @Test(arguments: [("testCSV85.csv", "testCSV85_default.txt"), ("testCSV246.csv", "testCSV246_checkWithNoComment.txt")])
    func commons_commentFiles_dataRecordsMatch(input: String, control: String) throws {
        let records = try CSVRecords.parse(try Self.bytes("commons-csv-CSVFileParser/\(input)"), file: input)
            .map(\.fields).filter { !$0[0].hasPrefix("#") }
        let expected = Self.commonsRecords(String(decoding: try Self.bytes("commons-csv-CSVFileParser/\(control)"), as: UTF8.self))
            .filter { $0 != [""] }
        #expect(records == expected)
    }

    /// `bom.csv`: once the BOM is stripped the first header is `Date` (upstream's only assertion); the
    /// long-list reader also trims the space after each comma from the header names.
    @Test func commons_bom_headerReadAfterBOM() throws {
        let list = try LongListReader.read(
            bytes: try Self.bytes("commons-csv-CSVFileParser/bom.csv"), file: "bom.csv",
            columns: [ColumnRequest(role: "date", aliases: ["Date"]), ColumnRequest(role: "volume", aliases: ["Volume"])])
        #expect(list.encoding == .utf8WithBOM)
        #expect(list.headers == ["Date", "Open", "High", "Low", "Close", "Volume"])
        #expect(list.rowCount == 251)
        #expect(list.errors.isEmpty)
    }
}
