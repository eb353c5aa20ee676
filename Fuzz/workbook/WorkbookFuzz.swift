// libFuzzer target for the DEFLATE decoder, the XML pull parser, the zip reader and the workbook reader.
// Built with FuzzSupport.swift against the library (@testable import); see Fuzz/workbook/README.md.
//
// Byte 0 of the input picks what the rest is (byte 0 mod 7):
//   0  a raw DEFLATE stream          3  a whole .xlsx workbook
//   1  an XML document               4  a worksheet part, wrapped in a fixed workbook
//   2  a zip archive                 5  a shared strings part, wrapped     6  a styles part, wrapped

@testable import CaseSampling

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 7 {
    case 0: fuzzInflate(bytes)
    case 1: fuzzXML(bytes, chunkSize: Int(data[0] / 7) % 13 + 1)
    case 2: fuzzZip(bytes)
    case 3: fuzzWorkbook(bytes)
    case 4: fuzzWorkbook(wrappedWorkbook(sheet: bytes, sharedStrings: defaultSharedStrings, styles: defaultStyles))
    case 5: fuzzWorkbook(wrappedWorkbook(sheet: defaultSheet, sharedStrings: bytes, styles: defaultStyles))
    default: fuzzWorkbook(wrappedWorkbook(sheet: defaultSheet, sharedStrings: defaultSharedStrings, styles: bytes))
    }
    return 0
}

// MARK: - Inflate

/// The whole and streamed decoders agree, stay within the limit, and fail the same way.
func fuzzInflate(_ bytes: [UInt8]) {
    let limit = 1 << 20
    var whole: Result<[UInt8], Inflate.Error>
    do { whole = .success(try Inflate.decompress(bytes, outputLimit: limit)) } catch { whole = .failure(error) }
    var streamed: [UInt8] = []
    var streamError: Inflate.Error?
    do {
        try bytes.withUnsafeBytes { input in
            try Inflate.decompress(input, outputLimit: limit, chunkSize: 1024) { chunk in
                check("inflate.chunkSize", chunk.count <= 1024, "\(chunk.count)")
                streamed.append(contentsOf: chunk)
            }
        }
    } catch let error as Inflate.Error {
        streamError = error
    } catch {
        check("inflate.errorType", false, "\(error)")
    }
    switch whole {
    case .success(let output):
        note("inflate: \(output.count) bytes")
        check("inflate.limit", output.count <= limit)
        check("inflate.streamAgrees", streamError == nil && streamed == output)
        // A stored copy of the output decodes to itself.
        check("inflate.storedRoundTrip", (try? Inflate.decompress(storedBlocks(output), outputLimit: limit)) == output)
    case .failure(let error):
        note("inflate: \(error)")
        check("inflate.streamFails", streamError?.kind == error.kind, "\(String(describing: streamError)) vs \(error)")
        check("inflate.message", error.description.hasPrefix("corrupt compressed data: "))
    }
}

/// `bytes` as DEFLATE stored blocks.
func storedBlocks(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    var start = 0
    repeat {
        let count = min(65_535, bytes.count - start)
        let isFinal = start + count == bytes.count
        output += [isFinal ? 1 : 0, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
        output += bytes[start..<(start + count)]
        start += count
    } while start < bytes.count
    return output
}

// MARK: - XML

/// Feeding the document whole or in small chunks gives the same events and the same error.
func fuzzXML(_ bytes: [UInt8], chunkSize: Int) {
    let whole = xmlEvents(bytes, chunkSize: bytes.count + 1)
    let chunked = xmlEvents(bytes, chunkSize: chunkSize)
    note("xml: \(whole.events.count) events, error \(String(describing: whole.error))")
    check("xml.chunksAgree", whole.events == chunked.events, "chunk size \(chunkSize)")
    check("xml.errorsAgree", whole.error?.kind == chunked.error?.kind, "\(String(describing: whole.error)) vs \(String(describing: chunked.error))")
}

func xmlEvents(_ bytes: [UInt8], chunkSize: Int) -> (events: [String], error: XMLError?) {
    var parser = XMLPullParser(maximumTokenLength: 4096, maximumDepth: 64)
    var events: [String] = []
    func drain() throws(XMLError) {
        while let event = try parser.next() {
            check("xml.depth", parser.depth <= 64)
            switch event {
            case .startElement:
                let r = try parser.attributeBytes("r").map { Array($0) } ?? []
                events.append("<\(parser.hasLocalName("c"))\(r)")
            case .endElement: events.append(">")
            case .text: events.append("t\(Array(try parser.textBytes()))")
            }
        }
    }
    do throws(XMLError) {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            parser.append(Array(bytes[start..<end]))
            try drain()
            start = end
        }
        parser.finish()
        try drain()
        check("xml.closed", parser.depth == 0)
        return (events, nil)
    } catch {
        return (events, error)
    }
}

// MARK: - Zip

