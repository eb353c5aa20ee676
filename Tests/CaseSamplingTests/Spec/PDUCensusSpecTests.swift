import Foundation
import Testing

@testable import CaseSampling

/// The built-in `pdu-census` spec (consultation on the 2021 approach, 3.15): each exclusion on a
/// purpose-built row, the window placed by the start of fieldwork and moved by `--window-weeks` and
/// `--shift-weeks` (across month and year ends), the census with its reserve of substitutes, and the
/// shipped example through draw, verify, finalize (with an `outside-period` exclusion) and replace.
@Suite struct PDUCensusSpecTests {
    static let header = "CRN,Gender,Sentence type,RoSH,Commencement date,PDU,Team,YOT held,SFO review,Transferred in,Transferred out\r\n"
    /// Eligible rows, commenced in the two-week window of fieldwork starting 2026-03-02 (1 to 14 September 2025).
    static let eligible = [
        "A1,M,CO,Low,01/09/2025,Gateshead,North,N,N,N,N\r\n",
        "A2,F,Licence,High,2025-09-14,Gateshead,South,,,,\r\n",
        "A3,,SSO,,8/9/2025,Gateshead,South,No,No,No,No\r\n",
    ]
    static let fieldworkStart = "2026-03-02"

    static func population(_ extra: [String]) throws -> Population {
        try SpecFixtures.population(spec: "pdu-census", header: header, rows: eligible + extra, fieldworkStart: fieldworkStart)
    }

    @Test(arguments: [
        ("yot-held", "B1,M,CO,Low,02/09/2025,Gateshead,North,Y,N,N,N\r\n"),
        ("sfo-review", "B1,M,CO,Low,02/09/2025,Gateshead,North,N,Yes,N,N\r\n"),
        ("transferred-in", "B1,M,CO,Low,02/09/2025,Gateshead,North,N,N,1,N\r\n"),
        ("transferred-out", "B1,M,CO,Low,02/09/2025,Gateshead,North,N,N,N,y\r\n"),
        ("outside-period", "B1,M,CO,Low,31/08/2025,Gateshead,North,N,N,N,N\r\n"),
        ("reserve", "B1,M,CO,Low,2025-09-15,Gateshead,North,N,N,N,N\r\n"),
        ("reserve", "B1,M,CO,Low,28/09/2025,Gateshead,North,N,N,N,N\r\n"),
        ("outside-period", "B1,M,CO,Low,2025-09-29,Gateshead,North,N,N,N,N\r\n"),
    ])
    func purposeBuiltRow_isExcludedWithItsReason(code: String, row: String) throws {
        let population = try Self.population([row])
        #expect(SpecFixtures.reasons(population) == [code: 1], "\(row)")
        #expect(population.eligibleCount == 3)
    }

    /// The window from `--fieldwork-start`, `--window-weeks` and `--shift-weeks`: across the end of a
    /// month and of a year, and moved either way.
    @Test(arguments: [
        ("2026-03-02", nil, 0, "2025-09-01", "2025-09-14"),
        ("2026-03-02", 1, 0, "2025-09-01", "2025-09-07"),
        ("2026-03-02", nil, -1, "2025-08-25", "2025-09-07"),
        ("2026-03-02", 1, 2, "2025-09-15", "2025-09-21"),
        ("2026-07-06", nil, -1, "2025-12-29", "2026-01-11"),
        ("2026-07-06", 1, -1, "2025-12-29", "2026-01-04"),
        ("2026-06-29", 2, 0, "2025-12-29", "2026-01-11"),
    ] as [(String, Int?, Int, String, String)])
    func window_isPlacedAndMoved(fieldwork: String, weeks: Int?, shift: Int, from: String, to: String) throws {
        let period = try SampleSpec.load(nameOrPath: "pdu-census").spec.period!
        let resolved = try period.adjusted(windowWeeks: weeks, shiftWeeks: shift).resolved(fieldworkStart: fieldwork)
        #expect(resolved.from == from && resolved.to == to)
        #expect(DateValue.days(resolved.to)! - DateValue.days(resolved.from)! == 7 * (weeks ?? 2) - 1)
    }

    @Test func window_thatWouldPassTheFieldworkStart_orCountedInMonths_isRefused() throws {
        let period = try SampleSpec.load(nameOrPath: "pdu-census").spec.period!
        // The window and the two reserve weeks after it must end before fieldwork starts.
        #expect(throws: SpecError.self) { try period.adjusted(windowWeeks: 2, shiftWeeks: 23) }
        let latest = try period.adjusted(windowWeeks: 2, shiftWeeks: 22).resolved(fieldworkStart: "2026-03-02")
        #expect(latest.to == "2026-02-15" && latest.reserveTo == "2026-03-01")
        let months = try SampleSpec.load(nameOrPath: "victim-contact").spec.period!
        #expect(throws: SpecError.self) { try months.adjusted(windowWeeks: nil, shiftWeeks: 1) }
        #expect(try months.adjusted(windowWeeks: nil, shiftWeeks: 0) == months)
    }

