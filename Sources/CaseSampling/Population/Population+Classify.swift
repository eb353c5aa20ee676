import Foundation

extension Population {
    /// The roles whose per-row codes ``classify(_:by:)`` and a draw read, given the roles a long list's
    /// header has: the units and the responsible officer, the columns of every rule that applies (all
    /// its columns are there), the stratification columns or the columns of a derived variable's
    /// conditions, and the columns whose blanks exclude a row. A draw reads the rest (a date that only
    /// a rule the list cannot apply uses) for their distinct values alone (``ReadOptions/rowCodeRoles``).
    public static func rowCodeRoles(of spec: SampleSpec, found: Set<String>) -> Set<String> {
        var roles: Set<String> = [spec.tier1Unit, spec.tier2Unit]
        if let officer = spec.responsibleOfficer { roles.insert(officer) }
        for rule in spec.rules where rule.when.columns.allSatisfy(found.contains) { roles.formUnion(rule.when.columns) }
        for role in spec.stratification {
            guard let derived = spec.derivedVariable(role) else {
                roles.insert(role)
                continue
            }
            roles.formUnion(derived.columns)
        }
        for column in spec.columns {
            if let scheme = column.scheme.flatMap({ spec.schemes[$0] }), case .exclude = scheme.missing { roles.insert(column.role) }
        }
        return roles
    }

    /// Classifies every row of `list` by `spec`, in three stages: each column's distinct values are
    /// checked and turned into lookup tables (`ValueTablesStage`), the spec's rules are compiled over
    /// those tables (`CompiledRules`), and then every row is classified at once (`assemble`).
    ///
    /// - Throws: ``ClassificationError`` listing every unknown value (with its count and first line),
    ///   every blank where the spec says a blank is an error, and every unparseable date.
    public static func classify(_ list: LongList, by spec: SampleSpec) throws(ClassificationError) -> Population {
        try classify(list, by: spec, keepingRowCodesOf: nil)
    }

    /// ``classify(_:by:)``, which may free row codes on the way: with `kept`, every other column's row
    /// codes are released as soon as the rows are classified, before the per-row unit indices are made,
    /// and the units' codes once those are made; the population's list keeps only `kept`'s. Pass the
    /// list with `consume`, so that the release frees the memory (at 10 million rows the codes are
    /// about 140 MB, and the classification adds 70 MB of its own).
    static func classify(
        _ list: consuming LongList, by spec: SampleSpec, keepingRowCodesOf kept: Set<String>?
    ) throws(ClassificationError) -> Population {
        let (tables, warnings) = try checkedTables(list, by: spec)
        let rows = classifyRows(list, by: spec, tables: tables)
        if let kept { list.releaseRowCodes(keeping: kept.union([spec.tier1Unit, spec.tier2Unit])) }
        let (units, unitOfRow) = unitsOfRows(list, by: spec)
        if let kept { list.releaseRowCodes(keeping: kept) }
        var population = Population(
            spec: spec, list: list, variables: rows.variables, reasons: rows.reasons, rulesNotApplied: rows.notApplied,
            units: units, warnings: warnings, disposition: rows.disposition, cells: rows.cells, unitOfRow: unitOfRow)
        population.substituteOnly = rows.substituteOnly
        return population
    }

    /// Stages one and two's checks: the per-value tables, or every problem with the values.
    private static func checkedTables(_ list: LongList, by spec: SampleSpec) throws(ClassificationError) -> (ColumnTables, [String]) {
        var values = ValueTablesStage(list: list, spec: spec)
        values.readColumns()
        guard values.errors.isEmpty else {
            throw ClassificationError(file: list.file, problems: values.errors.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
        }
        return (values.tables, values.warnings)
    }

    /// The units (sorted) and each row's unit index.
    private static func unitsOfRows(_ list: LongList, by spec: SampleSpec) -> ([Unit], [UInt32]) {
        var units = UnitTable(tier1: list.column(spec.tier1Unit)!, tier2: list.column(spec.tier2Unit)!)
        var unitOfRow = [UInt32](repeating: 0, count: list.rowCount)
        for row in 0..<list.rowCount { unitOfRow[row] = units.provisionalIndex(row: row) }
        units.renumber(&unitOfRow)
        return (units.units, unitOfRow)
    }

    /// What stage three gives: the stratification variables, and every row's disposition and cell.
    private struct ClassifiedRows {
        var variables: [StratificationVariable]
        var reasons: [ExclusionReason]
        var notApplied: [(rule: ExclusionRule, missingColumns: [String])]
        var disposition: [UInt8]
        var cells: [UInt16]
        var substituteOnly: UInt8?
    }

    /// Stage three: the rules compiled over the tables (stage two), the stratification variables, and
    /// every row's disposition and cell. Everything here that refers to row codes is gone on return.
    private static func classifyRows(_ list: LongList, by spec: SampleSpec, tables: ColumnTables) -> ClassifiedRows {
        let rules = CompiledRules(list: list, spec: spec, tables: tables)
        var reasons = rules.reasons
        let compiled = rules.compiled, notApplied = rules.notApplied, missingExclusions = rules.missingExclusions
        let variables = spec.stratification.map { role in
            StratificationVariable(
                role: role, categories: spec.derivedVariable(role).map { $0.categories.map(\.category) } ?? tables.categories[role] ?? [])
        }
        let strata = spec.stratification.map { role -> RowClassifier.Stratum in
            guard let derived = spec.derivedVariable(role) else { return .column(list.column(role)!, tables.category[role]!) }
            return .derived(derived.categories.map { $0.when.map { tables.compile($0, spec: spec, list: list) } })
        }
        let radices = variables.map(\.categories.count)
        let missingTables = missingExclusions.map { (codes: list.column($0.role)!, table: tables.category[$0.role]!, reason: $0.reason) }
        let substituteOnly = spec.rules.filter(\.listsAsSubstitutes).first
            .flatMap { rule in reasons.firstIndex { $0.code == rule.code } }.map { UInt8($0 + 1) }
        let classifier = RowClassifier(
            list: list, rules: compiled, missing: missingTables, strata: strata, radices: radices,
            reasonCount: reasons.count, substituteOnly: substituteOnly)
        let (disposition, cells, reasonCounts) = classifier.classifyAllRows()
        for index in reasons.indices { reasons[index].count = reasonCounts[index] }
        return ClassifiedRows(
            variables: variables, reasons: reasons, notApplied: notApplied, disposition: disposition, cells: cells,
            substituteOnly: substituteOnly)
    }
}

/// Stage one of classifying: each column's distinct values checked against the spec and turned into
/// per-value tables, with the problems and warnings they give. A value found only in invalid rows is
/// left out of the checks: such a row is refused anyway, and its fields may be shifted.
private struct ValueTablesStage {
    let list: LongList
    let spec: SampleSpec
    var tables = ColumnTables()
    var errors: [ReadProblem] = []
    var warnings: [String] = []

