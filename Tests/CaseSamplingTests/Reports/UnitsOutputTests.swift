import Foundation
import Testing
@testable import CaseSampling

/// The units summary as terminal tables, CSV and JSON.
@Suite struct UnitsOutputTests {
    typealias Row = TestPopulations.Row

    static func exampleReport() throws -> UnitsReport { UnitsReport(population: try Examples.examplePopulation()) }

    /// A small list with a blank tier-1 unit, a unit with no eligible case and an unknown unit.
    static func awkwardReport() throws -> UnitsReport {
        var text = String(decoding: TestPopulations.csv([
            Row(crn: "A1", tier1: "North", tier2: "=cmd"), Row(crn: "A2", gender: "Female", tier1: "", tier2: "Team 1"),
            Row(crn: "A3", tier1: "South", tier2: "YOT only", yot: "Y"),
        ]), as: UTF8.self)
        text += "A4,Smith\r\n"
        let list = try LongListReader.read(bytes: Array(text.utf8), file: "awkward.csv", columns: TestPopulations.spec.columnRequests)
        return UnitsReport(population: try Population.classify(list, by: TestPopulations.spec))
    }

    /// The CSV's records, after checking the byte order mark and that every record ends in CRLF.
    static func records(_ bytes: [UInt8]) -> [[String]] {
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF")
        return IndependentUnitCount.records(text)
    }

    // MARK: - CSV

