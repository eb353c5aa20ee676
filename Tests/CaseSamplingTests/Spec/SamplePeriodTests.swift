import Testing

@testable import CaseSampling

/// Sample periods placed by the first day of fieldwork: weeks, months, month and year boundaries,
/// short months and leap years.
@Suite struct SamplePeriodTests {
    static func period(_ start: SamplePeriod.Offset, _ length: SamplePeriod.Offset) -> SamplePeriod {
        SamplePeriod(column: "d", start: start, length: length, code: SamplePeriod.defaultCode, reason: "Outside")
    }

    @Test(arguments: [
        // Court reports: the week before Monday of week −4 (fieldwork on Monday 2 March 2026).
        (SamplePeriod.Offset.weeks(5), SamplePeriod.Offset.weeks(1), "2026-03-02", "2026-01-26", "2026-02-01"),
        // Across a year boundary.
        (.weeks(5), .weeks(1), "2026-01-26", "2025-12-22", "2025-12-28"),
        // Two weeks (unpaid work, Through the Gate).
        (.weeks(3), .weeks(2), "2026-03-02", "2026-02-09", "2026-02-22"),
        // Victim contact: sentenced between seven and six months before fieldwork.
        (.months(7), .months(1), "2026-03-02", "2025-08-02", "2025-09-01"),
        (.months(7), .months(1), "2026-01-15", "2025-06-15", "2025-07-14"),
        // A day the earlier month lacks is its last day; leap years.
        (.months(7), .months(1), "2025-09-30", "2025-02-28", "2025-03-29"),
        (.months(1), .months(1), "2024-03-31", "2024-02-29", "2024-03-30"),
        (.months(12), .months(1), "2024-02-29", "2023-02-28", "2023-03-28"),
        // dd/mm/yyyy as spreadsheets write it.
        (.weeks(1), .weeks(1), "02/03/2026", "2026-02-23", "2026-03-01"),
    ] as [(SamplePeriod.Offset, SamplePeriod.Offset, String, String, String)])
    func resolved_placesThePeriod(start: SamplePeriod.Offset, length: SamplePeriod.Offset, fieldwork: String, from: String, to: String) throws {
        let resolved = try Self.period(start, length).resolved(fieldworkStart: fieldwork)
        #expect(resolved.from == from && resolved.to == to, "\(fieldwork): \(resolved)")
    }

    @Test func civil_roundTripsEveryDayOfFourCenturies() {
        var day = DateValue.civilDays(1900, 1, 1)
        let end = DateValue.civilDays(2300, 1, 1)
        while day < end {
            let (y, m, d) = DateValue.civil(day)
            #expect(DateValue.civilDays(y, m, d) == day)
            day += 1
        }
    }

    @Test func resolvingPeriod_addsTheRuleFirst_andAFieldworkStartThatIsNoDateIsAnError() throws {
        var spec = try Examples.domainTwo()
        spec.period = SamplePeriod(column: "sentenceDate", start: .weeks(5), length: .weeks(1), code: "outside-period", reason: "Outside the sample period")
        let (resolved, period) = try spec.resolvingPeriod(fieldworkStart: "2026-03-02")
        #expect(resolved.rules.first?.code == "outside-period")
        #expect(resolved.rules.first?.reason == "Outside the sample period (2026-01-26 to 2026-02-01)")
        #expect(resolved.rules.count == spec.rules.count + 1 && resolved.period == nil)
        #expect(period?.from == "2026-01-26")
        #expect(throws: SpecError.self) { try spec.resolvingPeriod(fieldworkStart: "31/02/2026") }
    }

    @Test(arguments: [
        (#"{"column": "nope", "start": {"weeksBeforeFieldwork": 5}, "length": {"weeks": 1}}"#, "$.period.column: no column with role \"nope\""),
        (#"{"column": "gender", "start": {"weeksBeforeFieldwork": 5}, "length": {"weeks": 1}}"#, "\"gender\" is not a date column"),
        (#"{"column": "sentenceDate", "start": {"weeksBeforeFieldwork": 5, "monthsBeforeFieldwork": 1}, "length": {"weeks": 1}}"#, "give one of"),
        (#"{"column": "sentenceDate", "start": {"weeksBeforeFieldwork": 5}, "length": {"weeks": 0}}"#, "at least one week or month"),
        (#"{"column": "sentenceDate", "start": {"weeksBeforeFieldwork": 5}, "lenght": {"weeks": 1}}"#, "lenght"),
    ])
    func load_badPeriod_isAnErrorAtItsPath(period: String, message: String) throws {
        var text = String(decoding: try readBytes(Examples.domainTwoPath), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 1, \"period\": \(period),")
        #expect {
            try SampleSpec.load(bytes: Array(text.utf8), file: "s.json")
        } throws: { error in
            (error as? SpecError)?.description.contains(message) == true
        }
    }
}
