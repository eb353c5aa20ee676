/// The long list classified by a spec: every row eligible, excluded (with its reason) or invalid (with
/// its problem), and each eligible row's stratification cell and unit.
///
/// Values are classified once per distinct value; the per-row pass only looks codes up in tables.
public struct Population: Sendable {
    public let spec: SampleSpec
    public internal(set) var list: LongList
    /// Stratification variables in priority order, with the categories found or declared.
    public let variables: [StratificationVariable]
    /// Exclusion reasons in the order tried: the spec's rules that could be applied, then exclusions
    /// for missing values.
    public let reasons: [ExclusionReason]
    /// Rules not applied because the long list lacks a column they need.
    public let rulesNotApplied: [(rule: ExclusionRule, missingColumns: [String])]
    /// Units (tier-1, tier-2), names compared ignoring case and surrounding spaces, sorted by name.
    public let units: [Unit]
    /// Notes for people, such as a "not recorded" category in use.
    public let warnings: [String]
    /// Indices into ``units`` of the units the sample is drawn from, ascending; nil for all units.
    public internal(set) var selectedUnits: [Int]? = nil

    /// Per row: ``Population/eligible``, ``Population/invalid``, or 1 + the index of its reason.
    let disposition: [UInt8]
    /// Per row: the cross-cell index (mixed radix over ``variables``, first variable most significant).
    let cells: [UInt16]
    /// Per row: the unit index.
    let unitOfRow: [UInt32]

    static let eligible: UInt8 = 0
    static let invalid: UInt8 = 255

    public var rowCount: Int { disposition.count }
    public var eligibleCount: Int { disposition.lazy.filter { $0 == Population.eligible }.count }
    public var invalidCount: Int { list.invalidRowCount }
    public var excludedCount: Int { reasons.reduce(0) { $0 + $1.count } }

    /// Frees the per-row codes of every column but the responsible officer's: once rows are classified,
    /// the draw reads no other (at 10 million rows they are about 150 MB).
    mutating func releaseRowCodes() {
        list.releaseRowCodes(keeping: Set(spec.responsibleOfficer.map { [$0] } ?? []))
    }

    /// Whether `row` is eligible.
    public func isEligible(_ row: Int) -> Bool { disposition[row] == Population.eligible }

    /// The exclusion reason of `row`, if it was excluded.
    public func exclusionReason(of row: Int) -> ExclusionReason? {
        let d = disposition[row]
        return d == Population.eligible || d == Population.invalid ? nil : reasons[Int(d) - 1]
    }

    /// The cross-cell of an eligible row.
    public func cell(of row: Int) -> Int { Int(cells[row]) }

    /// The unit of a row.
    public func unit(of row: Int) -> Int { Int(unitOfRow[row]) }

    /// Number of cross-cells: the product of the variables' category counts.
    public var cellCount: Int { variables.reduce(1) { $0 * $1.categories.count } }

    /// The category index of each variable for a cell.
    public func categories(ofCell cell: Int) -> [Int] {
        var rest = cell
        var result = Array(repeating: 0, count: variables.count)
        for v in variables.indices.reversed() {
            result[v] = rest % variables[v].categories.count
            rest /= variables[v].categories.count
        }
        return result
    }

    /// A cell's name, such as `male/community/high`.
    public func cellName(_ cell: Int) -> String {
        zip(variables, categories(ofCell: cell)).map { $0.categories[$1].code }.joined(separator: "/")
    }
}

public struct StratificationVariable: Sendable, Equatable {
    public var role: String
    public var categories: [CategoryScheme.Category]
}

public struct ExclusionReason: Sendable, Equatable {
    public var code: String
    public var text: String
    /// Rows excluded for this reason (their first matching reason).
    public var count: Int
}

public struct Unit: Sendable, Hashable {
    public var tier1: String
    public var tier2: String
    public var name: String { "\(tier1)/\(tier2)" }
}

/// Why a long list cannot be classified by a spec.
public struct ClassificationError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// Each unknown value, refused blank or unreadable date, located at its first line and column;
    /// messages describe a value's shape, never its content.
    public var problems: [ReadProblem]
    public var messages: [String] { problems.map(\.message) }
    public var description: String {
        problems.prefix(30).map(\.description).joined(separator: "\n")
            + (problems.count > 30 ? "\n… and \(problems.count - 30) more" : "")
    }
}
