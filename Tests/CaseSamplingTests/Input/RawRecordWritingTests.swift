import Foundation
import Testing

@testable import CaseSampling

/// Writing long-list records from their original bytes (`excluded.csv`) gives exactly the bytes of
/// the field-by-field `String` path it replaced, on messy fields in every encoding and layout the
/// reader accepts.
@Suite struct RawRecordWritingTests {
    /// Fields that exercise every rule of the writer: formula triggers (also after spaces and
    /// no-break spaces), quotes, line breaks, semicolons, edge spaces, non-ASCII text, empties.
    static let messyFields = [
        "=1+2", "+44 20", "-5", "@SUM(A1)", "\tTab", " =lead", "\u{A0}=nbsp", "\u{A0}\u{A0}-x", "trail ", " lead",
        "a;b", "O\"Brien", "\"\"", "Mary\nAnn", "cr\rhere", "crlf\r\nx", "plain", "x,y", "x\ty", "Siân", "O’Neil", "Zoë",
        "", " ", "'=already", "=\"quoted formula\"", "€100", "ends with \"",
    ]

    /// The header and rows of a messy long list: every messy field in each of three columns, plus a
    /// short row and a row with trailing empty fields.
    static func table() -> [[String]] {
        var rows = [["CRN", "Name", "Note", "Code"]]
        for (i, field) in messyFields.enumerated() {
            rows.append(["X\(100 + i)", field, messyFields[(i * 7 + 3) % messyFields.count], messyFields[(i * 5 + 1) % messyFields.count]])
        }
        return rows
    }

    /// How a test file is written.
    struct Layout: CustomStringConvertible, Sendable {
        var delimiter: Character = ","
        var quoteAll = false
        var lineEnd = "\r\n"
        var encoding: SourceEncoding = .utf8
        var description: String {
            "\(encoding.rawValue), delimiter \(delimiter.unicodeScalars.first!.value), quoteAll \(quoteAll), \(lineEnd.utf8.count)-byte line ends"
        }
    }

    static let layouts: [Layout] = [
        Layout(), Layout(quoteAll: true), Layout(lineEnd: "\n"), Layout(delimiter: ";"), Layout(delimiter: "\t"),
        Layout(encoding: .utf8WithBOM), Layout(encoding: .windows1252), Layout(quoteAll: true, encoding: .windows1252),
        Layout(delimiter: ";", encoding: .windows1252), Layout(encoding: .utf16LittleEndian), Layout(encoding: .utf16BigEndian),
    ]

