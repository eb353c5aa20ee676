/// Every date from 1 January 1930 to 31 December 2029, numbered from 0, with its `dd/mm/yyyy`
/// text ready to copy into a row.
///
/// Built by walking the Gregorian calendar a day at a time, so there is no date arithmetic in the
/// row loop: a date is a day number, and writing it copies 10 bytes. Day 0 is 01/01/1930; day 365
/// is 01/01/1931.
struct CalendarTable {
    static let firstYear = 1930
    static let lastYear = 2029
    static let textLength = 10

    /// `textLength` bytes per day, day after day.
    private(set) var text: [UInt8] = []

    init() {
        text.reserveCapacity(37_000 * Self.textLength)
        for year in Self.firstYear...Self.lastYear {
            for month in 1...12 {
                for day in 1...Self.daysIn(month: month, year: year) {
                    Self.appendTwoDigits(day, to: &text)
                    text.append(UInt8(ascii: "/"))
                    Self.appendTwoDigits(month, to: &text)
                    text.append(UInt8(ascii: "/"))
                    Self.appendTwoDigits(year / 100, to: &text)
                    Self.appendTwoDigits(year % 100, to: &text)
                }
            }
        }
    }

    /// The number of days in the table.
    var dayCount: Int { text.count / Self.textLength }

    /// The day number of a date in the table.
    func dayNumber(year: Int, month: Int, day: Int) -> Int {
        precondition((Self.firstYear...Self.lastYear).contains(year), "year outside the table")
        precondition((1...12).contains(month), "month outside 1...12")
        precondition((1...Self.daysIn(month: month, year: year)).contains(day), "no such day")
        var number = day - 1
        for earlierYear in Self.firstYear..<year { number += Self.isLeap(earlierYear) ? 366 : 365 }
        for earlierMonth in 1..<month { number += Self.daysIn(month: earlierMonth, year: year) }
        return number
    }

    /// Gregorian rule: every fourth year, except centuries not divisible by 400.
    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(.zero + UInt8(value / 10))
        bytes.append(.zero + UInt8(value % 10))
    }
}
