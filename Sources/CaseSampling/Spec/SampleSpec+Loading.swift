import Foundation

extension SampleSpec {
    /// Loads and validates a spec from JSON.
    ///
    /// The format (version 1), with every key optional unless marked:
    /// ```json
    /// { "version": 1, "name": "…" (required), "title": "…",
    ///   "columns": [ { "role": "gender" (required), "aliases": ["Gender", "Sex"] (required),
    ///                  "kind": "caseReference" | "categorical" | "list" | "date", "scheme": "gender",
    ///                  "required": true, "separator": ";" } ] (required),
    ///   "schemes": { "gender": { "categories": [ { "code": "male", "label": "Male", "values": ["M", "Male"] } ],
    ///                            "missing": "error" | "notRecorded" | { "category": "no" }
    ///                                       | { "exclude": { "code": "…", "reason": "…" } } } },
    ///   "rules": [ { "code": "yot-held", "reason": "Held by a YOT", "when": PREDICATE } ],
    ///   "stratification": ["gender", "sentenceType", "rosh"] (required; required categorical columns or derived
    ///                     variables; a column without a scheme takes the values found, such as prison names, as its categories),
    ///   "units": { "tier1": "tier1Unit", "tier2": "tier2Unit" } (required),
    ///   "responsibleOfficer": "responsibleOfficer",
    ///   "derived": [ { "role": "riskGroup", "categories": [ { "code": "female", "when": PREDICATE }, …,
    ///                                                      { "code": "otherMale" } ] } ] (see ``DerivedVariable``),
    ///   "size": 120 | { "margin": 0.05, "confidence": 0.80, "proportion": 0.5, "minimum": 20, "maximum": 80 }
    ///           | { "census": true, "confidence": 0.80 },
    ///   "substitutesPerCase": 1, "identifyingColumns": ["Surname", …],
    ///   "returnedList": { "exclusion": { "aliases": [H…] },
    ///                     "availability": { "aliases": [H…], "available": [V…], "unavailable": [V…] },
    ///                     "reasons": [ { "code": "officer-unavailable", "reason": "…" } ] } }
    /// ```
    /// A PREDICATE is `{"column": C, "equals": V}`, `{"column": C, "in": [V…]}`, `{"column": C, "empty": B}`,
    /// `{"column": C, "allItemsIn": [V…]}`, `{"column": C, "anyItemIn": [V…]}`,
    /// `{"column": C, "withinDaysAfter": {"column": D, "days": N}}`,
    /// `{"column": C, "between": {"from": "yyyy-mm-dd", "to": "yyyy-mm-dd"}}`, `{"all": [P…]}`, `{"any": [P…]}`
    /// or `{"not": P}`. Values compared with a column that has a scheme are its category codes.
    /// `returnedList` and each of its keys are optional; what is left out comes from
    /// ``ReturnedListSpec/standard`` (see ``ReturnedListSpec``).
    ///
    /// - Throws: ``SpecError`` with the JSON path of the first problem: malformed JSON, an unknown key,
    ///   a newer `version`, a reference to an undeclared column or scheme, an unknown category code.
    public static func load(bytes: [UInt8], file: String) throws(SpecError) -> SampleSpec {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            throw SpecError(file: file, path: "$", message: "not valid JSON: \(error)")
        }
        let root = JSONCursor(value: document, path: "$", file: file)
        let top = try root.object(
            allowed: ["version", "name", "title", "columns", "schemes", "rules", "stratification", "units",
                      "responsibleOfficer", "size", "substitutesPerCase", "identifyingColumns", "returnedList", "period",
                      "derived"],
            required: ["version", "name", "columns", "stratification", "units"])
        let version = try top["version"]!.int()
        guard version <= supportedVersion else {
            throw top["version"]!.fail("spec version \(version) is newer than this casesample reads (up to \(supportedVersion)); use a newer casesample")
        }
        guard version >= 1 else { throw top["version"]!.fail("version must be 1 or more") }

