import Foundation
import Testing

@testable import CaseSampling

extension FinalizeTests {
    /// Issue 12, part 5: draw → returned list with random exclusions → finalize, many times over random
    /// small populations, counting how often each really eligible case ends in the final sample.
    ///
    /// Each world fixes a population (cells of 0, 1, 2 and more cases over 1 to 6 tier-2 units) and which
    /// of its cases are really ineligible (20% at random, or 60% of one unit's cases), never so many
    /// that a cell has fewer really eligible cases than the draw can select from it (⌈e_c⌉): such a
    /// cell cannot keep its count by anyone's rule. Each repetition draws with a new seed and finalizes
    /// with those cases marked, in memory.
    @Suite struct EqualProbabilityTests {
        typealias Row = TestPopulations.Row

        /// `--substitutes` for the draws: the listing as issued, each stratum's 3·m_c unselected cases
        /// with the smallest remaining random numbers (not every case of the stratum).
        static let listing = 3

        enum Exclusions: String, CustomStringConvertible {
            case twentyPercent = "20% at random"
            case sixtyPercentOfOneUnit = "60% of one unit"
            var description: String { rawValue }
        }

        struct World {
            var population: Population
            var size: Int
            var substitutesPerCase: Int
            /// Rows that the organisation marks.
            var excluded: Set<Int>
            /// The draw's expected count per cell, n·N_c/N.
            var expected: [Double]
            /// Really eligible cases per cell.
            var eligible: [Int]

            /// The probability version 2 promises a really eligible case of `cell`: E[m_c]/E_c.
            func probability(cell: Int) -> Double { expected[cell] / Double(eligible[cell]) }
        }

        /// A random population: 16 cells (gender × sentence type × RoSH) of 0 to 8 cases, over `units`
        /// tier-2 units in two tier-1 units; n about a quarter of N; the marked cases by `exclusions`.
        static func world(seed: UInt64, units: Int, exclusions: Exclusions, substitutesPerCase: Int) throws -> World {
            var generator = Xoshiro256StarStar(seed: seed)
            let genders = ["Male", "Female"], sentences = ["Community Order", "Licence"], roshes = ["Low", "Medium", "High", "Very High"]
            let sizes = [0, 1, 2, 2, 3, 4, 6, 8]
            var rows: [Row] = []
            for cell in 0..<16 {
                for _ in 0..<sizes[generator.bounded(sizes.count)] {
                    let unit = generator.bounded(units)
                    rows.append(Row(
                        crn: "C\(100_000 + rows.count)", gender: genders[cell / 8], sentence: sentences[(cell / 4) % 2],
                        rosh: roshes[cell % 4], tier1: unit % 2 == 0 ? "North" : "South", tier2: "Team \(unit)"))
                }
            }
            let population = try TestPopulations.population(rows)
            let size = max(2, rows.count / 4)
            let cells = population.cellCount
            var counts = [Int](repeating: 0, count: cells)
            for row in rows.indices { counts[population.cell(of: row)] += 1 }
            let expected = counts.map { Double(size * $0) / Double(rows.count) }
            var eligible = counts
            var excluded: Set<Int> = []
            for row in rows.indices {
                let cell = population.cell(of: row)
                let chance = switch exclusions {
                case .twentyPercent: 0.2
                case .sixtyPercentOfOneUnit: population.units[population.unit(of: row)].tier2 == "Team 0" ? 0.6 : 0
                }
                if generator.unitInterval() < chance && Double(eligible[cell] - 1) >= expected[cell].rounded(.up) {
                    excluded.insert(row)
                    eligible[cell] -= 1
                }
            }
            return World(
                population: population, size: size, substitutesPerCase: substitutesPerCase, excluded: excluded,
                expected: expected, eligible: eligible)
        }