    @Test func csv_example_hasTheDocumentedColumnsAndOneRecordPerLine() throws {
        let report = try Self.exampleReport()
        let records = Self.records(UnitsOutput.csv(report))
        #expect(records[0] == [
            "Tier1Unit", "Tier2Unit", "Rows", "Invalid", "Excluded", "Eligible",
            "no-requirements", "only-excluded-requirements", "yot-held", "sfo-review", "transferred-in",
            "transferred-out", "escalated-from-crc", "limited-access",
            "gender: Male %", "gender: Female %", "sentenceType: Community %", "sentenceType: Post-custody %",
            "rosh: Low %", "rosh: Medium %", "rosh: High %", "rosh: Very high %",
        ])
        #expect(records.count == 1 + report.lines.count)
        #expect(records.dropFirst().allSatisfy { $0.count == records[0].count })
        #expect(records[1].prefix(6) == ["East", "Barking, Dagenham & Havering", "39", "0", "9", "30"])
        #expect(records.first { $0[1] == "(all)" && $0[0] == "North" }?.prefix(6) == ["North", "(all)", "836", "0", "151", "685"])
        #expect(records.last! == [
            "Total", "(all)", "2000", "0", "376", "1624", "62", "175", "15", "16", "30", "33", "37", "8",
            "88.8", "11.2", "53.5", "46.5", "24.6", "54.6", "19.0", "1.8",
        ])
        // The numbers in each record are the report's.
        for (record, line) in zip(records.dropFirst(), report.lines) {
            #expect(record[2...5].map { Int($0)! } == [line.rows, line.invalid, line.excluded, line.eligible])
            #expect(record[6..<14].map { Int($0)! } == line.excludedByReason)
        }
    }

    @Test func csv_labelsBlankUnknownAndSubtotals_leavesSharesEmptyWithoutEligibleCases_andNeutralisesFormulas() throws {
        let records = Self.records(UnitsOutput.csv(try Self.awkwardReport()))
        #expect(records.dropFirst().map { [$0[0], $0[1]] } == [
            ["North", "'=cmd"], ["North", "(all)"],
            ["South", "YOT only"], ["South", "(all)"],
            ["(blank)", "Team 1"], ["(blank)", "(all)"],
            ["(unknown unit)", "(unknown unit)"], ["Total", "(all)"],
        ])
        let yotOnly = records[3]
        #expect(yotOnly[2...6] == ["1", "0", "1", "0", "1"])
        #expect(yotOnly[7...].allSatisfy { $0.isEmpty })
        let blank = records[5]
        #expect(blank[7...8] == ["0.0", "100.0"])
        #expect(records[7][7...].allSatisfy { $0.isEmpty })
    }

    // MARK: - JSON

    @Test func json_roundTripsEveryNumber() throws {
        for report in [try Self.exampleReport(), try Self.awkwardReport()] {
            let parsed = try JSONValue.parse(UnitsOutput.json(report).serializedBytes())
            #expect(parsed["reasons"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == report.reasons.map(\.code))
            let lines = try #require(parsed["lines"]?.arrayValue)
            #expect(lines.count == report.lines.count)
            for (json, line) in zip(lines, report.lines) {
                #expect(json["kind"]?.stringValue == line.kind.rawValue)
                #expect(json["rows"]?.intValue == line.rows && json["invalid"]?.intValue == line.invalid)
                #expect(json["excluded"]?.intValue == line.excluded && json["eligible"]?.intValue == line.eligible)
                #expect(report.reasons.indices.map { json["excludedByReason"]?[report.reasons[$0].code]?.intValue } == line.excludedByReason)
                for (v, variable) in report.variables.enumerated() {
                    let categories = try #require(json["eligibleMix"]?[variable.role]?.arrayValue)
                    #expect(categories.map { $0["count"]?.intValue } == line.eligibleByCategory[v])
                    for (c, category) in categories.enumerated() {
                        if let share = line.share(variable: v, category: c) {
                            #expect(abs(category["share"]!.doubleValue! - share) <= 5e-7)
                        } else {
                            #expect(category["share"] == .null)
                        }
                    }
                }
            }
            #expect(lines.last?["tier1"] == .null && lines.last?["tier2"] == .null)
        }
    }

    @Test func json_namesUnitsAsRead_blankAsEmpty() throws {
        let lines = try #require(JSONValue.parse(UnitsOutput.json(try Self.awkwardReport()).serializedBytes())["lines"]?.arrayValue)
        #expect(lines.map { [$0["tier1"]?.stringValue, $0["tier2"]?.stringValue] } == [
            ["North", "=cmd"], ["North", nil], ["South", "YOT only"], ["South", nil], ["", "Team 1"], ["", nil], [nil, nil], [nil, nil],
        ])
    }

    // MARK: - Terminal

    @Test func text_example_tablesAreAligned_withOneDecimalPercentages() throws {
        let text = UnitsOutput.text(try Self.exampleReport())
        #expect(text.contains("Rows read 2,000: eligible 1,624, excluded 376, invalid 0; 3 tier-1 units, 16 tier-2 units.\n"))
        #expect(text.contains("\n  Total                                 2,000        0       376     1,624  175   62   37    102\n"))
        #expect(text.contains("\n  (1) only-excluded-requirements: Only requirements are unpaid work, attendance centre, exclusion or curfew\n"))
        #expect(text.contains("\n  Other: transferred-out, transferred-in, sfo-review, yot-held, limited-access\n"))
        #expect(text.contains("\n  Total                                    1,624   88.8%   11.2%      53.5%         46.5%  24.6%   54.6%  19.0%       1.8%\n"))
        // In each table every line is as long as its rule (the last column is right-aligned).
        for table in text.components(separatedBy: "\n\n").dropFirst() where table.contains("  ------") {
            let lines = table.split(separator: "\n").filter { !$0.hasPrefix("  (") && !$0.hasPrefix("  Other") && !$0.hasPrefix("  The CSV") }
            let rule = try #require(lines.first { $0.hasPrefix("  ------") })
            for line in lines.drop(while: { !$0.hasPrefix("  Tier 1") }) { #expect(line.count == rule.count, "\(line)") }
        }
    }

    @Test func text_groupHeadingCentresEachVariableOverItsColumns() throws {
        let text = UnitsOutput.text(try Self.exampleReport())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  Tier 1  Tier 2") && $0.contains("Male") })
        let heading = lines[header - 1], names = lines[header]
        func column(_ text: String, in line: String) -> Int { line.distance(from: line.startIndex, to: line.range(of: text)!.lowerBound) }
        #expect(column("gender", in: heading) > column("Eligible", in: names))
        #expect(column("gender", in: heading) < column("Female", in: names))
        #expect(column("sentenceType", in: heading) >= column("Community", in: names))
        #expect(column("rosh", in: heading) > column("Low", in: names))
    }

    @Test func text_awkward_showsBlankUnknownAndDashesForNoEligibleCases() throws {
        let text = UnitsOutput.text(try Self.awkwardReport())
        #expect(text.contains("\n  (unknown unit)               1        1         0         0    0\n"))
        #expect(text.contains("\n  (blank)         Team 1    "))
        #expect(text.contains("\n  South    YOT only         0       –       –          –             –     –       –     –          –\n"))
        // The mix table leaves out the unknown unit.
        #expect(text.components(separatedBy: "(unknown unit)").count == 2)
    }
}
