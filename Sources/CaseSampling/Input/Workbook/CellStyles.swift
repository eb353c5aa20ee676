/// Which cell formats of a workbook show numbers as dates or times, from `xl/styles.xml`.
///
/// A cell's `s` attribute indexes the `<cellXfs>` list; each `<xf>` there has a `numFmtId`. Ids below
/// 164 are built in (ECMA-376 Part 1 §18.8.30): 14–17 and 22 are dates (22 with a time), 18–21 and
/// 45–47 are times. Ids from 164 are defined in `<numFmts>` by a format code, which shows a date when,
/// outside quoted text, `[...]` brackets and characters escaped with `\` or following `_` or `*`, it
/// has a `d` or `y`, or an `m` with no `h` or `s` beside it; it shows a time when it has
/// an `h` or `s` and no date token. So `dd/mm/yyyy`, `d-mmm-yy`, `yyyy-mm-dd hh:mm` are dates, `h:mm`
/// and `[h]:mm:ss` are times, and `"Day "0`, `0.00_m` and `[Red]0` are plain numbers. Only the first
/// of a code's `;`-separated sections is read, as it covers positive numbers, which dates are.
struct CellStyles: Sendable, Equatable {
    /// The kind of number each `<cellXfs>` entry shows, by index.
    let kinds: [CellText.NumberKind]

    /// No styles: every number is a plain number.
    init() { kinds = [] }

    init(kinds: [CellText.NumberKind]) { self.kinds = kinds }

    /// The kind of number that style index `index` shows; a plain number for an unknown index.
    func kind(ofStyle index: Int) -> CellText.NumberKind {
        kinds.indices.contains(index) ? kinds[index] : .number
    }

    /// Reads the styles part.
    ///
    /// - Throws: ``WorkbookError`` when the part cannot be read.
    static func read(part: String, in archive: ZipArchive, maximumSize: Int) throws -> CellStyles {
        var customFormats: [Int: CellText.NumberKind] = [:]
        var kinds: [CellText.NumberKind] = []
        var isInCellFormats = false
        try WorkbookParts.parse(archive, part: part, maximumSize: maximumSize, maximumTokenLength: 1 << 20) { parser, event in
            switch event {
            case .startElement where parser.hasLocalName("numFmt"):
                if let id = try parser.attribute("numFmtId").flatMap({ Int($0) }), let code = try parser.attribute("formatCode") {
                    customFormats[id] = kind(ofFormatCode: code)
                }
            case .startElement where parser.hasLocalName("cellXfs"):
                isInCellFormats = true
            case .endElement where parser.hasLocalName("cellXfs"):
                isInCellFormats = false
            case .startElement where isInCellFormats && parser.hasLocalName("xf"):
                let id = try parser.attribute("numFmtId").flatMap { Int($0) } ?? 0
                kinds.append(customFormats[id] ?? builtInKind(id))
            default:
                break
            }
        }
        return CellStyles(kinds: kinds)
    }

    /// The kind of the built-in number format `id`.
    static func builtInKind(_ id: Int) -> CellText.NumberKind {
        switch id {
        case 14...17, 22: .date
        case 18...21, 45...47: .time
        default: .number
        }
    }

    /// The kind of number a custom format code shows (see the type's discussion).
    static func kind(ofFormatCode code: String) -> CellText.NumberKind {
        var hasDate = false, hasTime = false, hasMonthOrMinute = false
        var characters = code.lowercased().makeIterator()
        while let character = characters.next() {
            switch character {
            case ";": break
            case "\"":
                while let next = characters.next(), next != "\"" {}
                continue
            case "[":
                while let next = characters.next(), next != "]" {}
                continue
            case "\\", "_", "*":
                _ = characters.next()
                continue
            case "d", "y": hasDate = true; continue
            case "h", "s": hasTime = true; continue
            case "m": hasMonthOrMinute = true; continue
            default: continue
            }
            break  // the end of the first section
        }
        if hasDate || (hasMonthOrMinute && !hasTime) { return .date }
        return hasTime ? .time : .number
    }
}