        /// What the repetitions found.
        struct Outcome {
            /// Per row, the repetitions that ended with it in the final sample.
            var hits: [Int]
            var repetitions: Int
            /// Repetitions in which a cell ended off its drawn count while a case of it was left in reserve,
            /// or a place was filled from another stratum while its own had a case in reserve.
            var roundingBroken = 0
            /// Repetitions in which some cell's reserve ran out (fewer final cases of it than drawn).
            var reserveRanOut = 0
        }

        /// Version 1 of the rule, as finalize applied it before issue 12 (for comparison).
        static func finalizeVersion1(_ draw: ProvisionalSample, marks: Set<String>) -> [FinalSample.Member] {
            var reserve = draw.substitutes.filter { !marks.contains($0.drawn.key) }
            let leaving = draw.provisional.filter { marks.contains($0.key) }
            var members = draw.provisional.filter { !marks.contains($0.key) }.map { FinalSample.Member(drawn: $0, slot: $0.reference) }
            var filled = Set<String>()
            for slot in leaving {
                if let (index, _) = SubstitutionRule.ownSubstitute(forSlot: slot.key, in: reserve) {
                    members.append(.init(drawn: reserve.remove(at: index).drawn, slot: slot.reference))
                    filled.insert(slot.key)
                }
            }
            for slot in leaving where !filled.contains(slot.key) {
                if let (index, _) = SubstitutionRule.stratumSubstitute(for: slot, in: reserve, seed: draw.seed) {
                    members.append(.init(drawn: reserve.remove(at: index).drawn, slot: slot.reference))
                }
            }
            return members
        }

        /// Row `row` of a world's population as `finalize` reads it back from the draw's files.
        static func drawn(_ population: Population, _ row: Int) -> DrawnCase {
            let reference = "C\(100_000 + row)"
            return DrawnCase(
                fields: [], stratum: "cell \(population.cell(of: row))", reference: reference,
                key: CaseReference.normalised(reference), unit: population.units[population.unit(of: row)])
        }

        /// The draw `result` as `finalize` reads it from its directory.
        static func provisionalSample(_ result: DrawResult) -> ProvisionalSample {
            let population = result.population
            var draw = ProvisionalSample(
                directory: "", spec: TestPopulations.spec, specBytes: [], headers: [], provisional: result.selected.map { drawn(population, $0) },
                provisionalLines: [], substitutes: result.substitutes.map { substitute in
                    let forCase = drawn(population, substitute.forRow)
                    return ListedSubstitute(
                        drawn: drawn(population, substitute.row), substituteFor: forCase.reference, forKey: forCase.key,
                        rank: substitute.rank, note: "")
                },
                seed: result.request.seed, officerLimit: nil, shares: PopulationShares(variables: [], strata: []))
            draw.unitsBalanced = result.request.balancesUnits
            return draw
        }

        /// The returned list's marks: each of `keys` held by a YOT.
        static func match(marking keys: Set<String>) -> ReturnedList.Match {
            let mark = CaseMark(reason: ExclusionReasonText(code: "yot-held", text: "Held by a YOT"), officerUnavailable: false, line: 0)
            return ReturnedList.Match(
                marks: Dictionary(uniqueKeysWithValues: keys.map { ($0, mark) }), provisionalFound: 0, substitutesFound: 0,
                provisionalMissing: 0)
        }

