import Foundation
import Testing
@testable import CaseSampling

/// The units summary's arithmetic, checked against counts made without the library.
@Suite struct UnitsReportTests {
    typealias Row = TestPopulations.Row

    static func report(_ text: String, spec: SampleSpec = TestPopulations.spec) throws -> UnitsReport {
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "units.csv", columns: spec.columnRequests)
        return UnitsReport(population: try Population.classify(list, by: spec))
    }

    /// The lines that partition the rows: tier-2 units and the unknown unit.
    static func partition(_ report: UnitsReport) -> [UnitsReport.Line] {
        report.lines.filter { $0.kind == .unit || $0.kind == .unknownUnit }
    }

    /// Every line adds up, every subtotal is the sum of its units, and the total is the sum of the
    /// partition and of the subtotals and the unknown unit, and equals the rows read.
    static func checkArithmetic(_ report: UnitsReport, rowsRead: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        func sum(_ lines: [UnitsReport.Line]) -> UnitsReport.Line {
            var total = UnitsReport.Line(kind: .total, reasonCount: report.reasons.count, categoryCounts: report.variables.map(\.categories.count))
            for line in lines { total.add(line) }
            return total
        }
        for line in report.lines {
            #expect(line.rows == line.invalid + line.excluded + line.eligible, "\(line)", sourceLocation: sourceLocation)
            for counts in line.eligibleByCategory {
                #expect(counts.reduce(0, +) == line.eligible, "\(line)", sourceLocation: sourceLocation)
            }
        }
        var members: [UnitsReport.Line] = []
        for line in report.lines {
            switch line.kind {
            case .unit:
                members.append(line)
            case .subtotal:
                #expect(members.allSatisfy { $0.tier1 == line.tier1 }, sourceLocation: sourceLocation)
                var expected = sum(members)
                expected.kind = .subtotal
                expected.tier1 = line.tier1
                #expect(line == expected, sourceLocation: sourceLocation)
                members = []
            case .unknownUnit, .total:
                #expect(members.isEmpty, "units after the last subtotal", sourceLocation: sourceLocation)
            }
        }
        #expect(report.lines.last?.kind == .total, sourceLocation: sourceLocation)
        #expect(report.lines.filter { $0.kind == .total }.count == 1, sourceLocation: sourceLocation)
        #expect(report.total == sum(partition(report)), sourceLocation: sourceLocation)
        #expect(report.total == sum(report.lines.filter { $0.kind == .subtotal || $0.kind == .unknownUnit }), sourceLocation: sourceLocation)
        #expect(report.total.rows == rowsRead, sourceLocation: sourceLocation)
        #expect(report.total.excludedByReason == report.reasons.map(\.count), sourceLocation: sourceLocation)
    }

    // MARK: - The shipped example

    @Test func example_matchesAnIndependentCount() throws {
        let report = UnitsReport(population: try Examples.examplePopulation())
        let expected = IndependentUnitCount.count(try String(contentsOfFile: Examples.longListPath, encoding: .utf8))
        Self.checkArithmetic(report, rowsRead: 2000)
        #expect(report.total.rows == 2000 && report.total.eligible == 1624 && report.total.excluded == 376)

        func counts(_ line: UnitsReport.Line) -> IndependentUnitCount.Counts {
            var result = IndependentUnitCount.Counts(rows: line.rows, eligible: line.eligible)
            for (reason, count) in zip(report.reasons, line.excludedByReason) where count > 0 { result.excluded[reason.code] = count }
            for (variable, categories) in zip(report.variables, line.eligibleByCategory) {
                for (category, count) in zip(variable.categories, categories) where count > 0 {
                    result.mix[variable.role + "/" + category.code] = count
                }
            }
            return result
        }
        let units = report.lines.filter { $0.kind == .unit }
        #expect(units.count == expected.values.map(\.count).reduce(0, +))
        for line in units {
            #expect(counts(line) == expected[line.tier1]?[line.tier2], "\(line.tier1)/\(line.tier2)")
        }
        for line in report.lines where line.kind == .subtotal {
            var subtotal = IndependentUnitCount.Counts()
            for unit in expected[line.tier1]!.values { subtotal.add(unit) }
            #expect(counts(line) == subtotal, "\(line.tier1)")
        }
        #expect(report.lines.filter { $0.kind == .subtotal }.map(\.tier1) == ["East", "North", "South"])
    }

    // MARK: - Hand-built lists

    @Test func handBuilt_countsEachUnitAsWrittenInTheTest() throws {
        let rows = [
            Row(crn: "A1", tier1: "North", tier2: "Team 2"),
            Row(crn: "A2", gender: "Female", sentence: "Licence", rosh: "High", tier1: " North ", tier2: "Team 2 "),
            Row(crn: "A3", tier1: "North", tier2: "Team 10", yot: "Y"),
            Row(crn: "A4", rosh: "Very High", tier1: "north", tier2: "Team 2"),
            Row(crn: "A5", sentence: "Licence", tier1: "South", tier2: ""),
            Row(crn: "A6", tier1: "", tier2: "Lost team"),
            Row(crn: "A7", gender: "Female", tier1: "South", tier2: "Alpha", yot: "Y"),
            Row(crn: "A8", gender: "Female", rosh: "Low", tier1: "South", tier2: "Alpha"),
        ]
        let report = try Self.report(String(decoding: TestPopulations.csv(rows), as: UTF8.self))
        Self.checkArithmetic(report, rowsRead: rows.count)

        // The expectation, straight from the rows: names trimmed and compared ignoring case (each unit
        // named as first written), YOT-held excluded, the rest eligible.
        struct Expected: Equatable { var rows = 0, yot = 0, eligible = 0, female = 0, licence = 0 }
        var expected: [String: Expected] = [:]
        for row in rows {
            var key = row.tier1.trimmingCharacters(in: .whitespaces) + "/" + row.tier2.trimmingCharacters(in: .whitespaces)
            key = expected.keys.first { $0.lowercased() == key.lowercased() } ?? key
            expected[key, default: Expected()].rows += 1
            if row.yot == "Y" {
                expected[key]!.yot += 1
            } else {
                expected[key]!.eligible += 1
                if row.gender == "Female" { expected[key]!.female += 1 }
                if row.sentence == "Licence" { expected[key]!.licence += 1 }
            }
        }
        let units = report.lines.filter { $0.kind == .unit }
        var found: [String: Expected] = [:]
        for line in units {
            found[line.tier1 + "/" + line.tier2] = Expected(
                rows: line.rows, yot: line.excludedByReason[0], eligible: line.eligible,
                female: line.eligibleByCategory[0][1], licence: line.eligibleByCategory[1][1])
        }
        #expect(found == expected)
        // Order: tier-1 by name ignoring case (ties as first seen), blank last; teams by number.
        #expect(report.lines.map { "\($0.kind.rawValue) \($0.tier1)/\($0.tier2)" } == [
            "unit North/Team 2", "unit North/Team 10", "subtotal North/",
            "unit South/Alpha", "unit South/", "subtotal South/",
            "unit /Lost team", "subtotal /",
            "total /",
        ])
    }

    @Test func eligibleShares_areCountsOverEligible_andNilWithoutEligibleCases() throws {
        let rows = [
            Row(crn: "A1", gender: "Female", tier2: "T"), Row(crn: "A2", tier2: "T"), Row(crn: "A3", tier2: "T"),
            Row(crn: "A4", tier2: "Only YOT", yot: "Y"),
        ]
        let report = try Self.report(String(decoding: TestPopulations.csv(rows), as: UTF8.self))
        let t = try #require(report.lines.first { $0.tier2 == "T" })
        #expect(t.share(variable: 0, category: 1) == 1.0 / 3.0)
        #expect(t.share(variable: 0, category: 0) == 2.0 / 3.0)
        let yot = try #require(report.lines.first { $0.tier2 == "Only YOT" })
        #expect(yot.eligible == 0 && yot.share(variable: 0, category: 0) == nil)
    }

    // MARK: - Invalid rows

    /// A list with one invalid row of each kind; `unknown` says whether its unit cells can be trusted.
    static let invalidRows: [(line: String, kind: ReadProblem.Kind, unknown: Bool)] = [
        ("A10,Smith", .tooFewFields, true),
        ("A11,Smith, Jr,Male,Community Order,Medium,North,Team 1,N", .tooManyFields, true),
        ("A12,Jo\"nes,Male,Community Order,Medium,North,Team 1,N", .strayQuote, false),
        ("A13,Jones,Male,Community Order,Medium,North,Te\"am 1,N", .strayQuote, true),
        ("A1,Brown,Female,Licence,Low,South,Team 9,N", .duplicateCaseReference, false),
        (",Green,Male,Licence,Low,South,Team 9,N", .missingCaseReference, false),
        (TestPopulations.header, .repeatedHeader, true),
    ]

    @Test func invalidRows_countInTheirUnit_orUnderTheUnknownUnit() throws {
        let valid = [Row(crn: "A1"), Row(crn: "A2", tier1: "South", tier2: "Team 9"), Row(crn: "A3", yot: "Y")]
        var text = String(decoding: TestPopulations.csv(valid), as: UTF8.self)
        for row in Self.invalidRows { text += row.line + "\r\n" }
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "units.csv", columns: TestPopulations.spec.columnRequests)
        #expect(list.invalidRowCount == Self.invalidRows.count)
        for (offset, row) in Self.invalidRows.enumerated() {
            #expect(list.errors(ofRow: valid.count + offset).map(\.kind) == [row.kind], "\(row.line)")
        }
        // Classification ignores the invalid rows' values (a surname in the gender column, blanks).
        let report = UnitsReport(population: try Population.classify(list, by: TestPopulations.spec))
        Self.checkArithmetic(report, rowsRead: valid.count + Self.invalidRows.count)

        let unknown = try #require(report.lines.first { $0.kind == .unknownUnit })
        #expect(unknown.rows == Self.invalidRows.filter(\.unknown).count)
        #expect(unknown.invalid == unknown.rows && unknown.eligible == 0)
        #expect(report.lines[report.lines.count - 2] == unknown)
        let team1 = try #require(report.lines.first { $0.tier1 == "North" && $0.tier2 == "Team 1" })
        #expect(team1.rows == 3 && team1.invalid == 1 && team1.eligible == 1 && team1.excluded == 1)
        let team9 = try #require(report.lines.first { $0.tier1 == "South" && $0.tier2 == "Team 9" })
        #expect(team9.rows == 3 && team9.invalid == 2 && team9.eligible == 1)
        #expect(report.total.invalid == Self.invalidRows.count)
        #expect(report.errors.count == Self.invalidRows.count)
        // The repeated header's values are not a unit.
        #expect(!report.lines.contains { $0.tier1 == "Tier1Unit" })
    }

    @Test func rowWithSeveralErrors_isUnknownWhenAnyMakesItSo() throws {
        // A stray quote in the surname (fine) and too few fields (not fine), on one row.
        let text = String(decoding: TestPopulations.csv([Row(crn: "A1")]), as: UTF8.self) + "A2,Sm\"ith,Male\r\n"
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "units.csv", columns: TestPopulations.spec.columnRequests)
        #expect(Set(list.errors(ofRow: 1).map(\.kind)) == [.strayQuote, .tooFewFields])
        let report = UnitsReport(population: try Population.classify(list, by: TestPopulations.spec))
        #expect(report.lines.first { $0.kind == .unknownUnit }?.rows == 1)
        Self.checkArithmetic(report, rowsRead: 2)
    }

    @Test func unknownValueInAValidRow_stillStopsTheSummary() throws {
        let text = String(decoding: TestPopulations.csv([Row(crn: "A1", rosh: "Severe")]), as: UTF8.self)
        #expect(throws: ClassificationError.self) { try Self.report(text) }
    }

    // MARK: - Order of names

    @Test func unitNames_sortIgnoringCase_numbersAsNumbers_blankLast_tiesAsGiven() {
        let names = ["team 10", "Team 2", "", "Brighton", "team 2", "Team 02", "Team 1b", "Team 1a", "Zed", "alpha"]
        #expect(UnitName.sorted(names, by: { $0 }) == [
            "alpha", "Brighton", "Team 1a", "Team 1b", "Team 2", "team 2", "Team 02", "team 10", "Zed", "",
        ])
    }
}
