import Testing

@testable import CaseSampling

/// Issue 12, part 4: the selection under a binding `--max-per-officer` (``OfficerLimitRounding``):
/// its capped targets against an independent implementation, its exact probabilities given the
/// quotas, and equal probability wherever the limit leaves room for it.
@Suite struct OfficerLimitRoundingTests {
    // MARK: - Capping (step 2)

    /// The type's worked example: one group, 3 of 10 cases; A 5 cases, B 3, no officer 2; K = 1.
    @Test func targets_workedExample() throws {
        let x = try #require(OfficerLimitRounding(cases: [[5, 3, 2]], quotas: [3], limit: 1).targets())
        #expect(abs(x[0][0] - 1) < 1e-12 && abs(x[0][1] - 1) < 1e-12 && abs(x[0][2] - 1) < 1e-12, "\(x)")
        // Two cases and no room: the group cannot place its quota.
        #expect(OfficerLimitRounding(cases: [[3, 0, 1]], quotas: [3], limit: 1).targets() == nil)
    }

    /// A group whose other cases all reach probability 1 keeps the rest with the capped officer, who
    /// is then scaled down further in its other group: g0 holds A 2 and one case without an officer
    /// (2 to draw), g1 A 3 and B 1 (2 to draw), K = 2. Round 1 scales A by 12/17 and saturates g0
    /// (A keeps 1 there); round 2 scales A's entry in g1 to 1 and saturates g1.
    @Test func targets_saturatedGroup_keepsTheRestWithTheOfficer() throws {
        let x = try #require(OfficerLimitRounding(cases: [[2, 0, 1], [3, 1, 0]], quotas: [2, 2], limit: 2).targets())
        let expected: [[Double]] = [[1, 0, 1], [1, 1, 0]]
        #expect(zip(x, expected).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) < 1e-12 } }, "\(x)")
    }

    /// The capping as the documentation states it, case by case rather than by table entry: every
    /// case starts at m_g/M_g; an officer whose cases sum to more than K has each of its cases outside
    /// saturated groups scaled so that its total is K, and the amount freed in a group is shared
    /// equally by its cases whose officer is not capped, up to probability 1; what they cannot take
    /// goes back to the officers that freed it, shared equally by each one's cases in the group, and
    /// the group is saturated. An officer whose cases in saturated groups exceed K: nil.
    static func referenceTargets(cases: [[Int]], quotas: [Int], limit: Int) -> [[Double]]? {
        let none = cases[0].count - 1, bound = Double(limit)
        var items: [(group: Int, officer: Int, p: Double)] = []
        for (g, row) in cases.enumerated() {
            let total = row.reduce(0, +)
            for (o, count) in row.enumerated() {
                items += Array(repeating: (g, o, total == 0 ? 0 : Double(quotas[g]) / Double(total)), count: count)
            }
        }
        var capped: Set<Int> = []
        var saturated = Set(cases.indices.filter { g in items.contains { $0.group == g } && items.allSatisfy { $0.group != g || $0.p >= 1 - 1e-9 } })
        for _ in 0..<100 {
            var load: [Int: Double] = [:]
            for item in items where item.officer != none { load[item.officer, default: 0] += item.p }
            let over = load.filter { $0.value > bound + 1e-9 }.keys.sorted()
            if over.isEmpty {
                var table = cases.map { $0.map { _ in 0.0 } }
                for item in items { table[item.group][item.officer] += item.p }
                return table
            }
            var freed: [Int: [Int: Double]] = [:]  // group → officer → amount
            for officer in over {
                let fixed = items.filter { $0.officer == officer && saturated.contains($0.group) }.reduce(0) { $0 + $1.p }
                if fixed > bound + 1e-9 { return nil }
                let scale = (bound - fixed) / (load[officer]! - fixed)
                for i in items.indices where items[i].officer == officer && !saturated.contains(items[i].group) {
                    freed[items[i].group, default: [:]][officer, default: 0] += items[i].p * (1 - scale)
                    items[i].p *= scale
                }
                capped.insert(officer)
            }
            for (g, byOfficer) in freed {
                let amount = byOfficer.values.reduce(0, +)
                guard amount > 0 else { continue }
                let receivers = items.indices.filter { items[$0].group == g && !capped.contains(items[$0].officer) }
                let room = receivers.reduce(0) { $0 + 1 - items[$1].p }
                for r in receivers { items[r].p += min(amount, room) / Double(receivers.count) }
                if amount > room + 1e-9 {
                    for (officer, part) in byOfficer where part > 0 {
                        let own = items.indices.filter { items[$0].group == g && items[$0].officer == officer }
                        for i in own { items[i].p += (amount - room) * part / amount / Double(own.count) }
                    }
                }
                if receivers.allSatisfy({ items[$0].p >= 1 - 1e-9 }) { saturated.insert(g) }
            }
        }
        return nil
    }