        /// Both versions of the rule on the same draws: (version 2, version 1).
        static func run(_ world: World, repetitions: Int, balancesUnits: Bool = true) throws -> (two: Outcome, one: Outcome) {
            let population = world.population
            var outcome = Outcome(hits: [Int](repeating: 0, count: population.rowCount), repetitions: repetitions)
            var one = outcome
            var rowOfKey: [String: Int] = [:]
            func drawn(_ row: Int) -> DrawnCase { Self.drawn(population, row) }
            for row in 0..<population.rowCount { rowOfKey[drawn(row).key] = row }
            let marks = Set(world.excluded.map { drawn($0).key })
            for repetition in 0..<repetitions {
                let seed = 1_000 + UInt64(repetition)
                let result = try DrawResult.draw(
                    from: population,
                    request: DrawRequest(size: world.size, seed: seed, substitutesPerCase: world.substitutesPerCase, balancesUnits: balancesUnits))
                let draw = Self.provisionalSample(result)
                for member in Self.finalizeVersion1(draw, marks: marks) { one.hits[rowOfKey[member.drawn.key]!] += 1 }
                let final = FinalSample.finalize(draw: draw, match: Self.match(marking: marks))
                let (members, reserve) = (final.members, final.reserve)
                var finalCount = [Int](repeating: 0, count: population.cellCount)
                var broken = false
                let reserveCells = Set(reserve.map { population.cell(of: rowOfKey[$0.drawn.key]!) })
                for member in members {
                    let row = rowOfKey[member.drawn.key]!
                    outcome.hits[row] += 1
                    let slotCell = population.cell(of: rowOfKey[CaseReference.normalised(member.slot)]!)
                    if population.cell(of: row) == slotCell { finalCount[slotCell] += 1 } else if reserveCells.contains(slotCell) { broken = true }
                }
                for cell in 0..<population.cellCount where finalCount[cell] != result.cellSampleCounts[cell] {
                    if reserveCells.contains(cell) { broken = true }
                }
                if broken { outcome.roundingBroken += 1 }
                if zip(finalCount, result.cellSampleCounts).contains(where: { $0 < $1 }) { outcome.reserveRanOut += 1 }
            }
            return (outcome, one)
        }

        /// χ² of every really eligible case's hits against E[m_c]/E_c, its degrees of freedom (the cases
        /// with 0 < p < 1), and the largest deviation in binomial standard deviations.
        static func chiSquare(_ world: World, _ outcome: Outcome) -> (chiSquare: Double, df: Int, worst: Double) {
            var chiSquare = 0.0, df = 0, worst = 0.0
            let r = Double(outcome.repetitions)
            for row in 0..<world.population.rowCount where !world.excluded.contains(row) {
                let p = world.probability(cell: world.population.cell(of: row))
                guard p > 0, p < 1 else { continue }
                let z = (Double(outcome.hits[row]) - r * p) / (r * p * (1 - p)).squareRoot()
                chiSquare += z * z
                df += 1
                worst = max(worst, abs(z))
            }
            return (chiSquare, df, worst)
        }

        /// The largest relative difference between a really eligible case's measured probability and
        /// its cell's E[m_c]/E_c, among cells whose cases span more than one tier-2 unit.
        static func worstRelativeDeviation(_ world: World, _ outcome: Outcome) -> Double {
            var worst = 0.0
            for row in 0..<world.population.rowCount where !world.excluded.contains(row) {
                let p = world.probability(cell: world.population.cell(of: row))
                guard p > 0, p < 1 else { continue }
                worst = max(worst, abs(Double(outcome.hits[row]) / Double(outcome.repetitions) - p) / p)
            }
            return worst
        }

        /// Per cell with two or more really eligible cases: E[m_c]/E_c and the lowest and highest measured
        /// probability of its really eligible cases, as text.
        static func cellRanges(_ world: World, _ outcome: Outcome) -> String {
            var byCell: [Int: [Double]] = [:]
            for row in 0..<world.population.rowCount where !world.excluded.contains(row) {
                byCell[world.population.cell(of: row), default: []].append(Double(outcome.hits[row]) / Double(outcome.repetitions))
            }
            return byCell.keys.sorted().filter { byCell[$0]!.count > 1 }.map { cell in
                String(format: "cell %d: %.3f [%.3f, %.3f]", cell, world.probability(cell: cell), byCell[cell]!.min()!, byCell[cell]!.max()!)
            }.joined(separator: "; ")
        }

