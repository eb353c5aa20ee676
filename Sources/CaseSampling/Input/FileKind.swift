/// What a long list file is, told from its first bytes, so that a file the reader cannot take is
/// refused in one line that says what it is and how to save it instead.
///
/// ```swift
/// let kind = FileKind.identify(firstBytes)        // the first FileKind.prefixLength bytes, or all
/// if let message = kind.refusal(file: "cases.xls") {
///     // cases.xls: error: this is an Excel 97–2003 workbook (.xls), which casesample cannot read; open it …
/// }
/// ```
///
/// | Kind | Signature |
/// |---|---|
/// | ``xlsx`` | zip (`PK 03 04`) whose local headers name a part under `xl/` (or, failing that, `[Content_Types].xml` or `_rels/.rels`) |
/// | ``xlsb`` | zip with `xl/workbook.bin` |
/// | ``ods`` | zip whose first entry, `mimetype`, holds `application/vnd.oasis.opendocument.spreadsheet` |
/// | ``otherZip(_:)`` | any other zip: a Word or PowerPoint file, another OpenDocument, an archive |
/// | ``legacyOffice`` | OLE2 compound file `D0 CF 11 E0 A1 B1 1A E1` (`.xls`, `.doc`) |
/// | ``encryptedWorkbook`` | OLE2 file with an `EncryptedPackage` stream: a password-protected `.xlsx` |
/// | ``html`` | `<html`, `<!DOCTYPE html` or `<table` after a BOM and white space (Excel's "Web Page" `.xls`) |
/// | ``spreadsheetML2003`` | XML naming `urn:schemas-microsoft-com:office:spreadsheet` (Excel 2003 XML `.xls`/`.xml`) |
/// | ``gzip`` | `1F 8B` |
/// | ``pdf`` | `%PDF-` |
/// | ``utf32`` | the UTF-32 byte order marks `FF FE 00 00` and `00 00 FE FF` |
/// | ``utf16WithoutByteOrderMark`` | NUL in every other byte of the first block, without a BOM |
/// | ``binary`` | other NUL bytes, or more than 1% control characters, in the first block |
/// | ``text`` | anything else: CSV or other text in UTF-8, UTF-16 with a BOM or Windows-1252 |
///
/// Only ``text`` and ``xlsx`` can be read. Messages say what the file is, never what it holds.
public enum FileKind: Sendable, Equatable {
    case text
    case xlsx
    case xlsb
    case ods
    /// A zip archive that is not a spreadsheet; the description names what it looks like, when known.
    case otherZip(String?)
    case legacyOffice
    case encryptedWorkbook
    case html
    case spreadsheetML2003
    case gzip
    case pdf
    case utf32
    case utf16WithoutByteOrderMark
    case binary

    /// How many leading bytes ``identify(_:)`` looks at; passing more does no harm.
    public static let prefixLength = 65_536

