/// How `casesample inspect` shows its report, as text and as JSON.
package enum InspectOutput {
    /// The long list has errors: exit 1 (the report has been printed).
    package struct NotReadable: Error, CustomStringConvertible {
        package var report: InspectReport
        package init(report: InspectReport) { self.report = report }
        package var description: String {
            let errors = report.problems.filter { $0.severity == .error }
            return "\(report.file) has \(errors.count) problem\(errors.count == 1 ? "" : "s") to fix before a draw:\n" + ReadProblem.summarise(errors)
        }
    }

    package static func text(_ report: InspectReport) -> String {
        let list = report.list
        var out = "\(report.file)\n"
        out += "  Rows: \(Format.count(list.rowCount)) (blank rows skipped: \(list.blankRowsSkipped))\n"
        out += "  Columns: \(list.headers.count)\n"
        if let sheet = report.sheet {
            out += "  Excel workbook (.xlsx), sheet \"\(sheet)\"; rows and columns as the spreadsheet numbers them\n"
        } else {
            out += "  Encoding: \(list.encoding.rawValue); delimiter: \(Delimiter.name(of: list.delimiter)); line endings: \(list.lineEndings)\n"
        }
        if list.footerRowsSkipped > 0 { out += "  Totals rows skipped at the end: \(list.footerRowsSkipped)\n" }
        if let p = report.population {
            out += "  Eligible: \(Format.count(p.eligibleCount)); excluded: \(Format.count(p.excludedCount)); invalid: \(Format.count(p.invalidCount))\n"
            for reason in p.reasons where reason.count > 0 { out += "    \(reason.code): \(Format.count(reason.count))  (\(reason.text))\n" }
        }
        out += "\nColumns:\n"
        for column in report.columns {
            let role = column.role.map { " → \($0)" } ?? ""
            out += "  \(column.index). \(column.header.isEmpty ? "(no header)" : column.header)\(role)"
            if let values = column.values {
                out += "\n"
                for value in values.sorted(by: { $0.count > $1.count }) {
                    out += "       \(Format.count(value.count).leftPadded(to: 9))  \(value.value.isEmpty ? "(blank)" : value.value)\n"
                }
            } else {
                out += "  [\(column.hiddenBecause ?? "")]\n"
            }
        }
        out += "\nProblems: \(report.problems.isEmpty ? "none" : "")\n"
        for problem in report.problems.prefix(50) { out += "  \(problem)\n" }
        if report.problems.count > 50 { out += "  … and \(report.problems.count - 50) more\n" }
        return out
    }

    package static func json(_ report: InspectReport) -> JSONValue {
        let list = report.list
        var object: [(String, JSONValue)] = [
            ("file", .string(report.file)), ("rows", .int(list.rowCount)), ("columns", .int(list.headers.count)),
            ("encoding", .string(list.encoding.rawValue)), ("delimiter", .string(Delimiter.name(of: list.delimiter))),
            ("lineEnding", .string(list.lineEndings.description)), ("blankRowsSkipped", .int(list.blankRowsSkipped)),
            ("readable", .bool(report.isReadable)),
        ]
        if let sheet = report.sheet { object.append(("sheet", .string(sheet))) }
        if list.footerRowsSkipped > 0 { object.append(("footerRowsSkipped", .int(list.footerRowsSkipped))) }
        if let p = report.population {
            object.append(("eligible", .int(p.eligibleCount)))
            object.append(("excluded", .int(p.excludedCount)))
            object.append(("invalid", .int(p.invalidCount)))
            object.append(("excludedByReason", .array(p.reasons.map { .object([("code", .string($0.code)), ("reason", .string($0.text)), ("count", .int($0.count))]) })))
        }
        object.append(("columnDetails", .array(report.columns.map { column in
            var fields: [(String, JSONValue)] = [("index", .int(column.index)), ("header", .string(column.header)),
                                                 ("role", column.role.map(JSONValue.string) ?? .null)]
            if let values = column.values {
                fields.append(("values", .array(values.map { .object([("value", .string($0.value)), ("count", .int($0.count))]) })))
            } else {
                fields.append(("values", .null))
                fields.append(("hiddenBecause", .string(column.hiddenBecause ?? "")))
            }
            return .object(fields)
        })))
        object.append(("problems", .array(report.problems.map { problem in
            .object([
                ("kind", .string(problem.kind.rawValue)), ("severity", .string(problem.severity.rawValue)),
                ("line", problem.line.map(JSONValue.int) ?? .null), ("column", problem.column.map(JSONValue.int) ?? .null),
                ("header", problem.header.map(JSONValue.string) ?? .null), ("message", .string(problem.message)),
            ])
        })))
        return .object(object)
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
