/// The shared string table of a workbook (`xl/sharedStrings.xml`, ECMA-376 Part 1 §18.4): the text of
/// cells of type `s`, by index.
///
/// Each `<si>` item is plain (`<si><t>text</t></si>`) or rich text in runs
/// (`<si><r><rPr>…</rPr><t>te</t></r><r><t>xt</t></r></si>`), whose runs' text is joined. Phonetic
/// runs (`<rPh>`, the furigana of Japanese text) are left out, as a spreadsheet shows them only on
/// request. OOXML's `_xHHHH_` escapes are decoded (see ``CellText/decodingEscapes(_:)``).
enum SharedStrings {
    /// The table's strings in order.
    ///
    /// - Throws: ``WorkbookError`` when the part cannot be read or holds text that is not UTF-8.
    static func read(part: String, in archive: ZipArchive, maximumSize: Int, maximumTokenLength: Int) throws -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var isInItem = false, isInText = false
        var phoneticDepth = 0
        try WorkbookParts.parse(archive, part: part, maximumSize: maximumSize, maximumTokenLength: maximumTokenLength) {
            parser, event in
            switch event {
            case .startElement:
                if parser.hasLocalName("si") {
                    isInItem = true
                    current.removeAll(keepingCapacity: true)
                } else if parser.hasLocalName("rPh") {
                    phoneticDepth += 1
                } else if isInItem && parser.hasLocalName("t") {
                    isInText = phoneticDepth == 0
                }
            case .endElement:
                if parser.hasLocalName("si") {
                    guard let text = String(validating: CellText.decodingEscapes(current[...]), as: UTF8.self) else {
                        throw WorkbookError(.malformedXML("shared string \(strings.count) is not valid UTF-8"), part: part)
                    }
                    strings.append(text)
                    isInItem = false
                } else if parser.hasLocalName("rPh") {
                    phoneticDepth -= 1
                } else if parser.hasLocalName("t") {
                    isInText = false
                }
            case .text:
                if isInText { current.append(contentsOf: try parser.textBytes()) }
            }
        }
        return strings
    }
}
