import Foundation

extension Population {
    /// Classifies every row of `list` by `spec`.
    ///
    /// - Throws: ``ClassificationError`` listing every unknown value (with its count and first line),
    ///   every blank where the spec says a blank is an error, and every unparseable date.
    public static func classify(_ list: LongList, by spec: SampleSpec) throws(ClassificationError) -> Population {
        var errors: [ReadProblem] = []
        var warnings: [String] = []
        var tables = ColumnTables()

        func header(_ role: String) -> String {
            list.columnIndex[role].map { "\"\(list.headers[$0])\"" } ?? role
        }
        func error(_ role: String, line: Int, _ message: String) {
            let column = list.columnIndex[role]
            errors.append(ReadProblem(
                .unknownValue, file: list.file, line: line, column: column.map { $0 + 1 },
                header: column.map { list.headers[$0] }, message: message))
        }

        // Per distinct value: category index, list items, day numbers. A value found only in invalid
        // rows is left out of the checks: such a row is refused anyway, and its fields may be shifted.
        let invalidRows = list.invalidRows.keys
        for column in spec.columns where list.columnIndex[column.role] != nil {
            guard let categorical = list.column(column.role) else { continue }
            var values = categorical.values
            for row in invalidRows { values[categorical.code(of: row)].count -= 1 }
            let scheme = column.scheme.flatMap { spec.schemes[$0] }
            switch column.kind {
            case .caseReference:
                continue
            case .categorical:
                guard let scheme else {
                    tables.raw[column.role] = values.map { ValueMatching.key($0.value) }
                    continue
                }
                var lookup: [String: Int] = [:]
                for (index, category) in scheme.categories.enumerated() {
                    for value in category.values + [category.code, category.label] where lookup[ValueMatching.key(value)] == nil {
                        lookup[ValueMatching.key(value)] = index
                    }
                }
                var indices: [Int] = []
                var blanks = 0
                var firstBlank = Int.max
                for value in values {
                    let key = ValueMatching.key(value.value)
                    if value.count == 0 {
                        indices.append(ColumnTables.missing)
                    } else if key.isEmpty {
                        blanks += value.count
                        firstBlank = min(firstBlank, value.firstLine)
                        indices.append(ColumnTables.missing)
                    } else if let index = lookup[key] {
                        indices.append(index)
                    } else {
                        error(column.role, line: value.firstLine, "\(value.count) row\(value.count == 1 ? " has" : "s have") a value the spec does not know (\(ValueShape.describe(value.value)), first here); the spec accepts \(scheme.categories.flatMap(\.values).map { "\"\($0)\"" }.joined(separator: ", "))")
                        indices.append(ColumnTables.missing)
                    }
                }
                var categories = scheme.categories
                if blanks > 0 {
                    switch scheme.missing {
                    case .error:
                        error(column.role, line: firstBlank, "\(blanks) row\(blanks == 1 ? " has" : "s have") no value (first here); the spec requires one")
                    case .notRecorded:
                        categories.append(.init(code: CategoryScheme.notRecordedCode, label: "Not recorded", values: []))
                        let index = categories.count - 1
                        indices = indices.map { $0 == ColumnTables.missing ? index : $0 }
                        warnings.append("column \(header(column.role)): \(blanks) row\(blanks == 1 ? " has" : "s have") no value (first at line \(firstBlank)); counted as \"Not recorded\"")
                    case .exclude:
                        break  // applied per row below
                    case .category(let code):
                        if let index = categories.firstIndex(where: { $0.code == code }) {
                            indices = indices.map { $0 == ColumnTables.missing ? index : $0 }
                        }
                    }
                }
                tables.category[column.role] = indices
                tables.categories[column.role] = categories
                tables.raw[column.role] = values.map { ValueMatching.key($0.value) }
            case .list:
                var itemLookup: [String: String] = [:]
                if let scheme {
                    for category in scheme.categories {
                        for value in category.values + [category.code, category.label] { itemLookup[ValueMatching.key(value)] = ValueMatching.key(category.code) }
                    }
                }
                tables.items[column.role] = values.map { value in
                    value.value.components(separatedBy: column.separator).map(ValueMatching.key).filter { !$0.isEmpty }
                        .map { itemLookup[$0] ?? $0 }
                }
            case .date:
                tables.days[column.role] = values.map { value in
                    if value.count == 0 || ValueMatching.key(value.value).isEmpty { return nil }
                    if let days = DateValue.days(value.value) { return days }
                    error(column.role, line: value.firstLine, "\(value.count) row\(value.count == 1 ? " has" : "s have") a date that is not dd/mm/yyyy or yyyy-mm-dd (\(ValueShape.describe(value.value)), first here)")
                    return nil
                }
            }
        }

