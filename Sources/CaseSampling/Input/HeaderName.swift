/// Header matching that forgives the ways spreadsheets and people vary a column name.
///
/// Two names match when their *keys* are equal. The key keeps only letters and digits, lower-cased
/// (ASCII and Unicode case folding), so `RoSH Level`, ` rosh_level `, `RoSH-Level` and `ROSHLEVEL` all
/// have the key `roshlevel`. Spaces, underscores, punctuation, no-break and zero-width spaces are dropped.
public enum HeaderName {
    /// The comparison key of a header or alias.
    public static func key(_ name: String) -> String {
        var key = ""
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            key.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return key
    }
}

/// A column that a job needs: its role, the names it may go by, and whether the job can do without it.
public struct ColumnRequest: Sendable, Hashable {
    /// How the reader keeps a column's values.
    public enum Storage: Sendable, Hashable {
        /// The case reference: a 64-bit hash per row (FNV-1a of the trimmed, upper-cased text) for
        /// duplicate detection and permanent random numbers; the text is fetched again when written.
        case caseReference
        /// A column with few distinct values: dictionary-encoded to a small integer code per row.
        case categorical
    }

    /// The role the job knows the column by, such as `gender`.
    public var role: String
    /// Header names that fill this role; compared by ``HeaderName/key(_:)``.
    public var aliases: [String]
    public var isRequired: Bool
    public var storage: Storage

    public init(role: String, aliases: [String], isRequired: Bool = true, storage: Storage = .categorical) {
        self.role = role
        self.aliases = aliases
        self.isRequired = isRequired
        self.storage = storage
    }
}
