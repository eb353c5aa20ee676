/// One case that left the sample, and what took its place: an entry of `finalize.json`'s
/// `replacements`.
public struct Replacement: Sendable, Equatable {
    /// When the case left.
    public enum Stage: String, Sendable, Equatable {
        /// Marked in the organisation's returned list (`finalize`, week −4).
        case returnedList = "returned list"
        /// Found unsuitable during fieldwork (`replace`).
        case fieldwork
    }

    public var stage: Stage
    /// UTC, ISO 8601, for a fieldwork replacement just made; nil for `finalize`, which stays
    /// reproducible, and for replacements read back from `finalize.json`, whose `history` holds the times.
    public var time: String?
    /// The case that left, as written.
    public var reference: String
    /// Its status in the sample when it left: `selected` or `substitute for <reference>`.
    public var status: String
    /// The provisional case whose place it held, as written.
    public var slot: String
    public var stratum: String
    public var reason: ExclusionReasonText
    /// Whether the returned list marked its responsible officer unavailable.
    public var officerUnavailable: Bool
    /// The substitute that took the place, as written; nil when none was left (a shortfall).
    public var substitute: String?
    public var source: SubstitutionRule.Source?
    /// Whether the substitute took its officer over the draw's `--max-per-officer`, because no
    /// substitute of the stratum within the limit was left.
    public var overOfficerLimit = false
    /// Reserve cases of the stratum passed over for this substitute because their officer was at the
    /// draw's `--max-per-officer` (version 2 of ``SubstitutionRule``).
    public var skippedForOfficerLimit = 0

    /// Whether no substitute was left for the place.
    public var isShortfall: Bool { substitute == nil }
}
