/// How raw cell values are compared with the values a spec lists: surrounding spaces trimmed (including
/// no-break spaces), case folded.
enum ValueMatching {
    static func key(_ value: String) -> String { value.trimmingSpaces().lowercased() }
}

/// Day numbers for the date formats long lists use.
enum DateValue {
    /// Days since 1970-01-01 of `text` written as `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`
    /// or ISO `yyyy-mm-dd` (an ISO time part after `T` or a space is ignored); nil when it is none of these.
    static func days(_ text: String) -> Int? {
        var s = text.trimmingSpaces()
        if let cut = s.firstIndex(where: { $0 == "T" || $0 == " " }) { s = String(s[..<cut]) }
        let parts = s.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        let (year, month, day) = parts[0].count == 4 ? (a, b, c) : (c, b, a)
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        return civilDays(year, month, day)
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 (proleptic Gregorian), after Howard Hinnant's `days_from_civil`.
    static func civilDays(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
