/// The building blocks of `report.html`: one self-contained, well-formed (XHTML-compatible) page with
/// its style sheet inline, no scripts and no external references, made the same byte for byte from
/// the same record.
///
/// A chart is an inline SVG (`role="img"` with a `<title>` and a `<desc>`) beside a table that holds
/// the same numbers as text; bars carry their values in words, and the sample's bars are hatched as
/// well as coloured, so nothing is told by colour alone. Colours pass WCAG AA contrast on white.
struct HTMLReport {
    private(set) var body = ""
    private var nextIdentifier = 0

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    mutating func raw(_ html: String) { body += html }

    mutating func heading(_ level: Int, _ text: String) { body += "<h\(level)>\(Self.escape(text))</h\(level)>\n" }

    mutating func paragraph(_ text: String, className: String? = nil) {
        body += "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(Self.escape(text))</p>\n"
    }

    /// A list of terms and their values.
    mutating func facts(_ items: [(String, String)]) {
        body += "<dl class=\"facts\">\n"
        for (term, value) in items { body += "<dt>\(Self.escape(term))</dt><dd>\(Self.escape(value))</dd>\n" }
        body += "</dl>\n"
    }

    /// A table with a caption, column headers (`scope="col"`) and rows whose first cell is a row
    /// header (`scope="row"`); columns after the first are right-aligned numbers unless listed in `textColumns`.
    mutating func table(caption: String, headers: [String], rows: [[String]], textColumns: Set<Int> = [], footer: [String]? = nil) {
        func cell(_ value: String, _ column: Int, header: Bool) -> String {
            let className = column == 0 || textColumns.contains(column) ? "" : " class=\"num\""
            return header && column == 0
                ? "<th scope=\"row\"\(className)>\(Self.escape(value))</th>"
                : "<td\(className)>\(Self.escape(value))</td>"
        }
        body += "<table>\n<caption>\(Self.escape(caption))</caption>\n<thead><tr>"
        for (column, header) in headers.enumerated() {
            let className = column == 0 || textColumns.contains(column) ? "" : " class=\"num\""
            body += "<th scope=\"col\"\(className)>\(Self.escape(header))</th>"
        }
        body += "</tr></thead>\n<tbody>\n"
        for row in rows { body += "<tr>" + row.enumerated().map { cell($1, $0, header: true) }.joined() + "</tr>\n" }
        body += "</tbody>\n"
        if let footer {
            body += "<tfoot><tr>" + footer.enumerated().map { cell($1, $0, header: true) }.joined() + "</tr></tfoot>\n"
        }
        body += "</table>\n"
    }

