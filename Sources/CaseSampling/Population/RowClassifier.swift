/// Decides every row's disposition (eligible, excluded by which rule, invalid) and stratification
/// cell from the per-value tables of ``Population/classify(_:by:)``.
///
/// Rows are classified in stretches on every core. Within a stretch each rule is evaluated for all
/// rows at once (``CompiledPredicate/evaluate(_:into:)``): one pass over a column's codes per table,
/// instead of walking the rule's tree for every row.
struct RowClassifier: Sendable {
    let list: LongList
    /// The exclusion rules that apply, in the spec's order: a row is excluded by the first that holds.
    let rules: [CompiledPredicate]
    /// Stratification columns whose blank values exclude a row, with the reason's index.
    let missing: [(codes: CategoricalColumn, table: [Int], reason: Int)]
    /// Per stratification variable, its column and the category index of each value code.
    let strata: [(codes: CategoricalColumn, table: [Int])]
    let radices: [Int]
    let reasonCount: Int

    /// Rows per stretch.
    static let stretch = 1 << 16

    /// Per row: its disposition (``Population/eligible``, ``Population/invalid`` or reason + 1) and,
    /// for eligible rows, its cell; and the number of rows excluded for each reason.
    func classifyAllRows() -> (disposition: [UInt8], cells: [UInt16], reasonCounts: [Int]) {
        let rowCount = list.rowCount
        let invalidRows = list.invalidRows.keys.sorted()
        var disposition: [UInt8] = []
        var cells: [UInt16] = []
        disposition.reserveCapacity(rowCount)
        cells.reserveCapacity(rowCount)
        var reasonCounts = Array(repeating: 0, count: reasonCount)
        let parts = (rowCount + Self.stretch - 1) / Self.stretch
        InOrder.run(parts: parts) { part in
            let start = part * Self.stretch
            let rows = start..<min(start + Self.stretch, rowCount)
            return classify(rows, invalid: invalidRows[firstIndex(atLeast: rows.lowerBound, in: invalidRows)..<firstIndex(atLeast: rows.upperBound, in: invalidRows)])
        } consume: { (part: Stretch) in
            disposition.append(contentsOf: part.disposition)
            cells.append(contentsOf: part.cells)
            for (index, count) in part.reasonCounts.enumerated() { reasonCounts[index] += count }
        }
        return (disposition, cells, reasonCounts)
    }

    /// The index of the first of `sorted` that is at least `value`.
    private func firstIndex(atLeast value: Int, in sorted: [Int]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    struct Stretch: Sendable {
        var disposition: [UInt8]
        var cells: [UInt16]
        var reasonCounts: [Int]
    }

    /// Classifies `rows`, of which `invalid` (ascending) are invalid.
    func classify(_ rows: Range<Int>, invalid: ArraySlice<Int>) -> Stretch {
        var disposition = [UInt8](repeating: Population.eligible, count: rows.count)
        for row in invalid { disposition[row - rows.lowerBound] = Population.invalid }
        var holds = [Bool](repeating: false, count: rows.count)
        var scratch: [[Bool]] = []
        for (index, rule) in rules.enumerated() {
            rule.evaluate(rows, into: &holds, scratch: &scratch)
            for i in disposition.indices where holds[i] && disposition[i] == Population.eligible {
                disposition[i] = UInt8(index + 1)
            }
        }
        for entry in missing {
            for (i, row) in rows.enumerated() where disposition[i] == Population.eligible
                && entry.table[entry.codes.code(of: row)] == ColumnTables.missing {
                disposition[i] = UInt8(entry.reason + 1)
            }
        }
        var cells = [UInt16](repeating: 0, count: rows.count)
        for (v, variable) in strata.enumerated() {
            let radix = radices[v]
            for (i, row) in rows.enumerated() where disposition[i] == Population.eligible {
                cells[i] = UInt16(Int(cells[i]) * radix + variable.table[variable.codes.code(of: row)])
            }
        }
        var reasonCounts = Array(repeating: 0, count: reasonCount)
        for value in disposition where value != Population.eligible && value != Population.invalid {
            reasonCounts[Int(value) - 1] += 1
        }
        return Stretch(disposition: disposition, cells: cells, reasonCounts: reasonCounts)
    }
}

/// A predicate ready to evaluate on rows.
indirect enum CompiledPredicate: Sendable {
    case table(CategoricalColumn, [Bool])
    case pair(CategoricalColumn, [Int?], CategoricalColumn, [Int?], Int)
    case all([CompiledPredicate])
    case any([CompiledPredicate])
    case not(CompiledPredicate)

    /// Sets `holds[i]` to whether the predicate holds for row `rows.lowerBound + i`. `scratch` holds
    /// the children's results of `all` and `any`, one buffer per level of nesting, kept between calls.
    func evaluate(_ rows: Range<Int>, into holds: inout [Bool], scratch: inout [[Bool]], depth: Int = 0) {
        switch self {
        case .table(let column, let table):
            for (i, row) in rows.enumerated() { holds[i] = table[column.code(of: row)] }
        case .pair(let column, let days, let otherColumn, let otherDays, let limit):
            for (i, row) in rows.enumerated() {
                if let day = days[column.code(of: row)], let otherDay = otherDays[otherColumn.code(of: row)] {
                    holds[i] = day >= otherDay && day - otherDay <= limit
                } else {
                    holds[i] = false
                }
            }
        case .all(let children), .any(let children):
            let isAll = if case .all = self { true } else { false }
            for i in 0..<rows.count { holds[i] = isAll }
            if scratch.count <= depth { scratch.append([]) }
            var child = scratch[depth]
            scratch[depth] = []
            if child.count < rows.count { child = [Bool](repeating: false, count: rows.count) }
            for predicate in children {
                predicate.evaluate(rows, into: &child, scratch: &scratch, depth: depth + 1)
                if isAll {
                    for i in 0..<rows.count { holds[i] = holds[i] && child[i] }
                } else {
                    for i in 0..<rows.count { holds[i] = holds[i] || child[i] }
                }
            }
            scratch[depth] = child
        case .not(let predicate):
            predicate.evaluate(rows, into: &holds, scratch: &scratch, depth: depth)
            for i in 0..<rows.count { holds[i].toggle() }
        }
    }
}
