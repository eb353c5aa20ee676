import Testing
@testable import CaseSampling

/// Unbiased controlled rounding of a two-way table (Cox 1987): every entry, row total, column total
/// and the grand total at its floor or ceiling, whole row totals kept, and each entry unbiased.
@Suite struct TableRoundingTests {
    static func isFloorOrCeiling(_ value: Int, of x: Double) -> Bool {
        let f = (x + 1e-9).rounded(.down)
        return Double(value) == f || (x - f > 1e-9 && Double(value) == f + 1)
    }

    /// A table of `rows × columns` random entries; rows scaled to whole totals when `wholeRows`.
    static func randomTable(rows: Int, columns: Int, wholeRows: Bool, generator: inout Xoshiro256StarStar) -> [[Double]] {
        (0..<rows).map { _ in
            var row = (0..<columns).map { _ in generator.unitInterval() < 0.3 ? 0 : generator.unitInterval() * 3 }
            if wholeRows {
                let sum = row.reduce(0, +)
                let target = sum.rounded(.up)
                if sum > 0 { row = row.map { $0 * target / sum } }
            }
            return row
        }
    }

    @Test(arguments: [false, true])
    func everyTotal_isFloorOrCeiling(wholeRows: Bool) {
        var tables = Xoshiro256StarStar(seed: 5)
        for trial in 0..<400 {
            let table = Self.randomTable(rows: 2 + trial % 7, columns: 1 + trial % 9, wholeRows: wholeRows, generator: &tables)
            let rowTotals = table.map { $0.reduce(0, +) }
            let columnTotals = table[0].indices.map { c in table.reduce(0) { $0 + $1[c] } }
            let total = rowTotals.reduce(0, +)
            var generator = Xoshiro256StarStar(seed: UInt64(trial))
            let rounded = TableRounding.round(
                entries: table, rowTotals: wholeRows ? rowTotals.map { $0.rounded() } : rowTotals, columnTotals: columnTotals,
                total: total, using: &generator)
            for r in table.indices {
                for c in table[r].indices {
                    #expect(Self.isFloorOrCeiling(rounded[r][c], of: table[r][c]), "trial \(trial) entry \(r),\(c)")
                }
                let sum = rounded[r].reduce(0, +)
                if wholeRows {
                    #expect(Double(sum) == rowTotals[r].rounded(), "trial \(trial) row \(r) must keep its whole total")
                } else {
                    #expect(Self.isFloorOrCeiling(sum, of: rowTotals[r]), "trial \(trial) row \(r)")
                }
            }
            for c in columnTotals.indices {
                #expect(Self.isFloorOrCeiling(rounded.reduce(0) { $0 + $1[c] }, of: columnTotals[c]), "trial \(trial) column \(c)")
            }
            #expect(Self.isFloorOrCeiling(rounded.joined().reduce(0, +), of: total), "trial \(trial) total")
        }
    }

    /// Each entry is its floor plus a Bernoulli variable of its fractional part: over 20,000
    /// roundings its mean is within 4.5 binomial standard deviations of its value.
    @Test func eachEntry_isUnbiased() {
        let table: [[Double]] = [
            [0.4, 1.25, 0.35, 2.0],
            [2.2, 0.3, 0.5, 0.0],
            [0.1, 0.9, 0.7, 1.3],
        ]
        let rowTotals = [4.0, 3.0, 3.0]
        let columnTotals = table[0].indices.map { c in table.reduce(0) { $0 + $1[c] } }
        let draws = MonteCarlo.repetitions(20_000)
        var sums = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 3)
        for seed in UInt64(1)...UInt64(draws) {
            var generator = Xoshiro256StarStar(seed: seed)
            let rounded = TableRounding.round(entries: table, rowTotals: rowTotals, columnTotals: columnTotals, total: 10, using: &generator)
            for r in 0..<3 { for c in 0..<4 { sums[r][c] += rounded[r][c] } }
        }
        for r in 0..<3 {
            for c in 0..<4 {
                let p = table[r][c] - table[r][c].rounded(.down)
                let band = 4.5 * (p * (1 - p) / Double(draws)).squareRoot() + 1e-12
                let mean = Double(sums[r][c]) / Double(draws)
                #expect(abs(mean - table[r][c]) <= band, "entry \(r),\(c): mean \(mean) vs \(table[r][c])")
            }
        }
    }

    @Test func sameSeed_sameRounding() {
        var tables = Xoshiro256StarStar(seed: 11)
        let table = Self.randomTable(rows: 6, columns: 8, wholeRows: true, generator: &tables)
        let rows = table.map { $0.reduce(0, +).rounded() }
        let columns = table[0].indices.map { c in table.reduce(0) { $0 + $1[c] } }
        var a = Xoshiro256StarStar(seed: 3), b = Xoshiro256StarStar(seed: 3)
        #expect(TableRounding.round(entries: table, rowTotals: rows, columnTotals: columns, total: rows.reduce(0, +), using: &a)
            == TableRounding.round(entries: table, rowTotals: rows, columnTotals: columns, total: rows.reduce(0, +), using: &b))
    }
}