    /// The kind of a file whose first bytes are `prefix` (at most ``prefixLength`` are read).
    public static func identify(_ prefix: some Collection<UInt8>) -> FileKind {
        let bytes = Array(prefix.prefix(prefixLength))
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return zipKind(bytes)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return contains(bytes, marker) ? .encryptedWorkbook : .legacyOffice
        }
        if bytes.starts(with: [0x1F, 0x8B]) { return .gzip }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .utf32 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .text }
        if let markup = markupKind(bytes) { return markup }
        return controlCharacterKind(bytes)
    }

    /// A one-line message for a file of this kind that the long-list reader cannot take (without a
    /// location prefix), or nil for ``text`` and ``xlsx``.
    public var refusal: String? {
        let saveAs = "open it in Excel or LibreOffice Calc and save it as \"CSV UTF-8 (Comma delimited) (.csv)\" or \"Excel Workbook (.xlsx)\""
        switch self {
        case .text, .xlsx: return nil
        case .xlsb: return "this is an Excel binary workbook (.xlsb), which casesample cannot read; \(saveAs)"
        case .ods: return "this is an OpenDocument spreadsheet (.ods), which casesample cannot read; \(saveAs)"
        case .otherZip(let what):
            return "this is \(what ?? "a zip archive") rather than a spreadsheet; unpack or open it and save the long list as \"CSV UTF-8 (Comma delimited) (.csv)\" or \"Excel Workbook (.xlsx)\""
        case .legacyOffice:
            return "this is an Excel 97–2003 workbook (.xls) or another legacy Office file, which casesample cannot read; \(saveAs)"
        case .encryptedWorkbook:
            return "this is a password-protected (encrypted) workbook, which casesample cannot read; remove the password (File > Info > Protect Workbook in Excel) and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited) (.csv)\""
        case .html:
            return "this is a web page (HTML), as some systems export under a .xls or .csv name, which casesample cannot read; \(saveAs)"
        case .spreadsheetML2003:
            return "this is an Excel 2003 XML spreadsheet, which casesample cannot read; \(saveAs)"
        case .gzip: return "this is a gzip-compressed file; decompress it first (gunzip) and pass the CSV or workbook inside"
        case .pdf: return "this is a PDF document, not a spreadsheet; export the long list from its source system as CSV or .xlsx"
        case .utf32: return "this is text in UTF-32, which casesample cannot read; save it as \"CSV UTF-8 (Comma delimited) (.csv)\""
        case .utf16WithoutByteOrderMark:
            return "this looks like UTF-16 text without a byte order mark, which casesample cannot read; save it as \"CSV UTF-8 (Comma delimited) (.csv)\""
        case .binary: return "this is a binary file, not a CSV or an Excel workbook; \(saveAs)"
        }
    }

    /// `file: error: message`, in the style of the reader's other problems, or nil when the kind is readable.
    public func refusal(file: String) -> String? {
        refusal.map { "\(file): error: \($0)" }
    }

    // MARK: Signatures

    /// Walks the local file headers (APPNOTE.TXT §4.3.7) in the prefix, looking at the entries' names.
    private static func zipKind(_ bytes: [UInt8]) -> FileKind {
        var offset = 0
        var sawContentTypes = false
        for index in 0..<256 {
            guard offset + 30 <= bytes.count, bytes[offset..<(offset + 4)].elementsEqual([0x50, 0x4B, 0x03, 0x04]) else { break }
            let flags = Int(bytes[offset + 6]) | Int(bytes[offset + 7]) << 8
            let compressedSize = Int(bytes[offset + 18]) | Int(bytes[offset + 19]) << 8 | Int(bytes[offset + 20]) << 16 | Int(bytes[offset + 21]) << 24
            let nameLength = Int(bytes[offset + 26]) | Int(bytes[offset + 27]) << 8
            let extraLength = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
            let nameStart = offset + 30
            guard nameStart + nameLength <= bytes.count else { break }
            let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            let dataStart = nameStart + nameLength + extraLength
            if index == 0 && name == "mimetype" {
                let mimetype = String(decoding: bytes[min(dataStart, bytes.count)..<min(dataStart + min(compressedSize, 100), bytes.count)], as: UTF8.self)
                if mimetype.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") { return .ods }
                if mimetype.hasPrefix("application/vnd.oasis.opendocument") { return .otherZip("an OpenDocument file") }
            }
            if name == "xl/workbook.bin" { return .xlsb }
            if name.hasPrefix("xl/") { return .xlsx }
            if name.hasPrefix("word/") { return .otherZip("a Word document (.docx)") }
            if name.hasPrefix("ppt/") { return .otherZip("a PowerPoint presentation (.pptx)") }
            if name == "[Content_Types].xml" || name == "_rels/.rels" { sawContentTypes = true }
            if flags & 0x08 == 0 {
                offset = dataStart + compressedSize
            } else {
                // A data descriptor follows the data (general purpose bit 3), so the size is unknown here:
                // look for the next local header's signature instead.
                guard let next = firstIndex(of: [0x50, 0x4B, 0x03, 0x04], in: bytes, from: dataStart) else { break }
                offset = next
            }
        }
        // An Office Open XML package whose workbook part lies past the prefix: let the workbook reader decide.
        return sawContentTypes ? .xlsx : .otherZip(nil)
    }

    /// HTML or Excel 2003 XML after an optional UTF-8 BOM and white space.
    private static func markupKind(_ bytes: [UInt8]) -> FileKind? {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "<") else { return nil }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 4096)], as: UTF8.self).lowercased()
        if head.hasPrefix("<html") || head.hasPrefix("<!doctype html") || head.hasPrefix("<table") { return .html }
        if head.hasPrefix("<?xml") || head.hasPrefix("<!--") {
            if head.contains("urn:schemas-microsoft-com:office:spreadsheet") || head.contains("progid=\"excel.sheet\"") {
                return .spreadsheetML2003
            }
            if head.contains("<html") { return .html }
        }
        return nil
    }

    /// Text, UTF-16 without a BOM, or binary, from NUL and control bytes in the first 4 KiB.
    private static func controlCharacterKind(_ bytes: [UInt8]) -> FileKind {
        let block = bytes.prefix(4096)
        guard !block.isEmpty else { return .text }
        var nulAtEven = 0, nulAtOdd = 0, controls = 0
        for (index, byte) in block.enumerated() {
            if byte == 0 {
                if index % 2 == 0 { nulAtEven += 1 } else { nulAtOdd += 1 }
            } else if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
                controls += 1
            }
        }
        let halfPairs = block.count / 2
        if halfPairs >= 2 && (nulAtOdd >= halfPairs * 9 / 10 && nulAtEven == 0 || nulAtEven >= halfPairs * 9 / 10 && nulAtOdd == 0) {
            return .utf16WithoutByteOrderMark
        }
        if nulAtEven + nulAtOdd > 0 { return .binary }
        return controls * 100 > block.count ? .binary : .text
    }

    private static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        firstIndex(of: pattern, in: bytes, from: 0) != nil
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = max(start, 0)
        while index <= bytes.count - pattern.count {
            if bytes[index] == first && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