    /// Random tables (1 to 5 groups, 1 to 5 officers and the column without one, 0 to 4 cases per
    /// entry, any quota, limit 1 to 3): the same targets as the reference, or the same refusal; and
    /// the targets keep every quota, every case's probability within [0, 1], every officer within K.
    @Test func capping_matchesAnIndependentPerCaseImplementation() {
        var generator = Xoshiro256StarStar(seed: 4_012)
        var infeasible = 0, capped = 0
        let trials = MonteCarlo.repetitions(400, quick: 150)
        for trial in 0..<trials {
            let groups = 1 + generator.bounded(5), officers = 1 + generator.bounded(5)
            let cases = (0..<groups).map { _ in (0...officers).map { _ in generator.bounded(5) } }
            let quotas = cases.map { generator.bounded($0.reduce(0, +) / 2 + 1) }
            let limit = 1 + generator.bounded(3)
            let built = OfficerLimitRounding(cases: cases, quotas: quotas, limit: limit).targets()
            let reference = Self.referenceTargets(cases: cases, quotas: quotas, limit: limit)
            #expect((built == nil) == (reference == nil), "trial \(trial): \(cases) quotas \(quotas) K \(limit)")
            guard let built, let reference else {
                infeasible += 1
                continue
            }
            for g in cases.indices {
                #expect(abs(built[g].reduce(0, +) - Double(quotas[g])) < 1e-9, "trial \(trial) group \(g)")
                for o in 0...officers {
                    #expect(abs(built[g][o] - reference[g][o]) < 1e-9, "trial \(trial) entry \(g), \(o): \(built[g][o]) vs \(reference[g][o])")
                    #expect(built[g][o] >= 0 && built[g][o] <= Double(cases[g][o]) + 1e-9)
                }
            }
            for o in 0..<officers {
                let total = built.reduce(0) { $0 + $1[o] }
                #expect(total <= Double(limit) + 1e-9, "trial \(trial) officer \(o): \(total)")
                let uncapped = cases.indices.reduce(0.0) { sum, g in
                    let m = cases[g].reduce(0, +)
                    return sum + (m == 0 ? 0 : Double(quotas[g] * cases[g][o]) / Double(m))
                }
                if uncapped > Double(limit) + 1e-9 { capped += 1 }
            }
        }
        print("capping: \(trials) random tables, \(infeasible) infeasible, \(capped) officers capped")
        #expect(infeasible > 0 && capped > 0, "the tables must exercise both the capping and the refusal")
    }

    // MARK: - Selection given the quotas (step 3)

