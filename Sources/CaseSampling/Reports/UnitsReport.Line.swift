extension UnitsReport {
    /// One line of the units summary: a tier-2 unit, the rows whose unit could not be read, a tier-1
    /// subtotal or the grand total, with its counts.
    ///
    /// The counts partition the line's rows: `rows == invalid + excluded + eligible`, and
    /// ``excludedByReason`` sums to ``excluded``. The eligible mix counts each eligible case once per
    /// stratification variable, so each variable's counts sum to ``eligible``.
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// A tier-2 unit within a tier-1 unit.
            case unit
            /// Invalid rows whose unit columns cannot be trusted (see ``UnitsReport``).
            case unknownUnit
            /// All tier-2 units of one tier-1 unit.
            case subtotal
            /// Every row read.
            case total
        }

        public var kind: Kind
        /// The tier-1 unit as written, spaces trimmed (`""` when blank); `""` for the unknown unit and the total.
        public var tier1: String
        /// The tier-2 unit as written, spaces trimmed (`""` when blank); `""` unless ``kind`` is `.unit`.
        public var tier2: String
        /// Rows read: invalid, excluded and eligible.
        public var rows = 0
        public var invalid = 0
        /// Excluded rows by reason, indexed like ``UnitsReport/reasons``.
        public var excludedByReason: [Int]
        public var eligible = 0
        /// Eligible cases by stratification variable and category, indexed like ``UnitsReport/variables``.
        public var eligibleByCategory: [[Int]]

        /// An empty line for `reasons` exclusion reasons and variables with `categoryCounts` categories.
        init(kind: Kind, tier1: String = "", tier2: String = "", reasonCount: Int, categoryCounts: [Int]) {
            self.kind = kind
            self.tier1 = tier1
            self.tier2 = tier2
            excludedByReason = Array(repeating: 0, count: reasonCount)
            eligibleByCategory = categoryCounts.map { Array(repeating: 0, count: $0) }
        }

        /// Excluded rows, all reasons.
        public var excluded: Int { excludedByReason.reduce(0, +) }

        /// The share of the line's eligible cases in a category: a fraction from 0 to 1, or nil when
        /// the line has no eligible case.
        public func share(variable: Int, category: Int) -> Double? {
            eligible == 0 ? nil : Double(eligibleByCategory[variable][category]) / Double(eligible)
        }

        /// Adds another line's counts to this one.
        mutating func add(_ other: Line) {
            rows += other.rows
            invalid += other.invalid
            eligible += other.eligible
            for r in excludedByReason.indices { excludedByReason[r] += other.excludedByReason[r] }
            for v in eligibleByCategory.indices {
                for c in eligibleByCategory[v].indices { eligibleByCategory[v][c] += other.eligibleByCategory[v][c] }
            }
        }
    }
}
