/// The order of day, month and year in a long list's dates: `--date-order dmy|mdy|ymd`.
public enum DateOrder: String, Sendable, CaseIterable, Codable {
    /// `18/12/2026`, as the UK writes dates.
    case dmy
    /// `12/18/2026`, as the US writes dates.
    case mdy
    /// `2026/12/18`.
    case ymd

    var example: String {
        switch self {
        case .dmy: "dd/mm/yyyy"
        case .mdy: "mm/dd/yyyy"
        case .ymd: "yyyy/mm/dd"
        }
    }
}

/// Reads a long list's date columns once per column, before classification: decides each column's
/// day-month order, rewrites every distinct value as ISO `yyyy-mm-dd`, and reports what cannot be read
/// as one problem per column (with the count, the first lines and the fix), never one per row.
///
/// | Written | Read as |
/// |---|---|
/// | `2026-12-18`, `2026/12/18` (a 4-digit first part), with or without a time | year, month, day |
/// | `18/12/2026`, `18-12-2026`, `18.12.2026` | by the order: given (`--date-order`), else detected |
/// | `46374`, `46374.5` (a number from 1 to 73,050) | an Excel serial day number (1900 date system, or 1904 for a workbook that uses it) |
///
/// Detection looks at the values that can be read only one way (a first part above 12 is a day, so
/// `dmy`; a second part above 12, `mdy`). A column with both is an error naming the first line of
/// each; a column whose every such date could be read either way (every day 12 or less) is an error
/// unless the order is given, never a silent guess.
enum DateColumns {
    /// A date's parts as written.
    enum Parsed: Equatable {
        /// Year, month and day, whatever the order.
        case exact(year: Int, month: Int, day: Int)
        /// `a/b/yyyy`, order unknown.
        case dayOrMonthFirst(first: Int, second: Int, year: Int)
        /// An Excel serial number (days, fraction dropped).
        case serial(Int)
    }

    /// The parts of `text`, or nil when it is no date form at all.
    static func parse(_ text: String) -> Parsed? {
        var s = text.trimmingSpaces()
        if let cut = s.firstIndex(where: { $0 == "T" || $0 == " " }) { s = String(s[..<cut]) }
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), s.filter({ $0 == "." }).count <= 1,
           let whole = Int(s.split(separator: ".", omittingEmptySubsequences: false)[0]), (1...73_050).contains(whole) {
            return .serial(whole)
        }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false).count == 3 ? s.split(separator: "/", omittingEmptySubsequences: false)
            : s.split(separator: "-", omittingEmptySubsequences: false).count == 3 ? s.split(separator: "-", omittingEmptySubsequences: false)
            : s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        if parts[0].count == 4 { return .exact(year: a, month: b, day: c) }
        guard parts[2].count == 4 else { return nil }
        return .dayOrMonthFirst(first: a, second: b, year: c)
    }

    /// `yyyy-mm-dd` of a valid date, else nil.
    static func iso(year: Int, month: Int, day: Int) -> String? {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `yyyy-mm-dd` of an Excel serial day number, as a workbook's date cell shows it (``CellText``).
    static func iso(serial: Int, date1904: Bool) -> String? {
        guard let text = CellText.date(serial: Double(serial), system: date1904 ? .from1904 : .from1900, kind: .date),
              case .exact(let year, let month, let day)? = parse(text) else { return nil }
        return iso(year: year, month: month, day: day)
    }

    /// `yyyy-mm-dd` of `parsed` read in `order`, or nil when it is not a valid date that way.
    static func iso(_ parsed: Parsed, order: DateOrder?, date1904: Bool) -> String? {
        switch parsed {
        case .exact(let year, let month, let day): return iso(year: year, month: month, day: day)
        case .serial(let serial): return iso(serial: serial, date1904: date1904)
        case .dayOrMonthFirst(let first, let second, let year):
            switch order {
            case .dmy?: return iso(year: year, month: second, day: first)
            case .mdy?: return iso(year: year, month: first, day: second)
            case .ymd?, nil: return first == second ? iso(year: year, month: first, day: first) : nil
            }
        }
    }

    /// The outcome for one column.
    struct Outcome {
        /// The distinct values rewritten (ISO, blank, or "" for a value that cannot be read).
        var values: [ValueCount]
        /// The column's problem, if any.
        var problem: String?
        var order: DateOrder?
        /// The first line the problem is seen at.
        var line: Int? = nil
    }

    /// Reads one column's distinct values in `given` order, or the order they show.
    ///
    /// - Parameter fallback: the order the list's other date columns show, for a column whose every
    ///   date could be read either way.
    static func read(_ values: [ValueCount], given: DateOrder?, fallback: DateOrder? = nil, date1904: Bool, header: String) -> Outcome {
        let parsed = values.map { $0.count > 0 ? parse($0.value) : nil }
        func lines(_ indices: [Int]) -> String {
            let sorted = indices.map { values[$0].firstLine }.sorted()
            return (sorted.count == 1 ? "line " : "lines ") + sorted.prefix(3).map(String.init).joined(separator: ", ") + (sorted.count > 3 ? ", …" : "")
        }
        func rows(_ indices: [Int]) -> String {
            let count = indices.reduce(0) { $0 + values[$1].count }
            return count == 1 ? "1 row" : "\(count) rows"
        }
        var order = given
        var problem: String?
        if order == nil {
            var dayFirst: [Int] = [], monthFirst: [Int] = [], either: [Int] = []
            for (index, value) in parsed.enumerated() {
                guard case .dayOrMonthFirst(let a, let b, _)? = value else { continue }
                if a > 12 && b <= 12 { dayFirst.append(index) } else if b > 12 && a <= 12 { monthFirst.append(index) } else if a != b { either.append(index) }
            }
            if !dayFirst.isEmpty && !monthFirst.isEmpty {
                problem = "column \"\(header)\": its dates mix day-first (\(rows(dayFirst)), first at \(lines(dayFirst))) and month-first (\(rows(monthFirst)), first at \(lines(monthFirst))); correct them, or give --date-order dmy or --date-order mdy to read them all one way"
                return Outcome(values: values.map { ValueCount(value: "", count: $0.count, firstLine: $0.firstLine) }, problem: problem, order: nil,
                               line: (dayFirst + monthFirst).map { values[$0].firstLine }.min())
            } else if !dayFirst.isEmpty {
                order = .dmy
            } else if !monthFirst.isEmpty {
                order = .mdy
            } else if !either.isEmpty, let fallback {
                order = fallback
            } else if !either.isEmpty {
                problem = "column \"\(header)\": every date could be day/month/year or month/day/year (\(rows(either)) with a day of 12 or less, first at \(lines(either))); give --date-order dmy (dd/mm/yyyy) or --date-order mdy (mm/dd/yyyy)"
                return Outcome(values: values.map { ValueCount(value: "", count: $0.count, firstLine: $0.firstLine) }, problem: problem, order: nil,
                               line: either.map { values[$0].firstLine }.min())
            }
        }
        var unreadable: [Int] = []
        var rewritten = values
        for (index, value) in values.enumerated() where value.count > 0 && !value.value.trimmingSpaces().isEmpty {
            if let parsed = parsed[index], let iso = iso(parsed, order: order, date1904: date1904) {
                rewritten[index].value = iso
            } else {
                unreadable.append(index)
                rewritten[index].value = ""
            }
        }
        if !unreadable.isEmpty {
            var fix = "correct them (\(order?.example ?? "dd/mm/yyyy"), yyyy-mm-dd or an Excel date)"
            let other: DateOrder? = order == .dmy ? .mdy : order == .mdy ? .dmy : nil
            if let other, unreadable.allSatisfy({ parsed[$0].flatMap { iso($0, order: other, date1904: date1904) } != nil }) {
                fix = "they read as \(other.example): the day and month may be swapped; give --date-order \(other.rawValue) if the whole column is written that way"
            }
            let count = unreadable.reduce(0) { $0 + values[$1].count }
            problem = "column \"\(header)\": \(count) row\(count == 1 ? " has a date" : "s have dates") that cannot be read\(order.map { " as \($0.example)" } ?? ""), first at \(lines(unreadable)); \(fix)"
        }
        return Outcome(values: rewritten, problem: problem, order: order, line: unreadable.map { values[$0].firstLine }.min())
    }
}

