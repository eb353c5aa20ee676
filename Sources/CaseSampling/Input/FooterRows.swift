/// Totals and footer rows at the end of a long list, which spreadsheets add below the cases (`Total`,
/// `Count`, `Grand total`, or a row of sums): recognised, skipped, counted and reported as warnings
/// naming their lines, so that they are neither cases nor errors.
///
/// A row is a footer row when it is among the last rows of the list, its case reference is empty (or
/// is itself such a word), it has at least one value, and every value is either a number (`2,003`,
/// `45.5`, `12%`, `£10`) or a totals word: `Total`, `Totals`, `Grand total`, `Subtotal`, `Sum`,
/// `Count`, or one of these followed by more words (`Total cases`, `Count of CRN`). The run of such
/// rows at the very end is skipped; a footer-like row with cases after it, and any other row without
/// a case reference, stays an error.
enum FooterRows {
    /// How many rows from the end are looked at.
    static let maximumCount = 10

    /// Words that start a totals label, compared lower-cased.
    static let totalsWords = ["total", "totals", "grand total", "subtotal", "sub-total", "sub total", "sum", "count", "overall total"]

    /// Whether `fields` (one row's values) are a footer row whose case reference is field `referenceField`.
    static func isFooter(_ fields: [String], referenceField: Int?) -> Bool {
        let values = fields.map { $0.trimmingSpaces() }
        if let referenceField, let reference = values[safe: referenceField], !reference.isEmpty, !isTotalsLabel(reference) {
            return false
        }
        let nonEmpty = values.filter { !$0.isEmpty }
        return !nonEmpty.isEmpty && nonEmpty.allSatisfy { isTotalsLabel($0) || isNumber($0) }
    }

    /// `Total`, `Grand total:`, `Count of CRN`, `TOTAL CASES`.
    static func isTotalsLabel(_ text: String) -> Bool {
        let lower = text.lowercased().trimmingCharacters(in: ":")
        return totalsWords.contains { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + ":") }
    }

    /// A number as a spreadsheet shows one: digits with thousands separators, a decimal point, a sign,
    /// a currency sign or a percent sign.
    static func isNumber(_ text: String) -> Bool {
        var digits = 0
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) { digits += 1; continue }
            guard ",.-+%£$€ ()".unicodeScalars.contains(scalar) else { return false }
        }
        return digits > 0
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

extension LongList {
    /// The totals rows skipped at the end of the list (each a ``ReadProblem/Kind/footerRow`` warning).
    public var footerRowsSkipped: Int { problems.reduce(0) { $0 + ($1.kind == .footerRow ? 1 : 0) } }

    /// The rows at the end of the list that are footer rows (``FooterRows``), ascending.
    func trailingFooterRows(referenceRole: String?) -> [Int] {
        guard rowCount > 0 else { return [] }
        let referenceField = referenceRole.flatMap { columnIndex[$0] }
        let candidates = Array(max(0, rowCount - FooterRows.maximumCount)..<rowCount)
        var fieldsOfRow: [Int: [String]] = [:]
        forEachRecord(rows: candidates) { row, fields in fieldsOfRow[row] = fields }
        var footer: [Int] = []
        for row in candidates.reversed() {
            guard let fields = fieldsOfRow[row], FooterRows.isFooter(fields, referenceField: referenceField) else { break }
            footer.insert(row, at: 0)
        }
        // Never the whole list: a list of nothing but totals is an error of its own.
        return footer.count == rowCount ? [] : footer
    }

    /// The byte offset in ``source`` at which physical line `line` starts.
    func offset(ofLine line: Int, startingAtOrBefore row: Int) -> Int {
        let checkpoint = checkpoints.last { $0.row <= row } ?? RowCheckpoint(row: 0, offset: 0, line: 1)
        var offset = checkpoint.offset
        var current = checkpoint.line
        let chunk = 1 << 16
        while current < line && offset < source.count {
            let bytes = source.bytes(in: offset..<min(source.count, offset + chunk + 1))
            var index = 0
            while index < min(bytes.count, chunk) && current < line {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                    current += 1
                }
                index += 1
            }
            offset += index
        }
        return offset
    }
}