        /// In a population of one tier-2 unit the guarantee is exact: each really eligible case of a cell
        /// is in the final sample with probability E[m_c]/E_c. χ² across the cases within its band, every
        /// case within 4.5 binomial standard deviations, and every cell on its drawn count.
        ///
        /// `swift test` runs the first world only, with 24 repetitions.
        @Test(arguments: Array([(UInt64(1), Exclusions.twentyPercent), (2, .twentyPercent), (3, .twentyPercent)].prefix(MonteCarlo.isFull ? 3 : 1)))
        func oneUnit_everyReallyEligibleCase_hasItsCellsProbability(seed: UInt64, exclusions: Exclusions) throws {
            let world = try Self.world(seed: seed, units: 1, exclusions: exclusions, substitutesPerCase: Self.listing)
            let outcome = try Self.run(world, repetitions: MonteCarlo.repetitions(4_000, quick: 24)).two
            let (chiSquare, df, worst) = Self.chiSquare(world, outcome)
            print("one unit, seed \(seed), \(exclusions): \(world.population.rowCount) cases, \(world.excluded.count) excluded, n = \(world.size); "
                + "χ² \(String(format: "%.1f", chiSquare)) on \(df) df, worst \(String(format: "%.2f", worst)) SD, \(outcome.repetitions) repetitions, "
                + "a reserve ran out in \(outcome.reserveRanOut)")
            #expect(df > 5)
            #expect(chiSquare < Double(df) + 4.5 * (2 * Double(df)).squareRoot(), "χ² \(chiSquare) on \(df) df")
            #expect(worst < 4.5)
            #expect(outcome.roundingBroken == 0)
            #expect(outcome.reserveRanOut == 0)
        }

        /// With several units, the draw's selection is spread over the units, so equality within a cell is
        /// not exact (Finalize.md), but units no longer skew it: on the same draws, version 2's excess of
        /// χ² over its degrees of freedom is under a quarter of version 1's, and no cell ends off its
        /// drawn count while a case of it is left in reserve. The draws list substitutes as issued
        /// (``listing``), and no reserve runs out in these worlds. Where the unit effect is small (20% at
        /// random; 60% of one of four units) χ² is within the one-unit band and every case within 4.5 SD;
        /// with 60% of one of two units the effect shows (`unitEffect`: printed, not held to the band).
        /// Measured in full (1,000 repetitions): χ² 51.9 on 51 df, 63.6 on 45, 101.0 on 51 (unit effect),
        /// 57.2 on 58; version 1 on the same draws 1,007, 776, 5,414, 802.
        ///
        /// `swift test` runs the last world only, with 24 repetitions.
        @Test(arguments: Array([
            (UInt64(4), 3, Exclusions.twentyPercent, false), (5, 6, .twentyPercent, false),
            (6, 2, .sixtyPercentOfOneUnit, true), (7, 4, .sixtyPercentOfOneUnit, false),
        ].suffix(MonteCarlo.isFull ? 4 : 1)))
        func severalUnits_versionTwo_isFarCloserToEqual_thanVersionOne(seed: UInt64, units: Int, exclusions: Exclusions, unitEffect: Bool) throws {
            let world = try Self.world(seed: seed, units: units, exclusions: exclusions, substitutesPerCase: Self.listing)
            let repetitions = MonteCarlo.repetitions(1_000, quick: 24)
            let (two, one) = try Self.run(world, repetitions: repetitions)
            let (c2, df, w2) = Self.chiSquare(world, two), (c1, _, w1) = Self.chiSquare(world, one)
            print("\(units) units, seed \(seed), \(exclusions): \(world.population.rowCount) cases, \(world.excluded.count) excluded, n = \(world.size); "
                + "version 2: χ² \(String(format: "%.1f", c2)) on \(df) df, worst \(String(format: "%.2f", w2)) SD, relative \(String(format: "%.3f", Self.worstRelativeDeviation(world, two))); "
                + "version 1: χ² \(String(format: "%.1f", c1)), worst \(String(format: "%.2f", w1)) SD, relative \(String(format: "%.3f", Self.worstRelativeDeviation(world, one))); "
                + "\(repetitions) repetitions, a reserve ran out in \(two.reserveRanOut)")
            print("  by cell, E[m]/E [lowest, highest measured]: version 2: \(Self.cellRanges(world, two))")
            print("  version 1: \(Self.cellRanges(world, one))")
            #expect(df > 5)
            #expect(c2 - Double(df) < (c1 - Double(df)) / 4, "version 2 χ² \(c2), version 1 χ² \(c1), \(df) df")
            if !unitEffect {
                #expect(c2 < Double(df) + 4.5 * (2 * Double(df)).squareRoot(), "χ² \(c2) on \(df) df")
                #expect(w2 < 4.5)
            }
            #expect(two.roundingBroken == 0)
            #expect(two.reserveRanOut == 0)
        }

