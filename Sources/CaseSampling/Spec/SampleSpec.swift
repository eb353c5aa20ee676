/// A sample specification: which columns a long list must have, what their values mean, which cases
/// are excluded and why, and how the sample is stratified and sized.
///
/// Specs are data (JSON files in `SampleSpecs/`), one per kind of sample; see ``SampleSpec/load(bytes:file:)``
/// for the format. `SampleSpecs/domain-two.json` is the guidance manual's domain two specification (4.4).
public struct SampleSpec: Sendable, Equatable {
    /// The highest spec format version this build reads.
    public static let supportedVersion = 1

    public var version: Int
    /// Short name, such as `domain-two`.
    public var name: String
    /// One line for people.
    public var title: String
    /// Columns in the order the spec lists them.
    public var columns: [ColumnSpec]
    /// Category schemes by name.
    public var schemes: [String: CategoryScheme]
    /// Exclusion rules in the order they are tried; a row's reason is the first rule that matches.
    public var rules: [ExclusionRule]
    /// Column roles of the stratification variables, highest priority first.
    public var stratification: [String]
    /// Column roles of the tier-1 and tier-2 units.
    public var tier1Unit: String
    public var tier2Unit: String
    /// Column role of the responsible officer, if the spec has one.
    public var responsibleOfficer: String?
    /// How the sample size is set when `--size` is not given.
    public var size: SizeRule?
    /// Substitutes listed for each selected case.
    public var substitutesPerCase: Int
    /// Headers that hold personal data: never profiled or printed.
    public var identifyingColumns: [String]
    /// How the organisation's returned provisional list marks exclusions and officer availability.
    public var returnedList: ReturnedListSpec
    /// The sample period, placed by `--fieldwork-start` (``resolvingPeriod(fieldworkStart:)``); nil
    /// when every case of the long list is in scope.
    public var period: SamplePeriod?

    public init(
        version: Int = SampleSpec.supportedVersion, name: String, title: String, columns: [ColumnSpec],
        schemes: [String: CategoryScheme], rules: [ExclusionRule], stratification: [String],
        tier1Unit: String, tier2Unit: String, responsibleOfficer: String? = nil, size: SizeRule? = nil,
        substitutesPerCase: Int = 1, identifyingColumns: [String] = ReadOptions.defaultIdentifyingColumns,
        returnedList: ReturnedListSpec = .standard
    ) {
        self.version = version
        self.name = name
        self.title = title
        self.columns = columns
        self.schemes = schemes
        self.rules = rules
        self.stratification = stratification
        self.tier1Unit = tier1Unit
        self.tier2Unit = tier2Unit
        self.responsibleOfficer = responsibleOfficer
        self.size = size
        self.substitutesPerCase = substitutesPerCase
        self.identifyingColumns = identifyingColumns
        self.returnedList = returnedList
    }

    /// The column spec for `role`.
    public func column(_ role: String) -> ColumnSpec? { columns.first { $0.role == role } }

    /// The role of the case-reference column.
    public var caseReferenceRole: String? { columns.first { $0.kind == .caseReference }?.role }

    /// The column requests the reader needs for this spec.
    public var columnRequests: [ColumnRequest] {
        columns.map { column in
            ColumnRequest(
                role: column.role, aliases: column.aliases, isRequired: column.isRequired,
                storage: column.kind == .caseReference ? .caseReference : .categorical)
        }
    }
}

/// One column a spec uses.
public struct ColumnSpec: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The unique case reference.
        case caseReference
        /// A value per row, optionally mapped through a category scheme.
        case categorical
        /// A separated list of items, such as `Unpaid Work;Curfew`.
        case list
        /// A date, as `dd/mm/yyyy`, `d/m/yyyy`, `yyyy-mm-dd` or `dd-mm-yyyy`.
        case date
    }

    /// The name rules and outputs use, such as `rosh`.
    public var role: String
    /// Header names that fill the role.
    public var aliases: [String]
    public var isRequired: Bool
    public var kind: Kind
    /// The category scheme that maps raw values (or list items) to canonical ones.
    public var scheme: String?
    /// Item separator of a list column.
    public var separator: String

    public init(role: String, aliases: [String], isRequired: Bool = true, kind: Kind = .categorical,
                scheme: String? = nil, separator: String = ";") {
        self.role = role
        self.aliases = aliases
        self.isRequired = isRequired
        self.kind = kind
        self.scheme = scheme
        self.separator = separator
    }
}

/// Canonical categories and the raw values that mean each.
public struct CategoryScheme: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        /// Canonical code, such as `veryHigh`.
        public var code: String
        /// How outputs show it, such as `Very high`.
        public var label: String
        /// Raw values that mean this category, matched ignoring case and surrounding spaces.
        public var values: [String]

        public init(code: String, label: String, values: [String]) {
            self.code = code
            self.label = label
            self.values = values
        }
    }

    /// What a blank value means.
    public enum MissingPolicy: Sendable, Equatable {
        /// The file is in error: every row with a blank is listed.
        case error
        /// Its own category, `notRecorded`, stratified like the others, with a warning.
        case notRecorded
        /// The row is excluded with this rule code.
        case exclude(reason: String, text: String)
        /// The same as one of the categories (flags: blank means no).
        case category(String)
    }

    public var categories: [Category]
    public var missing: MissingPolicy

    public init(categories: [Category], missing: MissingPolicy) {
        self.categories = categories
        self.missing = missing
    }

    /// The code `notRecorded` gets when the policy adds it.
    public static let notRecordedCode = "notRecorded"
}

/// An exclusion rule: a reason code and text, and the predicate that selects the excluded rows.
public struct ExclusionRule: Sendable, Equatable {
    public var code: String
    public var reason: String
    public var when: Predicate

    public init(code: String, reason: String, when: Predicate) {
        self.code = code
        self.reason = reason
        self.when = when
    }
}

/// A condition on a row.
///
/// Comparisons with a column that has a category scheme use canonical codes (`community`, `yes`);
/// otherwise raw values, ignoring case and surrounding spaces.
public indirect enum Predicate: Sendable, Equatable {
    case equals(column: String, value: String)
    case isIn(column: String, values: [String])
    /// The value is blank (true) or not blank (false). A list is blank when it has no items.
    case isEmpty(column: String, Bool)
    /// Every item of a list column is in the set (vacuously true for an empty list).
    case allItemsIn(column: String, items: [String])
    /// At least one item of a list column is in the set.
    case anyItemIn(column: String, items: [String])
    /// A date column falls within `days` days on or after another date column (both present).
    case withinDaysAfter(column: String, other: String, days: Int)
    /// A date column falls within an inclusive window of ISO dates (`yyyy-mm-dd`).
    case dateBetween(column: String, from: String?, to: String?)
    case all([Predicate])
    case any([Predicate])
    case not(Predicate)

    /// Every column the predicate reads.
    public var columns: [String] {
        switch self {
        case .equals(let c, _), .isIn(let c, _), .isEmpty(let c, _), .allItemsIn(let c, _), .anyItemIn(let c, _),
             .dateBetween(let c, _, _):
            [c]
        case .withinDaysAfter(let c, let other, _): [c, other]
        case .all(let ps), .any(let ps): ps.flatMap(\.columns)
        case .not(let p): p.columns
        }
    }
}

/// How the sample size is chosen when none is given.
public enum SizeRule: Sendable, Equatable {
    case fixed(Int)
    /// Cochran's formula with the finite population correction (manual 4.2).
    case marginOfError(margin: Double, confidence: Double, proportion: Double)
}