    init(list: LongList, spec: SampleSpec) {
        self.list = list
        self.spec = spec
    }

    func header(_ role: String) -> String {
        list.columnIndex[role].map { "\"\(list.headers[$0])\"" } ?? role
    }

    mutating func error(_ role: String, line: Int, _ message: String) {
        let column = list.columnIndex[role]
        errors.append(ReadProblem(
            .unknownValue, file: list.file, line: line, column: column.map { $0 + 1 },
            header: column.map { list.headers[$0] }, message: message))
    }

    /// Per distinct value: category index, list items, day numbers.
    mutating func readColumns() {
        let list = self.list, spec = self.spec
        let invalidRows = list.invalidRows.keys
        for column in spec.columns where list.columnIndex[column.role] != nil {
            guard let categorical = list.column(column.role) else { continue }
            var values = categorical.values
            // A column read without row codes (``Population/rowCodeRoles(of:found:)``) is one the rows are
            // not classified by; its values in invalid rows count (a draw refuses such a list earlier).
            if categorical.hasRowCodes {
                for row in invalidRows { values[categorical.code(of: row)].count -= 1 }
            }
            let scheme = column.scheme.flatMap { spec.schemes[$0] }
            switch column.kind {
            case .caseReference:
                continue
            case .categorical:
                guard let scheme else {
                    tables.raw[column.role] = values.map { ValueMatching.key($0.value) }
                    if spec.stratification.contains(column.role) {
                        var blank: (line: Int, count: Int)?
                        tables.openCategories(column.role, values: values) { blank = ($0, $1) }
                        if let (line, count) = blank {
                            error(column.role, line: line, "\(count) row\(count == 1 ? " has" : "s have") no value (first here); the spec stratifies by this column, so it requires one")
                        }
                    }
                    continue
                }
                readCategorical(column, values: values, scheme: scheme)
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
    }

    /// A categorical column with a scheme: each distinct value's category, blanks as the scheme says.
    private mutating func readCategorical(_ column: ColumnSpec, values: [ValueCount], scheme: CategoryScheme) {
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
                break  // applied per row (CompiledRules.missingExclusions)
            case .category(let code):
                if let index = categories.firstIndex(where: { $0.code == code }) {
                    indices = indices.map { $0 == ColumnTables.missing ? index : $0 }
                }
            }
        }
        tables.category[column.role] = indices
        tables.categories[column.role] = categories
        tables.raw[column.role] = values.map { ValueMatching.key($0.value) }
    }
}

/// Stage two of classifying: the rules whose columns the list has, compiled to per-distinct-value
/// tables, in the spec's order; the rules it cannot apply, with their missing columns; and the
/// stratification columns whose blanks the spec excludes, with the reason each counts under.
private struct CompiledRules {
    var reasons: [ExclusionReason] = []
    var compiled: [CompiledPredicate] = []
    var notApplied: [(rule: ExclusionRule, missingColumns: [String])] = []
    var missingExclusions: [(role: String, reason: Int)] = []

    init(list: LongList, spec: SampleSpec, tables: ColumnTables) {
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
        for column in spec.columns {
            guard let scheme = column.scheme.flatMap({ spec.schemes[$0] }), case .exclude(let code, let text) = scheme.missing,
                  tables.category[column.role] != nil else { continue }
            let index = reasons.firstIndex { $0.code == code } ?? {
                reasons.append(ExclusionReason(code: code, text: text, count: 0))
                return reasons.count - 1
            }()
            missingExclusions.append((column.role, index))
        }
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

    /// Categories for a stratification column without a scheme: the values found (ignoring case and
    /// surrounding spaces), sorted, each labelled with its first spelling; a blank is reported
    /// through `blank` (its first line and count).
    mutating func openCategories(_ role: String, values: [ValueCount], blank: (Int, Int) -> Void) {
        var firstSpelling: [String: String] = [:]
        var blanks = 0, firstBlank = Int.max
        for value in values where value.count > 0 {
            let key = ValueMatching.key(value.value)
            if key.isEmpty {
                blanks += value.count
                firstBlank = min(firstBlank, value.firstLine)
            } else if firstSpelling[key] == nil {
                firstSpelling[key] = value.value.trimmingSpaces()
            }
        }
        if blanks > 0 { blank(firstBlank, blanks) }
        let keys = firstSpelling.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        categories[role] = keys.map { CategoryScheme.Category(code: firstSpelling[$0]!, label: firstSpelling[$0]!, values: []) }
        category[role] = values.map { index[ValueMatching.key($0.value)] ?? Self.missing }
    }

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