        /// Without unit balance (`--no-unit-balance`) each cell's selection is a simple random sample of
        /// the cell, and the guarantee is exact with any number of units: on the same worlds as above,
        /// including the one where the unit effect shows, χ² within the one-unit band, every case within
        /// 4.5 SD, and every cell on its drawn count (4,000 repetitions in full, as in the one-unit
        /// test; the figures are in Finalize.md).
        ///
        /// `swift test` runs the unit-effect world only, with 24 repetitions.
        @Test(arguments: Array([
            (UInt64(4), 3, Exclusions.twentyPercent), (5, 6, .twentyPercent), (7, 4, .sixtyPercentOfOneUnit),
            (6, 2, .sixtyPercentOfOneUnit),
        ].suffix(MonteCarlo.isFull ? 4 : 1)))
        func withoutUnitBalance_everyReallyEligibleCase_hasItsCellsProbability(seed: UInt64, units: Int, exclusions: Exclusions) throws {
            let world = try Self.world(seed: seed, units: units, exclusions: exclusions, substitutesPerCase: Self.listing)
            let outcome = try Self.run(world, repetitions: MonteCarlo.repetitions(4_000, quick: 24), balancesUnits: false).two
            let (chiSquare, df, worst) = Self.chiSquare(world, outcome)
            print("\(units) units without unit balance, seed \(seed), \(exclusions): \(world.population.rowCount) cases, "
                + "\(world.excluded.count) excluded, n = \(world.size); χ² \(String(format: "%.1f", chiSquare)) on \(df) df, "
                + "worst \(String(format: "%.2f", worst)) SD, relative \(String(format: "%.3f", Self.worstRelativeDeviation(world, outcome))), "
                + "\(outcome.repetitions) repetitions, a reserve ran out in \(outcome.reserveRanOut)")
            print("  by cell, E[m]/E [lowest, highest measured]: \(Self.cellRanges(world, outcome))")
            #expect(df > 5)
            #expect(chiSquare < Double(df) + 4.5 * (2 * Double(df)).squareRoot(), "χ² \(chiSquare) on \(df) df")
            #expect(worst < 4.5)
            #expect(outcome.roundingBroken == 0)
            #expect(outcome.reserveRanOut == 0)
        }

        /// With one substitute a case, as the draw lists by default, a cell's reserve can run out; a cell
        /// then ends short (recorded), but never while a case of it is left in reserve, and no place is
        /// filled from another stratum while its own has one.
        @Test func oneSubstituteACase_strataKeepTheirCount_whileTheirReserveLasts() throws {
            let world = try Self.world(seed: 6, units: 2, exclusions: .sixtyPercentOfOneUnit, substitutesPerCase: 1)
            let (two, _) = try Self.run(world, repetitions: MonteCarlo.repetitions(1_000, quick: 24))
            print("2 units, seed 6, one substitute a case: a cell's reserve ran out in \(two.reserveRanOut) of \(two.repetitions) repetitions")
            #expect(two.roundingBroken == 0)
            #expect(two.reserveRanOut > 0, "the check above must have cells that run out to test")
        }
    }
}