let fuzzZipLimits: ZipArchive.Limits = {
    var limits = ZipArchive.Limits.default
    limits.maximumEntrySize = 4 << 20
    limits.maximumTotalSize = 16 << 20
    return limits
}()

/// Reading every entry whole and in chunks agrees; sizes are what the directory says.
func fuzzZip(_ bytes: [UInt8]) {
    let archive: ZipArchive
    do { archive = try ZipArchive(bytes: bytes, limits: fuzzZipLimits) } catch {
        note("zip: \(error)")
        return
    }
    for entry in archive.entries.prefix(16) {
        check("zip.lookup", archive.entry(at: entry.path) != nil)
        do {
            let contents = try archive.contents(of: entry)
            check("zip.size", contents.count == entry.uncompressedSize)
            var chunked: [UInt8] = []
            try archive.read(entry, chunkSize: 1000) { chunked.append(contentsOf: $0) }
            check("zip.chunked", chunked == contents)
        } catch {
            note("zip entry \(entry.path): \(error)")
            check("zip.errorType", error is ZipError, "\(error)")
        }
    }
}

// MARK: - Workbook

let fuzzWorkbookLimits: Workbook.Limits = {
    var limits = Workbook.Limits.default
    limits.archive = fuzzZipLimits
    limits.maximumPartSize = 4 << 20
    limits.maximumTokenLength = 64 << 10
    return limits
}()

/// Opening and reading every worksheet never traps; rows rise; cells and errors are consistent.
func fuzzWorkbook(_ bytes: [UInt8]) {
    let workbook: Workbook
    do { workbook = try Workbook(bytes: bytes, limits: fuzzWorkbookLimits) } catch {
        note("workbook: \(error)")
        check("workbook.message", !error.description.isEmpty)
        return
    }
    for sheet in workbook.sheets.prefix(8) {
        var previous = 0
        do {
            let summary = try workbook.forEachRow(in: sheet) { row in
                check("workbook.rowsRise", row.number > previous && row.number <= CellReference.maximumRow, "\(row.number) after \(previous)")
                previous = row.number
                check("workbook.width", row.cells.count <= CellReference.maximumColumnCount)
                check("workbook.trimmed", row.cells.last.map { !$0.isEmpty } ?? true)
                for error in row.errors {
                    check("workbook.errorCell", error.columnIndex < row.cells.count && row.cells[error.columnIndex] == error.code)
                }
            }
            note("sheet \(sheet.name): \(summary.rowCount) rows")
            check("workbook.merged", summary.mergedRanges.count <= WorksheetReader.maximumMergedRanges)
        } catch {
            note("sheet \(sheet.name): \(error)")
            check("workbook.errorType", error is WorkbookError, "\(error)")
        }
    }
    _ = try? workbook.sheet(named: "Cases")
    fuzzLongListSource(bytes)
}

/// The long-list path: the first sheet rendered as CSV and read by the long-list reader. Every problem
/// is located by sheet row (from 1) and, when it has a column, by letter; failures are reading errors.
func fuzzLongListSource(_ bytes: [UInt8]) {
    let request = ColumnRequest(role: "caseReference", aliases: ["CRN"], isRequired: false, storage: .caseReference)
    do {
        let list = try LongListSource(bytes: bytes, path: "fuzz.xlsx").read(columns: [request], options: ReadOptions(isParallel: false))
        note("source: \(list.rowCount) rows, \(list.problems.count) problems")
        for problem in list.problems {
            check("source.row", (problem.line ?? 1) >= 1, "\(problem)")
            check("source.letter", problem.column == nil || problem.columnLetter != nil, "\(problem)")
        }
    } catch {
        note("source: \(error)")
        check("source.errorType", error is LongListError, "\(error)")
    }
}

let defaultSheet = Array("""
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
    <row r="2"><c r="A2" s="1"><v>45306.5</v></c><c r="B2" t="b"><v>1</v></c></row></sheetData></worksheet>
    """.utf8)
let defaultSharedStrings = Array("""
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>CRN</t></si><si><r><t>Na</t></r><r><t>me</t></r></si></sst>
    """.utf8)
let defaultStyles = Array("""
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">\
    <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>
    """.utf8)

/// A stored workbook with the given sheet, shared strings and styles parts.
func wrappedWorkbook(sheet: [UInt8], sharedStrings: [UInt8], styles: [UInt8]) -> [UInt8] {
    var zip = ZipWriter()
    zip.addEntry(path: "_rels/.rels", contents: Array("""
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """.utf8))
    zip.addEntry(path: "xl/workbook.xml", contents: Array("""
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="Cases" sheetId="1" r:id="rId1"/></sheets></workbook>
        """.utf8))
    zip.addEntry(path: "xl/_rels/workbook.xml.rels", contents: Array("""
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """.utf8))
    zip.addEntry(path: "xl/worksheets/sheet1.xml", contents: sheet)
    zip.addEntry(path: "xl/sharedStrings.xml", contents: sharedStrings)
    zip.addEntry(path: "xl/styles.xml", contents: styles)
    return zip.finish()
}
