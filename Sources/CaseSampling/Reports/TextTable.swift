/// A plain-text table with aligned columns for terminal reports.
package struct TextTable: Sendable {
    package enum Alignment: Sendable { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    package var rows: [[String]] = []

    package init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    package mutating func append(_ row: [String]) { rows.append(row) }

    /// The table, two spaces between columns, a rule under the header, each line indented.
    ///
    /// Written as bytes, each cell's width (in characters) counted once, so that a table of some
    /// hundred thousand units renders in a fraction of a second.
    package func rendered(indent: String = "  ") -> String {
        let space = UInt8(ascii: " ")
        let headerCounts = headers.map(\.count)
        let rowCounts = rows.map { $0.map(\.count) }
        var widths = headerCounts
        for counts in rowCounts {
            for (c, count) in counts.enumerated() { widths[c] = max(widths[c], count) }
        }
        let indentBytes = Array(indent.utf8)
        var out: [UInt8] = []
        func appendLine(_ cells: [String], _ counts: [Int]) {
            let textStart = out.count + indentBytes.count
            out += indentBytes
            for (c, cell) in cells.enumerated() {
                if c > 0 { out += [space, space] }
                let pad = repeatElement(space, count: widths[c] - counts[c])
                if alignments[c] == .right {
                    out += pad
                    out += cell.utf8
                } else {
                    out += cell.utf8
                    out += pad
                }
            }
            while out.count > textStart && out.last == space { out.removeLast() }
            out.append(UInt8(ascii: "\n"))
        }
        appendLine(headers, headerCounts)
        out += indentBytes
        for (c, width) in widths.enumerated() {
            if c > 0 { out += [space, space] }
            out += repeatElement(UInt8(ascii: "-"), count: width)
        }
        out.append(UInt8(ascii: "\n"))
        for (cells, counts) in zip(rows, rowCounts) { appendLine(cells, counts) }
        return String(decoding: out, as: UTF8.self)
    }
}