extension LongList {
    /// The code of categorical column `role`'s value in each of `rows` (ascending): from the row codes
    /// when the reader kept them (``ReadOptions/rowCodeRoles``), else from the rows read again (as
    /// the reader read them: a field the row lacks is blank). Only for values not yet rewritten.
    func valueCodes(of role: String, rows: [Int]) -> [Int] {
        guard let column = categorical[role], !rows.isEmpty else { return [] }
        if column.hasRowCodes { return rows.map(column.code(of:)) }
        guard let field = columnIndex[role] else { return [] }
        var code: [String: Int] = [:]
        for (index, value) in column.values.enumerated() where code[value.value] == nil { code[value.value] = index }
        var codes: [Int] = []
        forEachRawRecord(rows: rows) { _, record in
            if let found = code[field < record.fieldCount ? record.decodedField(field) : ""] { codes.append(found) }
        }
        return codes
    }

    /// Rewrites the date columns `roles` as ISO dates (see ``DateColumns``), adding one error per column
    /// that cannot be read; returns each column's order as used.
    @discardableResult
    mutating func readDates(roles: [String], order: DateOrder?, date1904: Bool) -> [String: DateOrder] {
        var orders: [String: DateOrder] = [:]
        let invalid = invalidRows.keys.sorted()
        func values(of role: String, _ column: CategoricalColumn) -> [ValueCount] {
            // Values found only in invalid rows are refused with their rows; leave them out here.
            var values = column.values
            for code in valueCodes(of: role, rows: invalid) { values[code].count -= 1 }
            return values
        }
        // The order the columns that show one agree on, for columns whose every date reads both ways.
        var shown: Set<DateOrder> = []
        if order == nil {
            for role in roles {
                guard let column = categorical[role] else { continue }
                if let detected = DateColumns.read(values(of: role, column), given: nil, date1904: date1904, header: "").order { shown.insert(detected) }
            }
        }
        let fallback = shown.count == 1 ? shown.first : nil
        for role in roles {
            guard let column = categorical[role], let field = columnIndex[role] else { continue }
            let outcome = DateColumns.read(values(of: role, column), given: order, fallback: fallback, date1904: date1904, header: headers[field])
            var rewritten = outcome.values
            for index in rewritten.indices { rewritten[index].count = column.values[index].count }
            categorical[role] = CategoricalColumn(values: rewritten, codes: column.codes)
            if let problem = outcome.problem {
                // Located at the first line and the column; the message names the header.
                problems.append(ReadProblem(.dateFormat, file: file, line: outcome.line, column: field + 1, message: problem))
            }
            if let used = outcome.order { orders[role] = used }
        }
        return orders
    }
}