        let columns = try loadColumns(top["columns"]!)
        let schemes = try loadSchemes(top["schemes"], columns: columns, file: file)
        let roles = Set(columns.map(\.role))
        func checkRole(_ cursor: JSONCursor) throws(SpecError) -> String {
            let role = try cursor.string()
            guard roles.contains(role) else {
                throw cursor.fail("no column with role \"\(role)\"; declared roles: \(columns.map(\.role).joined(separator: ", "))")
            }
            return role
        }

        var rules: [ExclusionRule] = []
        for item in try top["rules"]?.array() ?? [] {
            let fields = try item.object(allowed: ["code", "reason", "when"], required: ["code", "reason", "when"])
            let code = try fields["code"]!.nonEmptyString()
            guard !rules.contains(where: { $0.code == code }) else { throw fields["code"]!.fail("rule code \"\(code)\" is used twice") }
            let predicate = try loadPredicate(fields["when"]!, columns: columns, schemes: schemes, checkRole: checkRole)
            rules.append(ExclusionRule(code: code, reason: try fields["reason"]!.nonEmptyString(), when: predicate))
        }

        var derived: [DerivedVariable] = []
        for item in try top["derived"]?.array() ?? [] {
            let variable = try loadDerived(item, columns: columns, schemes: schemes, checkRole: checkRole)
            guard !derived.contains(where: { $0.role == variable.role }) else {
                throw item.fail("derived variable \"\(variable.role)\" is declared twice")
            }
            derived.append(variable)
        }

        let stratification = try loadStratification(top["stratification"]!, columns: columns, derived: derived, checkRole: checkRole)
        let units = try top["units"]!.object(allowed: ["tier1", "tier2"], required: ["tier1", "tier2"])
        let tier1 = try checkRole(units["tier1"]!), tier2 = try checkRole(units["tier2"]!)
        for (role, cursor) in [(tier1, units["tier1"]!), (tier2, units["tier2"]!)] {
            let column = columns.first { $0.role == role }!
            guard column.kind == .categorical, column.isRequired else { throw cursor.fail("a unit column must be a required categorical column") }
        }
        let officer = try top["responsibleOfficer"].map { (c: JSONCursor) throws(SpecError) in try checkRole(c) }
        let (size, sizeBounds) = try top["size"].map { (c: JSONCursor) throws(SpecError) in try loadSize(c) } ?? (nil, nil)
        let substitutes = try top["substitutesPerCase"]?.int() ?? 1
        guard substitutes >= 0 else { throw top["substitutesPerCase"]!.fail("must be 0 or more") }

