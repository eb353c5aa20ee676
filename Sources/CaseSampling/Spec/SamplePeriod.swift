/// A sample period, placed relative to the first day of fieldwork (`--fieldwork-start`), and the
/// exclusion of cases whose date falls outside it (manual 4.1: "one week for court reports, two weeks
/// for unpaid work and Through the Gate, and one month for initial victim contact"; 6.1: victim cases
/// sentenced "between six and seven months before the inspection fieldwork").
///
/// ```json
/// "period": { "column": "reportCompleted", "start": { "weeksBeforeFieldwork": 5 }, "length": { "weeks": 1 } }
/// "period": { "column": "sentenceDate", "start": { "monthsBeforeFieldwork": 7 }, "length": { "months": 1 } }
/// ```
/// With fieldwork starting on Monday 2026-03-02, the first is 2026-01-26 to 2026-02-01 (week −5, the week
/// before Monday of week −4, when the court reports sample is identified) and the second 2025-08-02 to
/// 2025-09-01. A month before a day that the earlier month lacks is that month's last day
/// (31 March − 1 month = 28 or 29 February); the period then still ends the day before fieldwork start
/// − (start − length), so it is never shortened. The period is inclusive at both ends.
public struct SamplePeriod: Sendable, Equatable {
    public enum Offset: Sendable, Equatable {
        case weeks(Int)
        case months(Int)
    }

    /// The date column (role) the period applies to.
    public var column: String
    /// How long before the first day of fieldwork the period starts.
    public var start: Offset
    /// How long the period lasts.
    public var length: Offset
    /// The exclusion's code and reason for cases outside the period.
    public var code: String
    public var reason: String

    public static let defaultCode = "outside-period"

    /// Whether `text` is a date `--fieldwork-start` accepts (`yyyy-mm-dd`, or `dd/mm/yyyy` as spreadsheets write it).
    public static func isDate(_ text: String) -> Bool { DateValue.days(text) != nil }

    /// The first and last day of the period, as `yyyy-mm-dd`.
    public struct Resolved: Sendable, Equatable {
        public var fieldworkStart: String
        public var from: String
        public var to: String
    }

    /// The period for fieldwork starting on `fieldworkStart` (`yyyy-mm-dd` or `dd/mm/yyyy`).
    ///
    /// - Throws: ``SpecError`` when `fieldworkStart` is not a date.
    public func resolved(fieldworkStart: String) throws(SpecError) -> Resolved {
        guard let day = DateValue.days(fieldworkStart) else {
            throw SpecError(file: "--fieldwork-start", path: "", message: "'\(fieldworkStart)' is not a date; give it as yyyy-mm-dd, such as 2026-03-02")
        }
        let first = Self.shift(day, back: start)
        // In one unit, the end is counted from the fieldwork start too, so that a clamped start (31 March
        // − 1 month = 29 February) does not shorten the period: "between seven and six months before".
        let afterLast: Int
        switch (start, length) {
        case (.weeks(let s), .weeks(let l)) where l <= s: afterLast = Self.shift(day, back: .weeks(s - l))
        case (.months(let s), .months(let l)) where l <= s: afterLast = Self.shift(day, back: .months(s - l))
        default: afterLast = Self.shift(first, forward: length)
        }
        return Resolved(fieldworkStart: DateValue.iso(day), from: DateValue.iso(first), to: DateValue.iso(afterLast - 1))
    }

    static func shift(_ day: Int, back offset: Offset) -> Int {
        switch offset {
        case .weeks(let n): day - 7 * n
        case .months(let n): DateValue.addingMonths(-n, to: day)
        }
    }

    static func shift(_ day: Int, forward offset: Offset) -> Int {
        switch offset {
        case .weeks(let n): day + 7 * n
        case .months(let n): DateValue.addingMonths(n, to: day)
        }
    }

    /// The rule that excludes rows outside `period`, tried before the spec's own rules.
    func rule(for period: Resolved) -> ExclusionRule {
        ExclusionRule(
            code: code, reason: "\(reason) (\(period.from) to \(period.to))",
            when: .not(.dateBetween(column: column, from: period.from, to: period.to)))
    }
}

extension SampleSpec {
    /// This spec with its period resolved for fieldwork starting on `fieldworkStart`: the rule that
    /// excludes cases outside the period comes first. A spec without a period is returned as it is.
    ///
    /// - Throws: ``SpecError`` when `fieldworkStart` is not a date.
    public func resolvingPeriod(fieldworkStart: String) throws(SpecError) -> (spec: SampleSpec, period: SamplePeriod.Resolved?) {
        guard let period else { return (self, nil) }
        let resolved = try period.resolved(fieldworkStart: fieldworkStart)
        var spec = self
        spec.rules.insert(period.rule(for: resolved), at: 0)
        spec.period = nil
        return (spec, resolved)
    }
}

extension DateValue {
    /// `yyyy-mm-dd` of a day number (days since 1970-01-01), after Howard Hinnant's `civil_from_days`.
    static func iso(_ days: Int) -> String {
        let (y, m, d) = civil(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `days` moved by `months` calendar months, keeping the day of the month where the month has it
    /// and taking the month's last day where it does not.
    static func addingMonths(_ months: Int, to days: Int) -> Int {
        let (y, m, d) = civil(days)
        let index = y * 12 + (m - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        return civilDays(year, month, min(d, daysInMonth(year, month)))
    }
}