    /// Given the quotas, every selection keeps them and the limit, and each candidate's hit rate over
    /// seeded selections (candidates in a random order, as permanent random numbers give them) is its
    /// stated conditional probability x_{g,o}/M_{g,o}, within 4.5 binomial SD, with χ² in its band.
    @Test func selection_givenQuotas_hasTheTargetsProbabilities() throws {
        // Two groups; officer 0 holds 5 and 4 cases, officer 1 holds 3 and 1; officer 2 one case in
        // each; two cases without an officer. Quotas 3 and 3, K = 2.
        let layout: [(group: Int, officer: Int, count: Int)] = [(0, 0, 5), (0, 1, 3), (0, 2, 1), (0, -1, 1), (1, 0, 4), (1, 1, 1), (1, 2, 1), (1, -1, 1)]
        let base = layout.flatMap { entry in Array(repeating: OfficerLimit.Candidate(group: entry.group, officer: entry.officer), count: entry.count) }
        let quotas = [3, 3], limit = 2
        let repetitions = MonteCarlo.repetitions(40_000, quick: 4_000)
        var order = Array(base.indices)
        var shuffler = Xoshiro256StarStar(seed: 77)
        var hits = [Int](repeating: 0, count: base.count)
        var stated: [Double]?
        for k in 0..<repetitions {
            shuffler.shuffle(&order)
            var generator = Xoshiro256StarStar(seed: UInt64(k))
            let (selected, probabilities) = try #require(OfficerLimitRounding.select(
                candidates: order.map { base[$0] }, quotas: quotas, limit: limit, officerCount: 3, using: &generator))
            let chosen = selected.map { order[$0] }
            var byGroup = [0, 0], byOfficer = [0, 0, 0]
            for i in chosen {
                hits[i] += 1
                byGroup[base[i].group] += 1
                if base[i].officer >= 0 { byOfficer[base[i].officer] += 1 }
            }
            #expect(byGroup == quotas && byOfficer.allSatisfy { $0 <= limit }, "repetition \(k): \(byGroup) \(byOfficer)")
            var byCandidate = [Double](repeating: 0, count: base.count)
            for (position, i) in order.enumerated() { byCandidate[i] = probabilities[position] }
            if let stated { #expect(stated == byCandidate) } else { stated = byCandidate }
        }
        let p = try #require(stated)
        #expect(zip(base, p).filter { $0.0.officer == 0 }.allSatisfy { $0.1 < 0.33 }, "officer 0's cases are capped: \(p)")
        var chiSquare = 0.0, df = -1, worst = 0.0
        for i in base.indices where p[i] > 0 && p[i] < 1 {
            let sd = (p[i] * (1 - p[i]) / Double(repetitions)).squareRoot()
            let z = (Double(hits[i]) / Double(repetitions) - p[i]) / sd
            worst = max(worst, abs(z))
            chiSquare += z * z
            df += 1
        }
        print("selection given quotas: \(repetitions) repetitions, χ² \(chiSquare) on \(df) df, worst \(worst) SD")
        #expect(worst < 4.5)
        #expect(chiSquare < Double(df) + 4.5 * (2 * Double(df)).squareRoot())
    }

    // MARK: - Equal probability where the limit allows it

    /// 40 cases in one stratum, two teams of 20 (each always gets 5 of n = 10): officer A holds 4
    /// cases in each team (8 > K = 2, so the limit binds, but A's expected count n·8/40 = 2 = K), the
    /// others 1 to 3, two cases none.
    static func withinShare() throws -> Population {
        var text = TestPopulations.header + ",Officer\r\n"
        for i in 0..<40 {
            let team = i % 2, k = i / 2
            let officer = k < 4 ? "A" : k == 19 ? "" : "Officer \(team)-\((k - 4) / 3)"
            text += "W\(100_000 + i),Name \(i),Male,Community Order,Medium,North,Team \(team + 1),N,\(officer)\r\n"
        }
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "within.csv", columns: UnitDrawTests.officerSpec.columnRequests)
        return try Population.classify(list, by: UnitDrawTests.officerSpec)
    }

    /// Where no officer's share of any draw's quotas exceeds K, every case keeps n/N exactly: each
    /// draw's conditional probabilities are all n/N, and the hit rates agree (4.5 SD, χ²). The old
    /// selection (permanent random number order skipping officers at K, then augmenting paths) fails
    /// this on the same population: A's cases fall well below n/N.
    @Test func officersWithinTheirShare_everyCaseAtNOverN_unlikeTheOldSelection() throws {
        let population = try Self.withinShare()
        let size = 10, limit = 2
        let allocation = try Allocation(population: population, size: size)
        let nOverN = Double(size) / Double(population.eligibleCount)
        let draws = MonteCarlo.repetitions(8_000, quick: 2_000)
        var hits = [Int](repeating: 0, count: population.rowCount)
        for seed in UInt64(1)...UInt64(draws) {
            let result = try DrawResult.draw(
                from: population, request: DrawRequest(size: size, seed: seed, substitutesPerCase: 0, maximumPerOfficer: limit), allocation: allocation)
            #expect(result.officerLimit?.binds == true)
            let conditional = try #require(result.officerLimitConditionalProbabilities)
            #expect((0..<population.rowCount).allSatisfy { abs(conditional[$0] - nOverN) < 1e-12 }, "seed \(seed)")
            #expect(UnitDrawTests.officerLoads(result).values.allSatisfy { $0 <= limit })
            for row in result.selected { hits[row] += 1 }
        }
        let rate = { (h: Int, n: Int) in (Double(h) / Double(n) - nOverN) / (nOverN * (1 - nOverN) / Double(n)).squareRoot() }
        let z = (0..<population.rowCount).map { rate(hits[$0], draws) }
        let chiSquare = z.reduce(0) { $0 + $1 * $1 }, df = Double(population.rowCount - 1)
        #expect(z.allSatisfy { abs($0) < 4.5 }, "\(z)")
        #expect(chiSquare < df + 4.5 * (2 * df).squareRoot())

        // The old selection with the same quotas (5 per team), over many permanent-random-number orders.
        let hashes = population.list.caseReferenceHashes
        let column = try #require(population.list.column("responsibleOfficer"))
        var officerOf: [String: Int] = [:]
        let officers = (0..<population.rowCount).map { row -> Int in
            let key = ValueMatching.key(column.values[column.code(of: row)].value)
            if key.isEmpty { return -1 }
            return officerOf[key] ?? { officerOf[key] = officerOf.count; return officerOf.count - 1 }()
        }
        let oldDraws = 8_000
        var oldHits = [Int](repeating: 0, count: population.rowCount)
        for seed in UInt64(1)...UInt64(oldDraws) {
            let numbers = PermanentRandomNumber(seed: seed)
            let entries = (0..<population.rowCount).map { NumberedRow(key: numbers.value(caseHash: hashes[$0]), tie: hashes[$0], row: $0) }.sorted()
            let chosen = try OfficerLimit.select(
                candidates: entries.map { .init(group: population.unit(of: $0.row), officer: officers[$0.row]) },
                quotas: population.units.map { _ in 5 }, limit: limit, officerCount: officerOf.count).get()
            for i in chosen { oldHits[entries[i].row] += 1 }
        }
        let oldZ = (0..<population.rowCount).map { rate(oldHits[$0], oldDraws) }
        print("within share: \(draws) draws, χ² \(chiSquare) on \(Int(df)) df, worst \(z.map(abs).max()!) SD; "
            + "the old selection's worst \(oldZ.map(abs).max()!) SD (A's cases \(oldZ.filter { $0 < -4.5 }.count) below 4.5 SD)")
        #expect(oldZ.contains { abs($0) > 4.5 }, "the old selection must fail this check, or the check has no power")
    }

    // MARK: - Units given up

    /// When no selection meets the limit with the units' quotas, the rounding is tried with the cells'
    /// quotas before the augmenting paths: team 1's 10 cases are all officer A's, team 2's belong to
    /// five officers with 2 each; n = 10 (5 per team), K = 3. Team 1 cannot get 5, so the units are
    /// given up, and over the one stratum A's cases get 3/10 and the others 7/10, exactly.
    @Test func unitsGivenUp_theCellsQuotasAreRounded() throws {
        var text = TestPopulations.header + ",Officer\r\n"
        for i in 0..<20 {
            let officer = i < 10 ? "A" : "Officer \((i - 10) / 2)"
            text += "U\(100_000 + i),Name \(i),Male,Community Order,Medium,North,Team \(i < 10 ? 1 : 2),N,\(officer)\r\n"
        }
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "units.csv", columns: UnitDrawTests.officerSpec.columnRequests)
        let population = try Population.classify(list, by: UnitDrawTests.officerSpec)
        let column = try #require(population.list.column("responsibleOfficer"))
        for seed in UInt64(1)...20 {
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 10, seed: seed, substitutesPerCase: 0, maximumPerOfficer: 3))
            #expect(result.unitSpread.relaxed, "seed \(seed)")
            #expect(UnitDrawTests.officerLoads(result).values.allSatisfy { $0 <= 3 } && result.selected.count == 10, "seed \(seed)")
            let conditional = try #require(result.officerLimitConditionalProbabilities, "seed \(seed): the cells' quotas are rounded")
            for row in 0..<population.rowCount {
                let isA = column.values[column.code(of: row)].value == "A"
                #expect(abs(conditional[row] - (isA ? 0.3 : 0.7)) < 1e-12, "seed \(seed), row \(row)")
            }
        }
    }
}