    /// The problems reading `rows` for the spec gives (its date columns read as `draw` reads them).
    static func dateProblems(_ rows: [String], order: DateOrder? = nil) throws -> [ReadProblem] {
        let spec = try SampleSpec.load(nameOrPath: "pdu-census").spec
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("census-\(UUID().uuidString).csv").path
        try writeBytes(Array((header + rows.joined()).utf8), to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var input = InputOptions()
        input.dateOrder = order
        return try LongListSource(path: path).read(for: spec, input: input).errors
    }

    /// An impossible date in the window's column is an error at its line, column and header, and the
    /// message never quotes the cell.
    @Test(arguments: ["31/02/2025", "2025-09-31", "29/02/2025", "13/13/2025"])
    func impossibleDate_isAnErrorAtItsLineAndColumn(date: String) throws {
        let rows = Self.eligible + ["A4,M,CO,Low,14/09/2025,Gateshead,North,N,N,N,N\r\n", "B1,M,CO,Low,\(date),Gateshead,North,N,N,N,N\r\n"]
        let problems = try Self.dateProblems(rows)
        #expect(problems.count == 1, "\(problems)")
        let description = problems.first?.description ?? ""
        #expect(problems.first?.line == 6 && problems.first?.column == 5, "\(problems)")
        #expect(description.contains(":6:5: error: column \"Commencement date\": 1 row has a date that cannot be read"), "\(description)")
        #expect(!description.contains(date), "\(description)")
    }

    /// A column whose every date reads both ways (day and month both 12 or less) is an error unless
    /// the order is given, never a silent guess; with `--date-order dmy` it reads.
    @Test func ambiguousDates_areAnError_untilTheOrderIsGiven() throws {
        let rows = ["A1,M,CO,Low,01/09/2025,Gateshead,North,N,N,N,N\r\n", "A2,F,CO,Low,05/09/2025,Gateshead,North,N,N,N,N\r\n"]
        let problems = try Self.dateProblems(rows)
        #expect(problems.count == 1 && problems.first?.line == 2 && problems.first?.column == 5, "\(problems)")
        #expect(problems.first.map { $0.message.hasPrefix("column \"Commencement date\": every date could be") && $0.message.contains("--date-order") } == true, "\(problems)")
        #expect(!(problems.first?.description.contains("01/09/2025") ?? true))
        #expect(try Self.dateProblems(rows, order: .dmy).isEmpty)
    }

    /// A reserve row is excluded from the census but gets its stratum, and only reserve rows are
    /// substitutes besides the eligible ones.
    @Test func reserveRows_areSubstituteCandidates_withAStratum() throws {
        let population = try Self.population([
            "R1,F,Licence,High,16/09/2025,Gateshead,North,N,N,N,N\r\n", "X1,F,Licence,High,30/09/2025,Gateshead,North,N,N,N,N\r\n",
            "Y1,F,Licence,High,16/09/2025,Gateshead,North,Y,N,N,N\r\n",
        ])
        #expect(SpecFixtures.reasons(population) == ["reserve": 1, "outside-period": 1, "yot-held": 1])
        #expect((0..<6).map(population.isSubstituteCandidate) == [true, true, true, true, false, false])
        #expect(population.cellName(population.cell(of: 3)) == population.cellName(population.cell(of: 1)))
    }

    /// The census: every eligible case of the window is in the sample, its substitutes come from the
    /// two reserve weeks after it, and the record gives the margin of error the window's cases allow for
    /// findings generalised over time.
    @Test func example_isACensus_thatVerifiesFinalizesAndReplaces() throws {
        try withScratch { scratch in
            let cycle = try SpecFixtures.cycle(
                spec: "pdu-census", example: "pdu-census.csv", fieldworkStart: Self.fieldworkStart,
                returnedReason: "outside-period", replaceReason: "transferred-out", in: scratch)
            let record = cycle.record, counts = record.counts
            #expect(counts.rowsRead == 400 && counts.rowsRead == counts.invalid + counts.excluded + counts.eligible)
            #expect(Set(counts.excludedByReason.filter { $0.count > 0 }.map(\.code)) == [
                "outside-period", "reserve", "yot-held", "sfo-review", "transferred-in", "transferred-out"])
            #expect(record.period?.to == "2025-09-14" && record.period?.reserveTo == "2025-09-28")
            #expect(record.draw.size == counts.eligible)
            #expect(record.variables.allSatisfy { $0.categories.allSatisfy { $0.sample == $0.population } })
            let margin = try MarginOfError.achieved(sampleSize: counts.eligible, population: nil, confidence: 0.80)
            #expect(record.draw.sizeCalculation.censusMargin == margin)
            #expect(cycle.verification.matches, "\(cycle.verification.differences)")
            // The organisation may say a case was not in the window (a date entered wrongly).
            #expect(cycle.final.replacements.map(\.reasonCode) == ["outside-period"])
            // Substitutes from the reserve fill the places.
            #expect(cycle.final.sample.final == record.draw.size)
            #expect(cycle.afterReplace.fieldworkReplacements == 1 && cycle.afterReplace.sample.final == record.draw.size)
        }
    }
}
