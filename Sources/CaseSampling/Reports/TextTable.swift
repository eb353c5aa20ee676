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
    package func rendered(indent: String = "  ") -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { c in all.map { $0[safe: c]?.count ?? 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return alignments[c] == .right ? pad + cell : cell + pad
            }.joined(separator: "  ")
            var utf8 = Array(text.utf8)
            while utf8.last == UInt8(ascii: " ") { utf8.removeLast() }
            return indent + String(decoding: utf8, as: UTF8.self)
        }
        var lines = [line(headers), indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
