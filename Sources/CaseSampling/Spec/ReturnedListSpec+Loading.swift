extension SampleSpec {
    /// Loads a spec's `returnedList` object (see ``ReturnedListSpec``) against the rest of the spec.
    ///
    /// - Throws: ``SpecError`` at the JSON path of the first problem: an unknown key, an empty list of
    ///   header names, a header name that another column of the spec already answers to, a value that
    ///   means both available and unavailable, or a reason whose code or text could be mistaken for
    ///   another reason's.
    static func loadReturnedList(_ cursor: JSONCursor, spec: SampleSpec) throws(SpecError) -> ReturnedListSpec {
        let standard = ReturnedListSpec.standard
        var result = standard
        let fields = try cursor.object(allowed: ["exclusion", "availability", "reasons"])

        func headerNames(_ list: JSONCursor) throws(SpecError) -> [String] {
            let names = try list.strings()
            guard !names.isEmpty else { throw list.fail("give at least one header name") }
            return names
        }
        if let exclusion = fields["exclusion"] {
            let f = try exclusion.object(allowed: ["aliases"], required: ["aliases"])
            result.exclusionAliases = try headerNames(f["aliases"]!)
        }
        if let availability = fields["availability"] {
            let f = try availability.object(allowed: ["aliases", "available", "unavailable"])
            if let aliases = f["aliases"] { result.availabilityAliases = try headerNames(aliases) }
            if let values = f["available"] { result.availableValues = try values.strings() }
            if let values = f["unavailable"] {
                result.unavailableValues = try values.strings()
                let available = Set(result.availableValues.map(ValueMatching.key))
                if let both = result.unavailableValues.first(where: { available.contains(ValueMatching.key($0)) }) {
                    throw values.fail("\"\(both)\" is also listed as meaning available; a value can mean only one")
                }
            }
        }

        // Header names must not answer to two columns.
        var owner: [String: String] = [:]
        for column in spec.columns {
            for name in [column.role] + column.aliases { owner[HeaderName.key(name)] = "the \(column.role) column" }
        }
        let headerLists: [(String, [String], String)] = [
            ("exclusion", result.exclusionAliases, "the exclusion column"),
            ("availability", result.availabilityAliases, "the availability column"),
        ]
        for (key, names, role) in headerLists {
            for name in names {
                if let other = owner[HeaderName.key(name)], other != role {
                    let at = fields[key].map { JSONCursor(value: $0.value, path: "\($0.path).aliases", file: $0.file) } ?? cursor
                    throw at.fail("\"\(name)\" already names \(other); a header can name only one column")
                }
                owner[HeaderName.key(name)] = role
            }
        }

        if let reasons = fields["reasons"] {
            var extra: [ExclusionReasonText] = []
            var known = spec.exclusionReasons.filter { reason in !standard.extraReasons.contains(reason) }
            for item in try reasons.array() {
                let f = try item.object(allowed: ["code", "reason"], required: ["code", "reason"])
                let reason = ExclusionReasonText(code: try f["code"]!.nonEmptyString(), text: try f["reason"]!.nonEmptyString())
                for other in known {
                    let keys = Set([HeaderName.key(other.code), HeaderName.key(other.text)])
                    if other.code == reason.code || keys.contains(HeaderName.key(reason.code)) || keys.contains(HeaderName.key(reason.text)) {
                        throw item.fail("\"\(reason.code)\" could be mistaken for the reason \"\(other.code)\" (codes and texts are matched ignoring case, spaces and punctuation)")
                    }
                }
                known.append(reason)
                extra.append(reason)
            }
            result.extraReasons = extra
        }
        return result
    }
}
