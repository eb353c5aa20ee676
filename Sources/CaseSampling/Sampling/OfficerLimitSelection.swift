/// `--max-per-officer` in the draw: the cases of each (cell, unit) quota chosen so that no
/// responsible officer has more than the limit, keeping every quota.
///
/// Officers are told apart by their name as recorded, ignoring case and surrounding spaces; a blank
/// officer is no one, and no limit applies to those cases. When the limit *binds* (some officer has
/// more eligible cases than it), the selection is ``OfficerLimitRounding`` (capped proportional
/// targets, rounded without bias; its generator is xoshiro256** seeded with the draw's seed XOR
/// ``roundingSeedSalt``), which makes each case's probability given the quotas known exactly, and
/// m_g/M_g, as without the limit, wherever no officer's share of the quotas exceeds it. When that
/// cannot place the quotas, or the limit does not bind, the selection is ``OfficerLimit``
/// (permanent random number order skipping officers at the limit, then augmenting paths; without a
/// binding limit this is the plain draw). When neither meets the limit with the units' quotas, both
/// are tried in the same order with the cells' quotas alone (the unit spread is then given up and
/// the record says so), unless `--min-per-unit` is given, whose guarantee needs the units' quotas;
/// when the limit cannot be met even then, the draw stops with the reason.
enum OfficerLimitSelection {
    struct Selection {
        var entries: [NumberedRow]
        var outcome: OfficerLimitOutcome
        var unitSpreadRelaxed: Bool
        /// Per row of the population: its inclusion probability given the quotas, when
        /// ``OfficerLimitRounding`` made the selection (0 for rows not eligible); nil otherwise.
        var conditionalProbabilities: [Double]?
    }

    /// What the draw's seed is XORed with to seed the rounding's generator: the ASCII of "rounding".
    static let roundingSeedSalt: UInt64 = 0x726F_756E_6469_6E67

    static func select(
        population: Population, table: CellUnitTable, quotas: [[Int]], limit: Int, seed: UInt64, numbers: PermanentRandomNumber,
        plain: [NumberedRow], unitsMayRelax: Bool
    ) throws(DrawError) -> Selection {
        guard let role = population.spec.responsibleOfficer else {
            throw .officerLimitUnmet("--max-per-officer needs the responsible officer column, and the spec \"\(population.spec.name)\" names none")
        }
        guard let column = population.list.column(role) else {
            throw .officerLimitUnmet("--max-per-officer needs the responsible officer column, and the long list has none (the spec's names for it: \(population.spec.columns.first { $0.role == role }?.aliases.joined(separator: ", ") ?? role))")
        }
        var officerOfKey: [String: Int] = [:]
        let officerOfCode = column.values.map { value -> Int in
            let key = ValueMatching.key(value.value)
            if key.isEmpty { return -1 }
            if let id = officerOfKey[key] { return id }
            officerOfKey[key] = officerOfKey.count
            return officerOfKey.count - 1
        }
        guard (0..<population.rowCount).contains(where: { population.isEligible($0) && officerOfCode[column.code(of: $0)] >= 0 }) else {
            throw .officerLimitUnmet("--max-per-officer cannot be applied: no eligible case has a responsible officer recorded")
        }
        let hashes = population.list.caseReferenceHashes
        var entries: [NumberedRow] = []
        for row in 0..<population.rowCount where population.isEligible(row) {
            entries.append(.init(key: numbers.value(caseHash: hashes[row]), tie: hashes[row], row: row))
        }
        entries.sort()
        let officers = entries.map { officerOfCode[column.code(of: $0.row)] }
        let columns = table.columnCount

        func candidates(byUnit: Bool) -> [OfficerLimit.Candidate] {
            entries.indices.map { i in
                let cell = population.cell(of: entries[i].row)
                return OfficerLimit.Candidate(
                    group: byUnit ? cell * columns + table.column(ofUnit: population.unit(of: entries[i].row)) : cell,
                    officer: officers[i])
            }
        }
        func attempt(byUnit: Bool) -> Result<[Int], OfficerLimit.Shortfall> {
            OfficerLimit.select(
                candidates: candidates(byUnit: byUnit), quotas: byUnit ? quotas.flatMap { $0 } : quotas.map { $0.reduce(0, +) },
                limit: limit, officerCount: officerOfKey.count)
        }
        let binds = OfficerLimitProbabilities.binds(population: population, limit: limit)
        // The rounding draws no number when it cannot place the quotas, so one generator serves both tries.
        var generator = Xoshiro256StarStar(seed: seed ^ roundingSeedSalt)
        var conditional: [Double]?
        func rounding(byUnit: Bool) -> [Int]? {
            guard binds, let (chosen, probabilities) = OfficerLimitRounding.select(
                candidates: candidates(byUnit: byUnit), quotas: byUnit ? quotas.flatMap { $0 } : quotas.map { $0.reduce(0, +) },
                limit: limit, officerCount: officerOfKey.count, using: &generator)
            else { return nil }
            var byRow = [Double](repeating: 0, count: population.rowCount)
            for (i, p) in probabilities.enumerated() { byRow[entries[i].row] = p }
            conditional = byRow
            return chosen
        }
        var relaxed = false
        var chosen: [Int]
        switch rounding(byUnit: true).map(Result.success) ?? attempt(byUnit: true) {
        case .success(let indices):
            chosen = indices
        case .failure(let shortfall) where !unitsMayRelax:
            throw .officerLimitUnmet(
                "--max-per-officer \(limit) cannot be met together with --min-per-unit: the \(shortfall.needed) cases to draw from "
                + "\(shortfall.groups.count) stratum-and-unit group\(shortfall.groups.count == 1 ? "" : "s") can come only from "
                + "\(shortfall.officers) responsible officer\(shortfall.officers == 1 ? "" : "s") at \(limit) each and "
                + "\(shortfall.available - shortfall.officers * limit) other cases, \(shortfall.available) in all; raise the limit or drop --min-per-unit")
        case .failure:
            relaxed = true
            switch rounding(byUnit: false).map(Result.success) ?? attempt(byUnit: false) {
            case .success(let indices):
                chosen = indices
            case .failure(let shortfall):
                let names = shortfall.groups.prefix(6).map { population.cellName($0) }.joined(separator: ", ")
                throw .officerLimitUnmet(
                    "--max-per-officer \(limit) cannot be met: the \(shortfall.needed) cases to draw from "
                    + "\(shortfall.groups.count == 1 ? "stratum" : "strata") \(names)\(shortfall.groups.count > 6 ? ", …" : "") "
                    + "can come only from \(shortfall.officers) responsible officer\(shortfall.officers == 1 ? "" : "s") at \(limit) each "
                    + "and \(shortfall.available - shortfall.officers * limit) case\(shortfall.available - shortfall.officers * limit == 1 ? "" : "s") of other officers, "
                    + "\(shortfall.available) in all; raise the limit or select other units")
            }
        }
        var load = [Int](repeating: 0, count: officerOfKey.count)
        for i in chosen where officers[i] >= 0 { load[officers[i]] += 1 }
        let plainRows = Set(plain.map(\.row))
        let selected = chosen.map { entries[$0] }
        return Selection(
            entries: selected,
            outcome: OfficerLimitOutcome(
                limit: limit, binds: binds, officersAtLimit: load.filter { $0 == limit }.count,
                casesChanged: selected.filter { !plainRows.contains($0.row) }.count),
            unitSpreadRelaxed: relaxed, conditionalProbabilities: conditional)
    }
}