        var spec = SampleSpec(
            version: version, name: try top["name"]!.nonEmptyString(), title: try top["title"]?.string() ?? "",
            columns: columns, schemes: schemes, rules: rules, stratification: stratification,
            tier1Unit: tier1, tier2Unit: tier2, responsibleOfficer: officer, size: size,
            substitutesPerCase: substitutes,
            identifyingColumns: try top["identifyingColumns"]?.strings() ?? ReadOptions.defaultIdentifyingColumns)
        spec.derived = derived
        spec.sizeBounds = sizeBounds
        if let returned = top["returnedList"] {
            spec.returnedList = try loadReturnedList(returned, spec: spec)
        }
        if let period = top["period"] {
            spec.period = try loadPeriod(period, columns: columns, checkRole: checkRole)
            if rules.contains(where: { $0.code == spec.period!.code || (spec.period!.reserveWeeks != nil && $0.code == SamplePeriod.reserveCode) }) {
                throw period.fail("rule code \"\(spec.period!.code)\" is used by a rule too")
            }
        }
        return spec
    }

    /// `{"role": R, "categories": [{"code": C, "label": L, "when": PREDICATE}…, {"code": C, "label": L}]}`:
    /// every category but the last has a condition, the last has none; the conditions read only
    /// required columns, so that every row has a category.
    static func loadDerived(
        _ cursor: JSONCursor, columns: [ColumnSpec], schemes: [String: CategoryScheme],
        checkRole: (JSONCursor) throws(SpecError) -> String
    ) throws(SpecError) -> DerivedVariable {
        let f = try cursor.object(allowed: ["role", "categories"], required: ["role", "categories"])
        let role = try f["role"]!.nonEmptyString()
        guard !columns.contains(where: { $0.role == role }) else {
            throw f["role"]!.fail("\"\(role)\" is already a column's role; a derived variable needs a name of its own")
        }
        let items = try f["categories"]!.array()
        guard items.count >= 2 else { throw f["categories"]!.fail("list at least two categories") }
        var categories: [DerivedVariable.Category] = []
        for (index, item) in items.enumerated() {
            let g = try item.object(allowed: ["code", "label", "when"], required: ["code"])
            let code = try g["code"]!.nonEmptyString()
            guard !categories.contains(where: { $0.code == code }) else { throw g["code"]!.fail("category \"\(code)\" is declared twice") }
            let isLast = index == items.count - 1
            var predicate: Predicate?
            if let when = g["when"] {
                guard !isLast else {
                    throw when.fail("the last category has no \"when\": it takes every row the others do not, so that every row has a category")
                }
                predicate = try loadPredicate(when, columns: columns, schemes: schemes, checkRole: checkRole)
                for read in predicate!.columns {
                    guard columns.first(where: { $0.role == read })?.isRequired == true else {
                        throw when.fail("\"\(read)\" is an optional column; a derived variable reads only required columns, so that every row has a category")
                    }
                }
            } else if !isLast {
                throw item.fail("give \"when\": only the last category goes without one")
            }
            categories.append(.init(code: code, label: try g["label"]?.string() ?? code, when: predicate))
        }
        return DerivedVariable(role: role, categories: categories)
    }

    /// `{"column": C, "start": {"weeksBeforeFieldwork": N} | {"monthsBeforeFieldwork": N},
    ///   "length": {"weeks": N} | {"months": N}, "code": "outside-period", "reason": "…", "reserveWeeks": N}`.
    static func loadPeriod(
        _ cursor: JSONCursor, columns: [ColumnSpec], checkRole: (JSONCursor) throws(SpecError) -> String
    ) throws(SpecError) -> SamplePeriod {
        let f = try cursor.object(allowed: ["column", "start", "length", "code", "reason", "reserveWeeks"], required: ["column", "start", "length"])
        let role = try checkRole(f["column"]!)
        guard columns.first(where: { $0.role == role })?.kind == .date else { throw f["column"]!.fail("\"\(role)\" is not a date column") }
        func offset(_ c: JSONCursor, weeks: String, months: String) throws(SpecError) -> SamplePeriod.Offset {
            let g = try c.object(allowed: [weeks, months])
            guard g.count == 1 else { throw c.fail("give one of \"\(weeks)\" or \"\(months)\"") }
            if let w = g[weeks] {
                let n = try w.int()
                guard n >= 0 else { throw w.fail("must be 0 or more") }
                return .weeks(n)
            }
            let n = try g[months]!.int()
            guard n >= 0 else { throw g[months]!.fail("must be 0 or more") }
            return .months(n)
        }
        let length = try offset(f["length"]!, weeks: "weeks", months: "months")
        guard length != .weeks(0) && length != .months(0) else { throw f["length"]!.fail("a period lasts at least one week or month") }
        var period = SamplePeriod(
            column: role, start: try offset(f["start"]!, weeks: "weeksBeforeFieldwork", months: "monthsBeforeFieldwork"),
            length: length, code: try f["code"]?.nonEmptyString() ?? SamplePeriod.defaultCode,
            reason: try f["reason"]?.nonEmptyString() ?? "Outside the sample period")
        if let reserve = f["reserveWeeks"] {
            let weeks = try reserve.int()
            guard weeks >= 1 else { throw reserve.fail("a reserve lasts at least one week") }
            guard case .weeks(let before) = period.start, case .weeks(let lasting) = length, before - lasting >= weeks else {
                throw reserve.fail("the reserve follows a period counted in weeks and ends before fieldwork starts")
            }
            period.reserveWeeks = weeks
        }
        return period
    }

    static func loadScheme(_ cursor: JSONCursor) throws(SpecError) -> CategoryScheme {
        let fields = try cursor.object(allowed: ["categories", "missing"], required: ["categories"])
        var categories: [CategoryScheme.Category] = []
        var seen: [String: String] = [:]
        for item in try fields["categories"]!.array() {
            let f = try item.object(allowed: ["code", "label", "values"], required: ["code", "values"])
            let code = try f["code"]!.nonEmptyString()
            guard !categories.contains(where: { $0.code == code }) else { throw f["code"]!.fail("category \"\(code)\" is declared twice") }
            let values = try f["values"]!.strings()
            for value in values + [code] {
                let key = ValueMatching.key(value)
                if let other = seen[key], other != code {
                    throw f["values"]!.fail("\"\(value)\" already means \"\(other)\"; a value can mean only one category")
                }
                seen[key] = code
            }
            categories.append(.init(code: code, label: try f["label"]?.string() ?? code, values: values))
        }
        guard !categories.isEmpty else { throw fields["categories"]!.fail("list at least one category") }
        var missing = CategoryScheme.MissingPolicy.error
        if let m = fields["missing"] {
            if let name = m.value.stringValue {
                switch name {
                case "error": missing = .error
                case "notRecorded": missing = .notRecorded
                default: throw m.fail("expected \"error\", \"notRecorded\", {\"category\": …} or {\"exclude\": …}")
                }
            } else {
                let f = try m.object(allowed: ["category", "exclude"])
                if let c = f["category"] {
                    let code = try c.string()
                    guard categories.contains(where: { $0.code == code }) else { throw c.fail("no category \"\(code)\" in this scheme") }
                    missing = .category(code)
                } else if let e = f["exclude"] {
                    let g = try e.object(allowed: ["code", "reason"], required: ["code", "reason"])
                    missing = .exclude(reason: try g["code"]!.nonEmptyString(), text: try g["reason"]!.nonEmptyString())
                } else {
                    throw m.fail("expected \"category\" or \"exclude\"")
                }
            }
        }
        return CategoryScheme(categories: categories, missing: missing)
    }

    /// `columns`: each `{"role", "aliases", "kind"?, "scheme"?, "required"?, "separator"?}`, roles
    /// distinct, exactly one of kind `caseReference`.
    static func loadColumns(_ cursor: JSONCursor) throws(SpecError) -> [ColumnSpec] {
        var columns: [ColumnSpec] = []
        for item in try cursor.array() {
            let fields = try item.object(allowed: ["role", "aliases", "kind", "scheme", "required", "separator"], required: ["role", "aliases"])
            let role = try fields["role"]!.nonEmptyString()
            guard !columns.contains(where: { $0.role == role }) else { throw fields["role"]!.fail("role \"\(role)\" is declared twice") }
            var kind = ColumnSpec.Kind.categorical
            if let k = fields["kind"] {
                let name = try k.string()
                guard let parsed = ColumnSpec.Kind(rawValue: name) else {
                    throw k.fail("unknown kind \"\(name)\"; allowed: \(ColumnSpec.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kind = parsed
            }
            let aliases = try fields["aliases"]!.strings()
            guard !aliases.isEmpty else { throw fields["aliases"]!.fail("give at least one header name") }
            columns.append(ColumnSpec(
                role: role, aliases: aliases, isRequired: try fields["required"]?.bool() ?? true, kind: kind,
                scheme: try fields["scheme"]?.string(), separator: try fields["separator"]?.nonEmptyString() ?? ";"))
        }
        let caseReferences = columns.filter { $0.kind == .caseReference }
        guard caseReferences.count == 1 else {
            throw cursor.fail("exactly one column must have kind \"caseReference\" (found \(caseReferences.count))")
        }
        return columns
    }

    /// `schemes` (optional): an object of named schemes, each one every column's `scheme` may name.
    static func loadSchemes(_ cursor: JSONCursor?, columns: [ColumnSpec], file: String) throws(SpecError) -> [String: CategoryScheme] {
        var schemes: [String: CategoryScheme] = [:]
        if let cursor {
            guard let members = cursor.value.objectValue else { throw cursor.fail("expected an object") }
            for (name, value) in members {
                schemes[name] = try loadScheme(JSONCursor(value: value, path: "\(cursor.path).\(name)", file: file))
            }
        }
        for (index, column) in columns.enumerated() {
            if let scheme = column.scheme, schemes[scheme] == nil {
                throw SpecError(file: file, path: "$.columns[\(index)].scheme", message: "no scheme named \"\(scheme)\" in $.schemes")
            }
        }
        return schemes
    }

    /// `stratification`: at least one variable, each a required categorical column or a derived
    /// variable, none twice.
    static func loadStratification(
        _ cursor: JSONCursor, columns: [ColumnSpec], derived: [DerivedVariable],
        checkRole: (JSONCursor) throws(SpecError) -> String
    ) throws(SpecError) -> [String] {
        var stratification: [String] = []
        for item in try cursor.array() {
            let role = try item.string()
            if !derived.contains(where: { $0.role == role }) {
                _ = try checkRole(item)
                guard let column = columns.first(where: { $0.role == role }), column.kind == .categorical, column.isRequired else {
                    throw item.fail("a stratification variable is a required categorical column (with a scheme, or without one to take the values found as its categories) or a derived variable")
                }
            }
            guard !stratification.contains(role) else { throw item.fail("\"\(role)\" is listed twice") }
            stratification.append(role)
        }
        guard !stratification.isEmpty else { throw cursor.fail("list at least one variable") }
        return stratification
    }

    /// `size`: a whole number, `{"census": true, "confidence"}` or `{"margin", "confidence",
    /// "proportion"?, "minimum"?, "maximum"?}`.
    static func loadSize(_ s: JSONCursor) throws(SpecError) -> (SizeRule?, SizeBounds?) {
        if let n = s.value.intValue {
            guard n >= 1 else { throw s.fail("a fixed size must be at least 1") }
            return (.fixed(n), nil)
        }
        if s.value.objectValue?.contains(where: { $0.0 == "census" }) == true {
            let f = try s.object(allowed: ["census", "confidence"], required: ["census", "confidence"])
            guard try f["census"]!.bool() else { throw f["census"]!.fail("\"census\" is true, or leave it out and give a margin") }
            let confidence = try f["confidence"]!.double()
            guard confidence > 0 && confidence < 1 else { throw f["confidence"]!.fail("the confidence must be between 0 and 1, such as 0.80") }
            return (.census(confidence: confidence), nil)
        }
        let f = try s.object(allowed: ["margin", "confidence", "proportion", "minimum", "maximum"], required: ["margin", "confidence"])
        let minimum = try f["minimum"]?.int(), maximum = try f["maximum"]?.int()
        if let minimum, minimum < 1 { throw f["minimum"]!.fail("the minimum must be at least 1") }
        if let minimum, let maximum, maximum < minimum { throw f["maximum"]!.fail("the maximum \(maximum) is below the minimum \(minimum)") }
        if let maximum, maximum < 1 { throw f["maximum"]!.fail("the maximum must be at least 1") }
        let bounds = minimum != nil || maximum != nil ? SizeBounds(minimum: minimum, maximum: maximum) : nil
        let margin = try f["margin"]!.double(), confidence = try f["confidence"]!.double()
        let proportion = try f["proportion"]?.double() ?? 0.5
        guard margin > 0 && margin < 1 else { throw f["margin"]!.fail("the margin must be between 0 and 1, such as 0.05") }
        guard confidence > 0 && confidence < 1 else { throw f["confidence"]!.fail("the confidence must be between 0 and 1, such as 0.80") }
        guard proportion > 0 && proportion < 1 else { throw f["proportion"]!.fail("the proportion must be between 0 and 1") }
        return (.marginOfError(margin: margin, confidence: confidence, proportion: proportion), bounds)
    }

    static func loadPredicate(
        _ cursor: JSONCursor, columns: [ColumnSpec], schemes: [String: CategoryScheme],
        checkRole: (JSONCursor) throws(SpecError) -> String
    ) throws(SpecError) -> Predicate {
        let f = try cursor.object(allowed: ["column", "equals", "in", "empty", "allItemsIn", "anyItemIn", "withinDaysAfter", "between", "all", "any", "not"])
        func sub(_ c: JSONCursor) throws(SpecError) -> Predicate {
            try loadPredicate(c, columns: columns, schemes: schemes, checkRole: checkRole)
        }
        if let all = f["all"] {
            guard f.count == 1 else { throw cursor.fail("\"all\" stands alone in its object") }
            var ps: [Predicate] = []
            for item in try all.array() { ps.append(try sub(item)) }
            return .all(ps)
        }
        if let any = f["any"] {
            guard f.count == 1 else { throw cursor.fail("\"any\" stands alone in its object") }
            var ps: [Predicate] = []
            for item in try any.array() { ps.append(try sub(item)) }
            return .any(ps)
        }
        if let not = f["not"] {
            guard f.count == 1 else { throw cursor.fail("\"not\" stands alone in its object") }
            return .not(try sub(not))
        }
        guard let columnCursor = f["column"] else { throw cursor.fail("a condition needs \"column\" (or is \"all\", \"any\" or \"not\")") }
        let role = try checkRole(columnCursor)
        let column = columns.first { $0.role == role }!
        let tests = f.keys.filter { $0 != "column" }
        guard tests.count == 1, let test = tests.first, let value = f[test] else {
            throw cursor.fail("a condition has exactly one test: equals, in, empty, allItemsIn, anyItemIn, withinDaysAfter or between")
        }
        // Values compared with a scheme must be its category codes.
        func checkCodes(_ codes: [String], _ at: JSONCursor) throws(SpecError) {
            guard let scheme = column.scheme.flatMap({ schemes[$0] }) else { return }
            var known = scheme.categories.map(\.code)
            if scheme.missing == .notRecorded { known.append(CategoryScheme.notRecordedCode) }
            for code in codes where !known.contains(code) && column.kind != .list {
                throw at.fail("\"\(code)\" is not a category of scheme \"\(column.scheme!)\"; categories: \(known.joined(separator: ", "))")
            }
        }
        func requireKind(_ kinds: [ColumnSpec.Kind]) throws(SpecError) {
            guard kinds.contains(column.kind) else { throw value.fail("\"\(test)\" needs a \(kinds.map(\.rawValue).joined(separator: " or ")) column; \"\(role)\" is \(column.kind.rawValue)") }
        }
        switch test {
        case "equals":
            let v = try value.string()
            try checkCodes([v], value)
            return .equals(column: role, value: v)
        case "in":
            let vs = try value.strings()
            try checkCodes(vs, value)
            return .isIn(column: role, values: vs)
        case "empty":
            return .isEmpty(column: role, try value.bool())
        case "allItemsIn":
            try requireKind([.list])
            return .allItemsIn(column: role, items: try value.strings())
        case "anyItemIn":
            try requireKind([.list])
            return .anyItemIn(column: role, items: try value.strings())
        case "withinDaysAfter":
            try requireKind([.date])
            let g = try value.object(allowed: ["column", "days"], required: ["column", "days"])
            let other = try checkRole(g["column"]!)
            guard columns.first(where: { $0.role == other })?.kind == .date else { throw g["column"]!.fail("\"\(other)\" is not a date column") }
            let days = try g["days"]!.int()
            guard days >= 0 else { throw g["days"]!.fail("days must be 0 or more") }
            return .withinDaysAfter(column: role, other: other, days: days)
        case "between":
            try requireKind([.date])
            let g = try value.object(allowed: ["from", "to"])
            let from = try g["from"]?.string(), to = try g["to"]?.string()
            for (text, c) in [(from, g["from"]), (to, g["to"])] {
                if let text, DateValue.days(text) == nil { throw c!.fail("expected a date as yyyy-mm-dd") }
            }
            return .dateBetween(column: role, from: from, to: to)
        default:
            throw value.fail("unknown test")
        }
    }
}
