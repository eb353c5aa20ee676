/// Selection within quotas under `--max-per-officer` in which every case's inclusion probability
/// given the quotas is known exactly, and is the group's m_g/M_g wherever no officer's share of the
/// quotas exceeds the limit (the proportional reduction below otherwise).
///
/// Rows are the groups (a stratum within a unit) with a positive quota m_g; columns are the officers,
/// and one last column for the cases without an officer, to which no limit applies. With M_{g,o}
/// officer o's eligible cases in group g and M_g = Σ_o M_{g,o}:
///
/// 1. *Targets*: x_{g,o} = m_g·M_{g,o}/M_g, every case of the group at p_g = m_g/M_g.
/// 2. *Capping*: while some officer has t_o = Σ_g x_{g,o} > K, its entries are scaled by a common
///    factor so that its total becomes K (officers capped earlier stay capped), and each group's
///    freed amount goes to its uncapped columns in proportion to their cases, so that every uncapped
///    case of a group keeps one common probability p_g. A group whose uncapped cases all reach
///    probability 1 is *saturated*: the part of the freed amount it cannot place stays with the
///    officers that freed it (in proportion to what each freed), and from then on their entries in
///    it are fixed, so they are scaled down further only in their other groups. When an officer's
///    fixed entries alone exceed K, the method gives up (nil) and the caller falls back to
///    ``OfficerLimit/select(candidates:quotas:limit:officerCount:)``.
/// 3. *Rounding*: the table is rounded by ``TableRounding`` (Cox 1987): every entry ends at ⌊x⌋ or
///    ⌈x⌉ with expectation x, every row at its whole m_g, every officer's column at ⌊t_o⌋ or
///    ⌈t_o⌉ ≤ K. In each (group, officer) entry the rounded count of cases is taken by smallest
///    permanent random number.
///
/// Given the quotas, a case of officer o in group g is then selected with probability exactly
/// x_{g,o}/M_{g,o} (Cox's rounding is unbiased and the permanent random numbers are independent of
/// it). Where no officer's total exceeds K this is m_g/M_g, as without the limit.
///
/// Worked example: one group, m = 3 of M = 10 cases (p = 0.3), officer A with 5, B with 3, no
/// officer 2, K = 1. Targets 1.5, 0.9, 0.6. A is capped (scale 2/3), freeing 0.5 for the other 5 cases
/// (p 0.3 → 0.4): B 1.2, none 0.8. B is capped in the next round (scale 5/6), freeing 0.2 for the 2
/// cases without an officer (p 0.4 → 0.5): A 1, B 1, none 1, so a case of A is selected with
/// probability 0.2, of B 1/3 and without an officer 0.5.
struct OfficerLimitRounding {
    /// Per group (row), per column (officer, then the last column for cases without one): the cases.
    var cases: [[Int]]
    /// Per row: m_g.
    var quotas: [Int]
    var limit: Int

    /// The capped targets x_{g,o} (step 2), or nil when an officer's fixed entries in saturated groups
    /// alone exceed the limit.
    func targets() -> [[Double]]? {
        let columns = cases.first?.count ?? 0, none = columns - 1
        let bound = Double(limit), tolerance = TableRounding.tolerance
        var capped = [Bool](repeating: false, count: columns)
        var share = zip(cases, quotas).map { row, m in
            let total = row.reduce(0, +)
            return total == 0 ? 0 : Double(m) / Double(total)
        }
        var saturated = share.map { $0 >= 1 - tolerance }
        var x = cases.indices.map { g in cases[g].map { Double($0) * share[g] } }
        // Each round caps or re-caps the officers over K and either caps a new officer or saturates a
        // new group, or ends; the bound on rounds only guards against rounding error.
        for _ in 0...(columns + cases.count + 1) {
            let totals = (0..<columns).map { c in x.reduce(0) { $0 + $1[c] } }
            let over = (0..<none).filter { totals[$0] > bound + tolerance }
            if over.isEmpty { return x }
            var freedBy = x.map { $0.map { _ in 0.0 } }
            for c in over {
                let fixed = x.indices.reduce(0.0) { saturated[$1] ? $0 + x[$1][c] : $0 }
                guard fixed <= bound + tolerance else { return nil }
                let scale = max(0, bound - fixed) / (totals[c] - fixed)
                for g in x.indices where !saturated[g] && x[g][c] > 0 {
                    freedBy[g][c] = x[g][c] * (1 - scale)
                    x[g][c] *= scale
                }
                capped[c] = true
            }
            for g in x.indices {
                let freed = freedBy[g].reduce(0, +)
                guard freed > 0 else { continue }
                let open = (0..<columns).filter { !capped[$0] }
                let openCases = Double(open.reduce(0) { $0 + cases[g][$1] })
                let room = openCases * (1 - share[g])
                let placed = min(freed, room)
                if openCases > 0 { share[g] = min(1, share[g] + placed / openCases) }
                for c in open { x[g][c] = Double(cases[g][c]) * share[g] }
                if freed > room + tolerance {
                    // The rest stays with the officers that freed it, in proportion.
                    for c in over where freedBy[g][c] > 0 { x[g][c] += (freed - room) * freedBy[g][c] / freed }
                }
                if share[g] >= 1 - tolerance || openCases == 0 { saturated[g] = true }
            }
        }
        return nil
    }

    /// The selected candidates' indices, ascending, and every candidate's conditional probability
    /// x_{g,o}/M_{g,o}; nil when the capping cannot place every quota.
    ///
    /// - Parameters:
    ///   - candidates: in order of preference (permanent random number); officer -1 for none.
    ///   - quotas: per group.
    static func select(
        candidates: [OfficerLimit.Candidate], quotas: [Int], limit: Int, officerCount: Int, using generator: inout Xoshiro256StarStar
    ) -> (selected: [Int], probabilities: [Double])? {
        // Rows: groups with a positive quota; columns: officers with a case in them, then "none".
        var row = [Int](repeating: -1, count: quotas.count)
        var rowQuotas: [Int] = []
        for g in quotas.indices where quotas[g] > 0 {
            row[g] = rowQuotas.count
            rowQuotas.append(quotas[g])
        }
        var column = [Int](repeating: -1, count: officerCount)
        var columnCount = 0
        for c in candidates where row[c.group] >= 0 && c.officer >= 0 && column[c.officer] < 0 {
            column[c.officer] = columnCount
            columnCount += 1
        }
        func columnOf(_ c: OfficerLimit.Candidate) -> Int { c.officer < 0 ? columnCount : column[c.officer] }
        var cases = [[Int]](repeating: [Int](repeating: 0, count: columnCount + 1), count: rowQuotas.count)
        for c in candidates where row[c.group] >= 0 { cases[row[c.group]][columnOf(c)] += 1 }

        let method = OfficerLimitRounding(cases: cases, quotas: rowQuotas, limit: limit)
        guard let x = method.targets() else { return nil }
        let columnTotals = (0...columnCount).map { c in x.reduce(0) { $0 + $1[c] } }
        let rounded = TableRounding.round(
            entries: x, rowTotals: rowQuotas.map(Double.init), columnTotals: columnTotals,
            total: Double(rowQuotas.reduce(0, +)), using: &generator)

        var left = rounded
        var selected: [Int] = []
        var probabilities = [Double](repeating: 0, count: candidates.count)
        for (i, c) in candidates.enumerated() where row[c.group] >= 0 {
            let (r, k) = (row[c.group], columnOf(c))
            probabilities[i] = x[r][k] / Double(cases[r][k])
            if left[r][k] > 0 {
                left[r][k] -= 1
                selected.append(i)
            }
        }
        return (selected, probabilities)
    }
}
