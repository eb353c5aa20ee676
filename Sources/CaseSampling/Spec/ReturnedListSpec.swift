/// How a spec reads the provisional list the inspected organisation sends back (manual 4.4, stage 3):
/// which column gives a case's exclusion reason, which says whether its responsible officer is
/// available, and which reasons the organisation may give besides the spec's exclusion rules.
///
/// In a spec file it is the optional `returnedList` object; a spec without one (every spec written
/// before `casesample finalize` existed) gets ``standard``:
/// ```json
/// "returnedList": {
///   "exclusion": { "aliases": ["Exclusion reason", "Exclusion", "Exclude"] },
///   "availability": { "aliases": ["Officer available", "RO available"],
///                     "available": ["Y", "Yes"], "unavailable": ["N", "No", "Unavailable"] },
///   "reasons": [ { "code": "officer-unavailable", "reason": "Responsible officer unavailable" } ]
/// }
/// ```
public struct ReturnedListSpec: Sendable, Equatable {
    /// Header names of the column that holds a case's exclusion reason; a blank cell keeps the case.
    public var exclusionAliases: [String]
    /// Header names of the column that says whether the case's responsible officer is available.
    public var availabilityAliases: [String]
    /// Values that mean the officer is available, matched ignoring case and surrounding spaces. A blank
    /// cell means available too.
    public var availableValues: [String]
    /// Values that mean the officer is unavailable: the case is replaced as if excluded.
    public var unavailableValues: [String]
    /// Reasons the organisation may give in the exclusion column besides the spec's rules.
    public var extraReasons: [ExclusionReasonText]

    public init(
        exclusionAliases: [String], availabilityAliases: [String], availableValues: [String],
        unavailableValues: [String], extraReasons: [ExclusionReasonText]
    ) {
        self.exclusionAliases = exclusionAliases
        self.availabilityAliases = availabilityAliases
        self.availableValues = availableValues
        self.unavailableValues = unavailableValues
        self.extraReasons = extraReasons
    }

    /// The reason recorded for a case whose officer is marked unavailable.
    public static let officerUnavailable = ExclusionReasonText(
        code: "officer-unavailable", text: "Responsible officer unavailable")

    /// What a spec without `returnedList` gets.
    public static let standard = ReturnedListSpec(
        exclusionAliases: [
            "Exclusion reason", "Exclusion", "Exclude", "Excluded", "Reason for exclusion", "Exclusion code",
            "Excluded reason", "Exclude reason",
        ],
        availabilityAliases: [
            "Officer available", "RO available", "Responsible officer available", "Available", "Availability",
            "OM available", "Practitioner available",
        ],
        availableValues: ["Y", "Yes", "Available", "TRUE", "1"],
        unavailableValues: ["N", "No", "Unavailable", "Not available", "FALSE", "0"],
        extraReasons: [officerUnavailable])
}

/// An exclusion reason as outputs show it: a code and its text.
public struct ExclusionReasonText: Sendable, Equatable, Hashable {
    public var code: String
    public var text: String

    public init(code: String, text: String) {
        self.code = code
        self.text = text
    }

    /// `code: text`, as `excluded.csv` and `removed.csv` write it.
    public var description: String { "\(code): \(text)" }
}

extension SampleSpec {
    /// Every reason a returned list may give, in order: the sample period's (a case the organisation
    /// finds was not in the period, such as a date entered wrongly), the exclusion rules, the
    /// exclusions for missing values, then the returned list's own reasons (each code once).
    public var exclusionReasons: [ExclusionReasonText] {
        var reasons = period.map { [ExclusionReasonText(code: $0.code, text: $0.reason)] } ?? []
        reasons += rules.map { ExclusionReasonText(code: $0.code, text: $0.reason) }
        for name in schemes.keys.sorted() {
            if case .exclude(let code, let text) = schemes[name]!.missing { reasons.append(.init(code: code, text: text)) }
        }
        reasons += returnedList.extraReasons
        var seen: Set<String> = []
        return reasons.filter { seen.insert($0.code).inserted }
    }

    /// ``exclusionReasons`` one a line, `  code  text`, codes padded to one width: for messages that
    /// list the valid reasons.
    public var exclusionReasonList: String {
        let reasons = exclusionReasons
        let width = reasons.map(\.code.count).max() ?? 0
        return reasons.map { "  \($0.code)" + String(repeating: " ", count: width - $0.code.count) + "  \($0.text)" }.joined(separator: "\n")
    }

    /// The reason recorded when the availability column marks the officer unavailable: the returned
    /// list's reason with code `officer-unavailable` if the spec has one, else the built-in text.
    public var officerUnavailableReason: ExclusionReasonText {
        exclusionReasons.first { $0.code == ReturnedListSpec.officerUnavailable.code } ?? ReturnedListSpec.officerUnavailable
    }

    /// The reason a cell of the exclusion column names, or nil when it names none.
    ///
    /// A cell names a reason when, ignoring case, spaces and punctuation (``HeaderName/key(_:)``), it
    /// equals the reason's code or its text, or when it is written `code: text` as `excluded.csv` writes
    /// it and the part before the first colon is the code. So `YOT held`, `yot-held`, `Held by a YOT`
    /// and `yot-held: Held by a YOT` all name the rule `yot-held`.
    public func exclusionReason(named cell: String) -> ExclusionReasonText? {
        let key = HeaderName.key(cell)
        guard !key.isEmpty else { return nil }
        let reasons = exclusionReasons
        if let match = reasons.first(where: { HeaderName.key($0.code) == key || HeaderName.key($0.text) == key }) {
            return match
        }
        if let colon = cell.firstIndex(of: ":") {
            let code = HeaderName.key(String(cell[..<colon]))
            return reasons.first { HeaderName.key($0.code) == code }
        }
        return nil
    }
}
