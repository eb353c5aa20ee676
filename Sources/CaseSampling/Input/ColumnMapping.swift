import NearMatch

/// A column named on the command line for a role: `--column caseReference="Case Reference Number"`.
///
/// A mapping makes the header the role's only name (besides the role's own), and takes it away from
/// every other role, so that a header outside the spec's aliases needs no edit of the spec.
public struct ColumnMapping: Sendable, Hashable, CustomStringConvertible {
    public var role: String
    public var header: String

    public init(role: String, header: String) {
        self.role = role
        self.header = header
    }

    /// `role=header` as given to `--column` (spaces around the role and the header are dropped); nil
    /// when there is no `=`, or the role or the header is empty.
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let role = String(argument[..<equals]).trimmingSpaces()
        let header = String(argument[argument.index(after: equals)...]).trimmingSpaces()
        guard !role.isEmpty, !header.isEmpty else { return nil }
        self.init(role: role, header: header)
    }

    /// `role=header`, as `--column` takes it and `draw.json` records it.
    public var description: String { "\(role)=\(header)" }

    /// The command-line flag that gives this mapping, quoted for a shell.
    public var flag: String { "--column \(role)=\"\(header.replacingOccurrences(of: "\"", with: "\\\""))\"" }

    /// `requests` with `mappings` applied.
    ///
    /// - Throws: ``ColumnMappingError`` when a mapping names a role no request has, or a role twice.
    public static func apply(_ mappings: [ColumnMapping], to requests: [ColumnRequest]) throws(ColumnMappingError) -> [ColumnRequest] {
        let roles = requests.map(\.role)
        var seen: Set<String> = []
        for mapping in mappings {
            guard roles.contains(mapping.role) else {
                throw ColumnMappingError(
                    message: "--column names the role \"\(mapping.role)\", which the spec does not have\(EditDistance.nearest(to: mapping.role, among: roles).map { " (did you mean \"\($0)\"?)" } ?? ""); its roles are \(roles.joined(separator: ", "))")
            }
            guard seen.insert(mapping.role).inserted else {
                throw ColumnMappingError(message: "--column gives the role \"\(mapping.role)\" twice; give each role once")
            }
        }
        let mappedKeys = Set(mappings.map { HeaderName.key($0.header) })
        return requests.map { request in
            var request = request
            if let mapping = mappings.first(where: { $0.role == request.role }) {
                request.aliases = [mapping.header]
            } else {
                request.aliases = request.aliases.filter { !mappedKeys.contains(HeaderName.key($0)) }
            }
            return request
        }
    }
}

/// A `--column` that cannot be applied (a usage error).
public struct ColumnMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension LongListSource {
    /// One problem in place of the reader's one-per-role missing-column problems: the missing roles,
    /// every header that no role took with the nearest alias of a missing role, and the `--column`
    /// flags that would fix it.
    func combinedMissingColumns(_ error: LongListError, columns: [ColumnRequest], headers: [String], headerLine: Int) -> LongListError {
        let missing = error.problems.filter { $0.kind == .missingColumn }
        guard !missing.isEmpty else { return error }
        let keys = headers.map(HeaderName.key)
        var taken: Set<Int> = []
        var missingRoles: [ColumnRequest] = []
        for request in columns {
            let wanted = Set(([request.role] + request.aliases).map(HeaderName.key))
            if let match = keys.indices.first(where: { !keys[$0].isEmpty && wanted.contains(keys[$0]) }) {
                taken.insert(match)
            } else if request.isRequired {
                missingRoles.append(request)
            }
        }
        let unmatched = headers.indices.filter { !taken.contains($0) && !keys[$0].isEmpty }
        // The nearest (role, alias) of a missing role for each unmatched header.
        var nearest: [Int: (role: String, alias: String, distance: Int)] = [:]
        for field in unmatched {
            for request in missingRoles {
                for alias in request.aliases + [request.role] {
                    let key = HeaderName.key(alias)
                    let distance = Self.distance(keys[field], key)
                    // Near enough to be worth naming: at most half the shorter key's length (and at least 2).
                    guard distance <= max(2, min(keys[field].count, key.count) / 2) else { continue }
                    if distance < (nearest[field]?.distance ?? .max) { nearest[field] = (request.role, alias, distance) }
                }
            }
        }
        // A suggested header per missing role: the unmatched header nearest to it, each header used once.
        var suggestions: [ColumnMapping] = []
        var used: Set<Int> = []
        for request in missingRoles {
            let candidates = unmatched.filter { !used.contains($0) && nearest[$0]?.role == request.role }
            if let best = candidates.min(by: { nearest[$0]!.distance < nearest[$1]!.distance }) {
                used.insert(best)
                suggestions.append(ColumnMapping(role: request.role, header: headers[best]))
            }
        }
        let inSheet = rendered != nil
        func columnName(_ field: Int) -> String { inSheet ? CellReference.columnLetters(field) : String(field + 1) }
        var lines = [
            "no column for \(Self.list(missingRoles.map(\.role))); the spec looks for:"
        ]
        for request in missingRoles {
            lines.append("    \(request.role): \(request.aliases.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        if taken.isEmpty {
            // A first row that names none of the columns is probably data (no header row) or a title:
            // its cells are not quoted back, as they may be names and dates of birth.
            lines.append("  line \(headerLine) names none of the spec's columns, so its \(headers.count) cells are not quoted here: is the header row missing, or is a title row above it?")
        } else if unmatched.isEmpty {
            lines.append("  every header is taken by another role; add the missing columns to the long list")
        } else {
            lines.append("  headers no role took, with the nearest name of a missing role:")
            for field in unmatched {
                let hint = nearest[field].map { "nearest \"\($0.alias)\" (\($0.role))" } ?? "no near name"
                lines.append("    column \(columnName(field)) \"\(headers[field])\": \(hint)")
            }
        }
        if !suggestions.isEmpty && !taken.isEmpty {
            lines.append("  if these are the columns, name them on the command line: \(suggestions.map(\.flag).joined(separator: " "))")
        }
        let others = error.problems.filter { $0.kind != .missingColumn }
        let combined = ReadProblem(.missingColumn, file: name, line: headerLine, message: lines.joined(separator: "\n"))
        return LongListError(problems: [combined] + others)
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Edit distance between two header keys, counting a key that contains the other (`genderm/f`,
    /// `gender`) as near as the length difference beyond the shorter, halved.
    static func distance(_ a: String, _ b: String) -> Int {
        if !a.isEmpty && !b.isEmpty && (a.contains(b) || b.contains(a)) { return abs(a.count - b.count) / 2 }
        return EditDistance.optimalStringAlignment(a, b)
    }
}
