/// Stage two of reading: which header cell fills each requested role, and what to keep of each field.
extension LongListReader {
    /// The plan for the rows: every requested role matched to its column (each categorical one a
    /// coded slot, in request order), and the columns to profile.
    struct Plan {
        var columns: ColumnPlan
        /// Field index (0-based) of each role found.
        var columnIndex: [String: Int]
        /// The role of each coded slot.
        var slotRoles: [String]
        /// The header index of each profile slot.
        var profiledFields: [Int]
        /// The case reference's field, if requested and found.
        var keyField: Int?
    }

    /// Matches `columns` to `head`'s headers.
    ///
    /// - Throws: ``LongListError`` listing every required role with no column, and every role two
    ///   columns match.
    static func columnPlan(head: Head, file: String, columns: [ColumnRequest], options: ReadOptions) throws(LongListError) -> Plan {
        let headers = head.headers
        let keys = headers.map(HeaderName.key)
        var columnIndex: [String: Int] = [:]
        var problems: [ReadProblem] = []
        var missing: [ColumnRequest] = []
        for request in columns {
            let wanted = Set(([request.role] + request.aliases).map(HeaderName.key))
            let matches = keys.indices.filter { !keys[$0].isEmpty && wanted.contains(keys[$0]) }
            if matches.count > 1 {
                problems.append(ReadProblem(
                    .duplicateHeader, file: file, line: head.headerLine, column: matches[1] + 1, header: headers[matches[1]],
                    message: "columns \(matches.map { String($0 + 1) }.joined(separator: " and ")) both match the \(request.role) column; keep one"))
            } else if let match = matches.first {
                columnIndex[request.role] = match
            } else if request.isRequired {
                missing.append(request)
            }
        }
        if !missing.isEmpty {
            // A first row that names none of the columns is probably data (no header row) or a title:
            // its cells are not quoted back, as they may be names and dates of birth.
            let looksLikeHeader = !columnIndex.isEmpty
            let found = looksLikeHeader
                ? "headers found: \(headers.map { "\"\($0)\"" }.joined(separator: ", "))"
                : "line \(head.headerLine) names none of the spec's columns, so it is not quoted here: is the header row missing, or is a title row above it?"
            for request in missing {
                problems.append(ReadProblem(
                    .missingColumn, file: file, line: head.headerLine,
                    message: "no column for \(request.role) (looked for \(request.aliases.map { "\"\($0)\"" }.joined(separator: ", "))); \(found)"))
            }
        }
        guard problems.isEmpty else { throw LongListError(problems: problems) }

        var actions: [(field: Int, action: ColumnPlan.Action)] = []
        var slotRoles: [String] = []
        var keyField: Int?
        for request in columns {
            guard let field = columnIndex[request.role] else { continue }
            switch request.storage {
            case .caseReference:
                keyField = field
                actions.append((field, .key))
            case .categorical:
                actions.append((field, .coded(slot: slotRoles.count)))
                slotRoles.append(request.role)
            }
        }
        var profiledFields: [Int] = []
        if options.profileOtherColumns {
            let identifying = Set(options.identifyingColumns.map(HeaderName.key))
            let used = Set(columnIndex.values)
            for field in headers.indices where !used.contains(field) && !identifying.contains(keys[field]) && !keys[field].isEmpty {
                actions.append((field, .profile(slot: profiledFields.count)))
                profiledFields.append(field)
            }
        }
        actions.sort { $0.field < $1.field }
        let headerKeyHash = keyField.map { field in head.headerFields[field].withUnsafeBytes { CaseReference.hash($0) } }
        return Plan(
            columns: ColumnPlan(
                actions: actions, headers: headers, headerKeyHash: headerKeyHash, codedCount: slotRoles.count,
                profileCount: profiledFields.count),
            columnIndex: columnIndex, slotRoles: slotRoles, profiledFields: profiledFields, keyField: keyField)
    }
}
