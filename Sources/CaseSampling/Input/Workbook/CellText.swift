import Foundation

/// How the workbook reader turns stored cell values into the text a CSV export of the sheet would hold.
///
/// ```swift
/// CellText.number(42)                          // "42"
/// CellText.number(0.1 + 0.2)                   // "0.3"   (15 significant digits, as Excel keeps)
/// CellText.number(1e20)                        // "1E+20"
/// CellText.date(serial: 45_306, system: .from1900, kind: .date)       // "2024-01-15"
/// CellText.date(serial: 45_306.5, system: .from1900, kind: .date)     // "2024-01-15 12:00:00"
/// CellText.date(serial: 0.75, system: .from1900, kind: .time)         // "18:00:00"
/// ```
///
/// ### Numbers
///
/// Integers below 10¹⁵ in magnitude are written in full without a decimal point (`42`, not `42.0`).
/// Other numbers are rounded to 15 significant digits, the precision Excel displays, and written as
/// C's `%.15g` writes them: plain decimals from 10⁻⁴ up to 10¹⁵, scientific notation beyond
/// (`1E+20`, `1E-07`, with Excel's capital E). Negative zero is `0`. The number formats of cells are
/// not applied (a cell shown as `5.00%` or `£3.50` gives `0.05` or `3.5`), except to tell dates and
/// times from other numbers.
///
/// ### Dates and times
///
/// A number whose cell has a date or time format (see ``CellStyles``) is a serial date: whole days
/// since the workbook's epoch plus a fraction of a day. In the 1900 date system serial 1 is 1900-01-01
/// and serial 60 is 1900-02-29, the day that never was, which Excel keeps for compatibility with Lotus
/// 1-2-3 (so serial 61 is 1900-03-01, and serials from 61 on count days since 1899-12-30). In the 1904
/// system (`<workbookPr date1904="1"/>`, from old Mac Excel) serial 0 is 1904-01-01. A date is written
/// `yyyy-mm-dd`, with ` hh:mm:ss` after it when the time of day, rounded to the second, is not midnight.
/// A time format without a date (`h:mm`, `[h]:mm:ss`) gives `hh:mm:ss`, hours counting past 24 for
/// durations. Serial 0 with a date format is `1900-01-00` in the 1900 system, as Excel shows it.
/// Serials below 0 or after 9999-12-31 are not dates in Excel and are written as numbers.
enum CellText {
    /// The workbook's date system (ECMA-376 Part 1 §18.17.4.1).
    enum DateSystem: Sendable, Equatable {
        case from1900
        case from1904
    }

    /// What a cell's number format makes of its number.
    enum NumberKind: Sendable, Equatable {
        case number
        /// A date, possibly with a time of day.
        case date
        /// A time of day or a duration, without a date.
        case time
    }

    /// `value` as a CSV export would write it (see the type's discussion).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "#NUM!" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let text = String(format: "%.15g", value)
        guard let exponent = text.firstIndex(of: "e") else { return text }
        return text[..<exponent] + "E" + text[text.index(after: exponent)...]
    }

    /// The serial `serial` written as a date, date and time, or time (see the type's discussion); nil
    /// when it is outside the dates Excel shows (negative, or after 9999-12-31).
    static func date(serial: Double, system: DateSystem, kind: NumberKind) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if kind == .time {
            let total = days * 86_400 + seconds
            return twoDigits(total / 3600) + ":" + twoDigits(total / 60 % 60) + ":" + twoDigits(total % 60)
        }
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        var text: String
        switch system {
        case .from1900 where days == 60:
            text = "1900-02-29"
        case .from1900 where days == 0:
            text = "1900-01-00"
        case .from1900:
            // Serials 1…59 count from 1899-12-31, later ones from 1899-12-30 (past the phantom 1900-02-29).
            text = civilDate(daysSince1970: days - (days < 60 ? 25_568 : 25_569))
        case .from1904:
            text = civilDate(daysSince1970: days - 24_107)
        }
        if seconds != 0 {
            text += " " + twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60)
        }
        return text
    }

    /// `yyyy-mm-dd` for a count of days since 1970-01-01, in the proleptic Gregorian calendar
    /// (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970: Int) -> String {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(year) + "-" + twoDigits(month) + "-" + twoDigits(day)
    }

    /// An ISO 8601 date of a `t="d"` cell (`2024-01-15T12:30:00Z`) written as the reader writes dates:
    /// `2024-01-15`, or `2024-01-15 12:30:00` with a time that is not midnight. Other text is kept.
    static func isoDate(_ text: String) -> String {
        var value = Substring(text)
        if let cut = value.firstIndex(where: { $0 == "." || $0 == "Z" || $0 == "+" }) { value = value[..<cut] }
        let parts = value.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return String(value) }
        if parts[1] == "00:00:00" || parts[1] == "00:00" { return String(parts[0]) }
        if parts[0].isEmpty { return String(parts[1]) }
        return parts[0] + " " + parts[1]
    }

    /// Text with OOXML's escapes for characters XML cannot hold decoded: `_x000D_` is a carriage return,
    /// `_x005F_` an underscore (ECMA-376 Part 1 §22.9.2.19, ST_Xstring). A sequence that is not a valid
    /// escape (or names a surrogate) is kept as it is.
    static func decodingEscapes(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "_"), bytes.endIndex - index >= 7, bytes[index + 1] == UInt8(ascii: "x"),
                bytes[index + 6] == UInt8(ascii: "_"), let value = hexValue(bytes[(index + 2)..<(index + 6)]),
                let scalar = Unicode.Scalar(value)
            {
                output.append(contentsOf: UTF8.encode(scalar)!)
                index += 7
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output[...]
    }

    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