        // Rules that can be applied, compiled to per-distinct-value tables.
        var reasons: [ExclusionReason] = []
        var compiled: [CompiledPredicate] = []
        var notApplied: [(rule: ExclusionRule, missingColumns: [String])] = []
        for rule in spec.rules {
            let missing = Array(Set(rule.when.columns.filter { list.columnIndex[$0] == nil })).sorted()
            if !missing.isEmpty {
                notApplied.append((rule, missing))
                continue
            }
            compiled.append(tables.compile(rule.when, spec: spec, list: list))
            reasons.append(ExclusionReason(code: rule.code, text: rule.reason, count: 0))
        }
        // Blank stratification values that the spec excludes.
        var missingExclusions: [(role: String, reason: Int)] = []
        for column in spec.columns {
            guard let scheme = column.scheme.flatMap({ spec.schemes[$0] }), case .exclude(let code, let text) = scheme.missing,
                  tables.category[column.role] != nil else { continue }
            let index = reasons.firstIndex { $0.code == code } ?? {
                reasons.append(ExclusionReason(code: code, text: text, count: 0))
                return reasons.count - 1
            }()
            missingExclusions.append((column.role, index))
        }

        guard errors.isEmpty else { throw ClassificationError(file: list.file, problems: errors.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }) }

        // Stratification variables and units.
        let variables = spec.stratification.map { role in
            StratificationVariable(role: role, categories: tables.categories[role] ?? [])
        }
        let strataCodes = spec.stratification.map { list.column($0)! }
        let strataTables = spec.stratification.map { tables.category[$0]! }
        let radices = variables.map(\.categories.count)
        let tier1 = list.column(spec.tier1Unit)!
        let tier2 = list.column(spec.tier2Unit)!
        var units = UnitTable(tier1: tier1, tier2: tier2)
        let missingTables = missingExclusions.map { (codes: list.column($0.role)!, table: tables.category[$0.role]!, reason: $0.reason) }

        var unitOfRow = [UInt32](repeating: 0, count: list.rowCount)
        for row in 0..<list.rowCount { unitOfRow[row] = units.provisionalIndex(row: row) }
        let classifier = RowClassifier(
            list: list, rules: compiled, missing: missingTables, strata: Array(zip(strataCodes, strataTables)), radices: radices,
            reasonCount: reasons.count)
        let (disposition, cells, reasonCounts) = classifier.classifyAllRows()
        for index in reasons.indices { reasons[index].count = reasonCounts[index] }
        units.renumber(&unitOfRow)
        return Population(
            spec: spec, list: list, variables: variables, reasons: reasons, rulesNotApplied: notApplied,
            units: units.units, warnings: warnings, disposition: disposition, cells: cells, unitOfRow: unitOfRow)
    }
}

/// Per-column lookup tables, indexed by a column's value code.
struct ColumnTables {
    static let missing = -1
    var category: [String: [Int]] = [:]
    var categories: [String: [CategoryScheme.Category]] = [:]
    var raw: [String: [String]] = [:]
    var items: [String: [[String]]] = [:]
    var days: [String: [Int?]] = [:]

    func compile(_ predicate: Predicate, spec: SampleSpec, list: LongList) -> CompiledPredicate {
        func table(_ role: String, _ test: (Int) -> Bool) -> CompiledPredicate {
            let column = list.column(role)!
            return .table(column, column.values.indices.map(test))
        }
        func matchesValue(_ role: String, _ wanted: Set<String>) -> (Int) -> Bool {
            if let indices = category[role], let cats = categories[role] {
                return { code in indices[code] >= 0 && wanted.contains(ValueMatching.key(cats[indices[code]].code)) }
            }
            if let items = items[role] { return { code in items[code].contains { wanted.contains($0) } } }
            let raw = raw[role] ?? list.column(role)!.values.map { ValueMatching.key($0.value) }
            return { code in wanted.contains(raw[code]) }
        }
        switch predicate {
        case .equals(let role, let value):
            return table(role, matchesValue(role, [ValueMatching.key(value)]))
        case .isIn(let role, let values):
            return table(role, matchesValue(role, Set(values.map(ValueMatching.key))))
        case .isEmpty(let role, let empty):
            let values = list.column(role)!.values
            return table(role) { code in
                let isBlank = items[role].map { $0[code].isEmpty } ?? ValueMatching.key(values[code].value).isEmpty
                return isBlank == empty
            }
        case .allItemsIn(let role, let wanted):
            let set = Set(wanted.map(ValueMatching.key))
            return table(role) { code in items[role]![code].allSatisfy { set.contains($0) } }
        case .anyItemIn(let role, let wanted):
            let set = Set(wanted.map(ValueMatching.key))
            return table(role) { code in items[role]![code].contains { set.contains($0) } }
        case .withinDaysAfter(let role, let other, let limit):
            return .pair(list.column(role)!, days[role]!, list.column(other)!, days[other]!, limit)
        case .dateBetween(let role, let from, let to):
            let low = from.flatMap(DateValue.days) ?? Int.min
            let high = to.flatMap(DateValue.days) ?? Int.max
            let days = days[role]!
            return table(role) { code in days[code].map { $0 >= low && $0 <= high } ?? false }
        case .all(let ps):
            return .all(ps.map { compile($0, spec: spec, list: list) })
        case .any(let ps):
            return .any(ps.map { compile($0, spec: spec, list: list) })
        case .not(let p):
            return .not(compile(p, spec: spec, list: list))
        }
    }
}