    /// RFC 4180 text for `rows`, then (unless told not to) a short row and a row with trailing
    /// delimiters, encoded as `layout` says.
    static func file(_ rows: [[String]], _ layout: Layout, withRaggedRows: Bool = true) throws -> [UInt8] {
        let d = String(layout.delimiter)
        func cell(_ field: String) -> String {
            let needsQuotes = layout.quoteAll || field.contains(layout.delimiter) || field.contains("\"")
                || field.contains("\n") || field.contains("\r")
            return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        var text = rows.map { $0.map(cell).joined(separator: d) + layout.lineEnd }.joined()
        if withRaggedRows { text += "X900\(d)short" + layout.lineEnd + "X901\(d)a\(d)b\(d)c\(d)\(d)" + layout.lineEnd }
        switch layout.encoding {
        case .utf8: return Array(text.utf8)
        case .utf8WithBOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .windows1252:
            return [UInt8](try #require(text.data(using: .windowsCP1252)))
        case .utf16LittleEndian: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BigEndian: return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
    }

    static let columns = [ColumnRequest(role: "caseReference", aliases: ["CRN"], storage: .caseReference)]

    /// The reference: fields decoded to strings, cut or padded to `width`, written by `append(record:)`.
    static func stringPath(_ list: LongList, rows: [Int], width: Int, extra: [String]) -> [UInt8] {
        var writer = CSVWriter()
        list.forEachRecord(rows: rows) { _, fields in
            let padded = fields.count >= width
                ? Array(fields.prefix(width)) : fields + Array(repeating: "", count: width - fields.count)
            writer.append(record: padded + extra)
        }
        return writer.bytes
    }

    @Test(arguments: layouts)
    func bytePathWritesWhatTheStringPathWrites(layout: Layout) throws {
        let list = try LongListReader.read(bytes: try Self.file(Self.table(), layout), file: "messy.csv", columns: Self.columns)
        #expect(list.encoding == layout.encoding)
        #expect(list.rowCount == Self.messyFields.count + 2)
        let rows = Array(0..<list.rowCount)
        let extra = "=reason: \"why\"; because"
        for width in [list.headers.count, 2, 6] {
            var writer = CSVWriter()
            var scratch: [UInt8] = []
            list.forEachRawRecord(rows: rows) { _, record in
                writer.append(record, width: width, thenEncoded: [CSVWriter.encodedField(extra)], scratch: &scratch)
            }
            let expected = Self.stringPath(list, rows: rows, width: width, extra: [extra])
            #expect(writer.bytes == expected, "\(layout), width \(width)")
        }
    }

    @Test(arguments: layouts)
    func rawValuesAreTheUTF8OfTheDecodedFields(layout: Layout) throws {
        let list = try LongListReader.read(bytes: try Self.file(Self.table(), layout), file: "messy.csv", columns: Self.columns)
        var scratch: [UInt8] = []
        var checked = 0
        list.forEachRawRecord(rows: Array(0..<list.rowCount)) { row, record in
            let fields = record.decodedFields()
            #expect(fields == list.recordFields(row: row))
            #expect(record.fieldCount == fields.count)
            for field in 0..<record.fieldCount {
                let value = record.withValue(of: field, scratch: &scratch) { Array($0) }
                #expect(value == Array(fields[field].utf8), "\(layout), row \(row), field \(field)")
                checked += 1
            }
        }
        #expect(checked > 3 * Self.messyFields.count)
    }

    @Test func messyFieldsReadBackAsWritten() throws {
        let list = try LongListReader.read(bytes: try Self.file(Self.table(), Layout()), file: "messy.csv", columns: Self.columns)
        for (i, field) in Self.messyFields.enumerated() {
            #expect(list.recordFields(row: i)[1] == field)
        }
    }

    /// Whether `line` (after a header of four columns) is copied as it stands.
    static func isVerbatim(_ line: String, width: Int = 4) throws -> Bool {
        let list = try LongListReader.read(bytes: Array(("CRN,A,B,C\n" + line + "\n").utf8), file: "l.csv", columns: columns)
        var verbatim = false
        list.forEachRawRecord(rows: [0]) { _, record in verbatim = CSVWriter.isVerbatim(record, width: width) }
        return verbatim
    }

    @Test func plainCommaSeparatedRecordsAreCopiedVerbatim() throws {
        #expect(try Self.isVerbatim("X1,Smith,Siân O’Neil,12/01/1990"))
        #expect(try Self.isVerbatim("X1,,,"))
        #expect(try Self.isVerbatim("X1,a b,c,d", width: 2))
        #expect(try Self.isVerbatim("X1,a,b,c,,"))
        #expect(try Self.isVerbatim("X1,\u{A0}a,b,c"))
    }

    @Test(arguments: [
        "X1,=1,b,c", "X1,+1,b,c", "X1,-1,b,c", "X1,@1,b,c", "X1,\t1,b,c", "X1, a,b,c", "X1,a ,b,c", "X1,\u{A0}=a,b,c", "X1,\u{FF1D}1,b,c", "X1,\u{200B}@a,b,c",
        "X1,a;b,b,c", "X1,\"a\",b,c", "X1,\"a,b\",b,c", "X1,\"a\"\"b\",b,c", "X1,a,b",
    ])
    func recordsThatNeedRewritingAreNotVerbatim(line: String) throws {
        #expect(try !Self.isVerbatim(line))
    }

    @Test func otherDelimitersAndWindows1252AreNotVerbatim() throws {
        let semicolon = try LongListReader.read(bytes: Array("CRN;A\nX1;a\n".utf8), file: "l.csv", columns: Self.columns)
        let windows = try LongListReader.read(bytes: Array("CRN,A\nX1,Si".utf8) + [0xE2] + Array("n\n".utf8), file: "l.csv", columns: Self.columns)
        #expect(windows.encoding == .windows1252)
        for list in [semicolon, windows] {
            list.forEachRawRecord(rows: [0]) { _, record in #expect(!CSVWriter.isVerbatim(record, width: 2)) }
        }
        let ascii = try LongListReader.read(bytes: Array("CRN,A\nX1,Sian\nX2,Si".utf8) + [0xE2] + Array("n\n".utf8), file: "l.csv", columns: Self.columns)
        ascii.forEachRawRecord(rows: [0]) { _, record in #expect(CSVWriter.isVerbatim(record, width: 2)) }
    }

    @Test func encodedFieldIsTheFieldAsAppended() {
        for field in Self.messyFields {
            var writer = CSVWriter()
            writer.append(record: [field])
            #expect(CSVWriter.byteOrderMark + CSVWriter.encodedField(field) + [0x0D, 0x0A] == writer.bytes, "\(field)")
        }
    }

    @Test func windows1252TranscodingMatchesTheDecoder() {
        let defined = (0...255).map(UInt8.init).filter(Windows1252.isDefined)
        var utf8: [UInt8] = []
        Windows1252.appendUTF8(of: defined, to: &utf8)
        #expect(utf8 == Array(Windows1252.decode(defined).utf8))
        #expect(defined.count == 251)
    }

    /// `excluded.csv` as the draw builds it, against the reference path on the shipped example with
    /// messy names, in UTF-8, Windows-1252 and UTF-16.
    @Test(arguments: [SourceEncoding.utf8, .windows1252, .utf16LittleEndian])
    func excludedFileMatchesTheStringPath(encoding: SourceEncoding) throws {
        var table = try CSVRecords.parse(try Examples.exampleBytes(), file: "example.csv").map(\.fields)
        for row in stride(from: 1, to: table.count, by: 3) {
            table[row][1] = Self.messyFields[row % Self.messyFields.count]
            table[row][2] = Self.messyFields[(row * 7) % Self.messyFields.count]
            table[row][7] = Self.messyFields[(row * 5) % Self.messyFields.count]
        }
        if encoding == .windows1252 {
            // Letters outside Windows-1252 (Ł, ś, ...) become '?', as Excel's save makes them.
            table = table.map { $0.map { field in
                String(field.map { $0.unicodeScalars.first!.value < 0x80 || String($0).data(using: .windowsCP1252) != nil ? $0 : "?" })
            } }
        }
        let bytes = try Self.file(table, Layout(encoding: encoding), withRaggedRows: false)
        let spec = try Examples.domainTwo()
        let list = try LongListReader.read(bytes: bytes, file: "example.csv", columns: spec.columnRequests)
        #expect(list.encoding == encoding)
        #expect(list.errors.isEmpty)
        let population = try Population.classify(list, by: spec)
        #expect(population.excludedCount > 300)
        let excludedRows = (0..<population.rowCount).filter { population.exclusionReason(of: $0) != nil }
        var expected = CSVWriter()
        expected.append(record: list.headers + ["Reason"])
        list.forEachRecord(rows: excludedRows) { row, fields in
            let reason = population.exclusionReason(of: row)!
            expected.append(record: fields + ["\(reason.code): \(reason.text)"])
        }
        #expect(DrawOutputs.excludedInMemory(of: population).bytes == expected.bytes)
        let inSmallParts = MemorySink()
        _ = try ExcludedFile.write(of: population, to: inSmallParts, partSize: 1)
        #expect(inSmallParts.bytes == expected.bytes, "made one row per part")
    }
}