    /// A horizontal bar chart of population share against sample share, one pair of bars a category.
    ///
    /// - Parameter bars: each category's label, population share and sample share (0…1).
    mutating func shareChart(title: String, bars: [(label: String, population: Double, sample: Double)], sampleName: String = "Sample") {
        let id = newIdentifier()
        let labelWidth = 150, barWidth = 380, rowHeight = 46, top = 30
        let height = top + rowHeight * bars.count + 8
        let largest = max(bars.map { max($0.population, $0.sample) }.max() ?? 0, 0.0001)
        func width(_ share: Double) -> String { Format.fixed(Double(barWidth) * share / largest, digits: 1) }
        let description = bars.map { "\($0.label): population \(Format.percent($0.population)), \(sampleName.lowercased()) \(Format.percent($0.sample))" }
            .joined(separator: "; ")
        body += "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(labelWidth + barWidth + 70) \(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
        body += "<title id=\"\(id)-title\">\(Self.escape(title))</title>\n<desc id=\"\(id)-desc\">\(Self.escape(description))</desc>\n"
        body += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6d9bf\"/><rect width=\"3\" height=\"6\" fill=\"#9a4a00\"/></pattern></defs>\n"
        body += "<rect x=\"\(labelWidth)\" y=\"6\" width=\"14\" height=\"12\" fill=\"#1d4f91\"/><text x=\"\(labelWidth + 20)\" y=\"16\">Population</text>\n"
        body += "<rect x=\"\(labelWidth + 120)\" y=\"6\" width=\"14\" height=\"12\" fill=\"url(#\(id)-hatch)\" stroke=\"#9a4a00\"/><text x=\"\(labelWidth + 140)\" y=\"16\">\(Self.escape(sampleName))</text>\n"
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * index
            body += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 25)\" text-anchor=\"end\">\(Self.escape(bar.label))</text>\n"
            body += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(width(bar.population))\" height=\"16\" fill=\"#1d4f91\"/>"
            body += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 17)\" dx=\"\(width(bar.population))\" class=\"value\">\(Format.percent(bar.population))</text>\n"
            body += "<rect x=\"\(labelWidth)\" y=\"\(y + 22)\" width=\"\(width(bar.sample))\" height=\"16\" fill=\"url(#\(id)-hatch)\" stroke=\"#9a4a00\"/>"
            body += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 35)\" dx=\"\(width(bar.sample))\" class=\"value\">\(Format.percent(bar.sample))</text>\n"
        }
        body += "</svg>\n<figcaption>\(Self.escape(title)). The table gives the same numbers.</figcaption>\n</figure>\n"
    }

    /// A stacked bar of parts of a whole (the account of every row), each part labelled in words.
    mutating func flowChart(title: String, parts: [(label: String, count: Int)]) {
        let id = newIdentifier()
        let total = max(parts.reduce(0) { $0 + $1.count }, 1)
        let width = 600.0
        let fills = ["#1d4f91", "#6b6b6b", "#9a4a00", "#2e7d32"]
        body += "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 620 \(40 + 22 * parts.count)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
        body += "<title id=\"\(id)-title\">\(Self.escape(title))</title>\n"
        body += "<desc id=\"\(id)-desc\">\(Self.escape(parts.map { "\($0.label): \(Format.count($0.count))" }.joined(separator: "; ")))</desc>\n"
        var x = 10.0
        for (index, part) in parts.enumerated() where part.count > 0 {
            let w = width * Double(part.count) / Double(total)
            body += "<rect x=\"\(Format.fixed(x, digits: 1))\" y=\"6\" width=\"\(Format.fixed(w, digits: 1))\" height=\"22\" fill=\"\(fills[index % fills.count])\" stroke=\"#ffffff\"/>\n"
            x += w
        }
        for (index, part) in parts.enumerated() {
            let y = 50 + 22 * index
            body += "<rect x=\"10\" y=\"\(y - 11)\" width=\"14\" height=\"12\" fill=\"\(fills[index % fills.count])\"/>"
            body += "<text x=\"32\" y=\"\(y)\">\(Self.escape(part.label)): \(Format.count(part.count)) (\(Format.percent(Double(part.count) / Double(total))))</text>\n"
        }
        body += "</svg>\n<figcaption>\(Self.escape(title)).</figcaption>\n</figure>\n"
    }

    private mutating func newIdentifier() -> String {
        nextIdentifier += 1
        return "chart\(nextIdentifier)"
    }

    /// The whole page: `<!DOCTYPE html>`, the head with the inline style sheet, and the body.
    func document(title: String) -> [UInt8] {
        Array("""
            <!DOCTYPE html>
            <html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(Self.escape(title))</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """.utf8)
    }

    static let styleSheet = """
        :root { color: #1b1b1b; background: #ffffff; font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 11pt; line-height: 1.4; }
        main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 0.2rem; }
        h2 { font-size: 1.2rem; margin: 1.6rem 0 0.4rem; border-bottom: 2px solid #1d4f91; padding-bottom: 0.15rem; break-after: avoid; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; break-after: avoid; }
        p.subtitle { margin: 0 0 1rem; color: #3d3d3d; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; break-inside: avoid; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
        th, td { border-bottom: 1px solid #c8c8c8; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #1b1b1b; }
        tfoot th, tfoot td { border-top: 2px solid #1b1b1b; font-weight: bold; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .flag { font-weight: bold; color: #8a1c1c; }
        figure { margin: 0.5rem 0 1rem; break-inside: avoid; }
        figcaption { font-size: 0.9rem; color: #3d3d3d; }
        svg.chart { width: 100%; max-width: 40rem; height: auto; font-size: 12px; fill: #1b1b1b; }
        svg.chart text.value { font-size: 11px; }
        @page { size: A4; margin: 16mm 14mm; }
        @media print { :root { font-size: 10pt; } main { max-width: none; padding: 0; } a { color: inherit; } }
        """
}
