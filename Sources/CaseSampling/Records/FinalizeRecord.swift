/// The record of a final sample, `finalize.json`: the draw and returned list it came from, what was
/// replaced and why, how the final sample's proportions compare with the eligible population, the
/// margin of error it achieves, and an append-only history.
///
/// `finalize` writes no time or path into it, so the same draw and returned list give the same bytes
/// anywhere; only the history entries that `replace` appends carry a time. ``load(bytes:file:)`` reads
/// one back, including records written by earlier versions.
public struct FinalizeRecord: SealedRecord, Equatable {
    public static let kind = "a record written by 'casesample finalize'"

    public var tool: Tool
    /// The inspection's name, shown atop `report.html`: finalize's `--title`, else the draw's; absent
    /// when neither was given.
    public var title: String?
    public var spec: SpecReference
    public var draw: DrawReference
    public var returned: Returned
    /// The substitution rule, in words.
    public var rule: String
    /// The ``SubstitutionRule`` version; nil in records written before version 2 (they used version 1).
    public var ruleVersion: Int?
    /// What version 2 of the rule could not keep of equal probability within each stratum; nil in
    /// records of version 1.
    public var equalProbability: EqualProbability?
    public var sample: SampleCounts
    public var replacements: [ReplacementEntry]
    public var removedFromReserve: [ReserveRemoval]
    public var shortfall: [Shortfall]
    public var proportions: Proportions
    public var marginOfError: MarginOfErrorSummary
    /// The SHA-256 of every output but `finalize.json` itself, by file name.
    public var outputs: FileDigests
    /// What `finalize` and every `replace` did, in order.
    public var history: [HistoryEntry]
    /// The SHA-256 of the rest of the record (``SealedRecord``); nil in records written before it existed.
    public var recordSHA256: String?

    /// Writes every member in order; ``title`` and ``recordSHA256`` only when there is one (never as `null`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tool, forKey: .tool)
        if let title { try container.encode(title, forKey: .title) }
        try container.encode(spec, forKey: .spec)
        try container.encode(draw, forKey: .draw)
        try container.encode(returned, forKey: .returned)
        try container.encode(rule, forKey: .rule)
        if let ruleVersion { try container.encode(ruleVersion, forKey: .ruleVersion) }
        if let equalProbability { try container.encode(equalProbability, forKey: .equalProbability) }
        try container.encode(sample, forKey: .sample)
        try container.encode(replacements, forKey: .replacements)
        try container.encode(removedFromReserve, forKey: .removedFromReserve)
        try container.encode(shortfall, forKey: .shortfall)
        try container.encode(proportions, forKey: .proportions)
        try container.encode(marginOfError, forKey: .marginOfError)
        try container.encode(outputs, forKey: .outputs)
        try container.encode(history, forKey: .history)
        if let recordSHA256 { try container.encode(recordSHA256, forKey: .recordSHA256) }
    }

    /// The draw directory the final sample came from.
    public struct DrawReference: Codable, Sendable, Equatable {
        /// The directory's name, without the path to it.
        public var directory: String
        public var seed: UInt64
        public var provisional: Int
        public var substitutesListed: Int
        /// The draw's `--max-per-officer`; left out when it had none.
        public var officerLimit: Int?
        /// `false` when the draw had `--no-unit-balance` (`draw.json`'s `units.balanced`); left out
        /// (nil) when it balanced the units.
        public var unitsBalanced: Bool?
        /// The SHA-256 of each draw file read.
        public var inputs: FileDigests

        enum CodingKeys: String, CodingKey {
            case directory, seed, provisional, substitutesListed, officerLimit, unitsBalanced, inputs
        }

        public init(
            directory: String, seed: UInt64, provisional: Int, substitutesListed: Int, officerLimit: Int?, unitsBalanced: Bool? = nil,
            inputs: FileDigests
        ) {
            self.directory = directory
            self.seed = seed
            self.provisional = provisional
            self.substitutesListed = substitutesListed
            self.officerLimit = officerLimit
            self.unitsBalanced = unitsBalanced
            self.inputs = inputs
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            directory = try container.decode(String.self, forKey: .directory)
            seed = try RecordSeed.decode(from: container, forKey: .seed)
            provisional = try container.decode(Int.self, forKey: .provisional)
            substitutesListed = try container.decode(Int.self, forKey: .substitutesListed)
            officerLimit = try container.decodeIfPresent(Int.self, forKey: .officerLimit)
            unitsBalanced = try container.decodeIfPresent(Bool.self, forKey: .unitsBalanced)
            inputs = try container.decode(FileDigests.self, forKey: .inputs)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(directory, forKey: .directory)
            try RecordSeed.encode(seed, to: &container, forKey: .seed)
            try container.encode(provisional, forKey: .provisional)
            try container.encode(substitutesListed, forKey: .substitutesListed)
            if let officerLimit { try container.encode(officerLimit, forKey: .officerLimit) }
            if unitsBalanced == false { try container.encode(false, forKey: .unitsBalanced) }
            try container.encode(inputs, forKey: .inputs)
        }
    }

    /// The returned list as read and matched with the draw.
    public struct Returned: Codable, Sendable, Equatable {
        public var file: String
        public var sha256: String
        public var encoding: String
        public var delimiter: String
        public var columns: Columns
        public var rows: Int
        public var provisionalFound: Int
        public var substitutesFound: Int
        public var provisionalMissing: Int
        public var missingMeansKept: Bool
        public var excluded: Int
        public var officerUnavailable: Int

        /// The headers of the columns used.
        public struct Columns: Codable, Sendable, Equatable {
            public var caseReference: String
            public var exclusion: String?
            public var availability: String?
        }
    }

    public struct SampleCounts: Codable, Sendable, Equatable {
        public var provisional: Int
        public var final: Int
        public var selected: Int
        public var substitutes: Int
        public var reserve: Int
        public var removed: Int
        public var shortfall: Int
    }

    /// A case that left the sample and what took its place (``Replacement``).
    public struct ReplacementEntry: Codable, Sendable, Equatable {
        public var stage: String
        public var caseReference: String
        public var status: String
        public var slot: String
        public var stratum: String
        public var reasonCode: String
        public var reason: String
        public var officerUnavailable: Bool
        public var substitute: String?
        /// ``SubstitutionRule/Source/description``.
        public var source: String?
        /// Written only when true.
        public var overOfficerLimit: Bool
        /// Reserve cases passed over for the officer limit; written only when not zero.
        public var skippedForOfficerLimit: Int

        enum CodingKeys: String, CodingKey {
            case stage, caseReference = "case", status, slot, stratum, reasonCode, reason, officerUnavailable, substitute
            case source, overOfficerLimit, skippedForOfficerLimit
        }

        public init(
            stage: String, caseReference: String, status: String, slot: String, stratum: String, reasonCode: String,
            reason: String, officerUnavailable: Bool, substitute: String?, source: String?, overOfficerLimit: Bool,
            skippedForOfficerLimit: Int = 0
        ) {
            self.skippedForOfficerLimit = skippedForOfficerLimit
            self.stage = stage
            self.caseReference = caseReference
            self.status = status
            self.slot = slot
            self.stratum = stratum
            self.reasonCode = reasonCode
            self.reason = reason
            self.officerUnavailable = officerUnavailable
            self.substitute = substitute
            self.source = source
            self.overOfficerLimit = overOfficerLimit
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            stage = try container.decode(String.self, forKey: .stage)
            caseReference = try container.decode(String.self, forKey: .caseReference)
            status = try container.decode(String.self, forKey: .status)
            slot = try container.decode(String.self, forKey: .slot)
            stratum = try container.decode(String.self, forKey: .stratum)
            reasonCode = try container.decode(String.self, forKey: .reasonCode)
            reason = try container.decode(String.self, forKey: .reason)
            officerUnavailable = try container.decodeIfPresent(Bool.self, forKey: .officerUnavailable) ?? false
            substitute = try container.decodeIfPresent(String.self, forKey: .substitute)
            source = try container.decodeIfPresent(String.self, forKey: .source)
            overOfficerLimit = try container.decodeIfPresent(Bool.self, forKey: .overOfficerLimit) ?? false
            skippedForOfficerLimit = try container.decodeIfPresent(Int.self, forKey: .skippedForOfficerLimit) ?? 0
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(stage, forKey: .stage)
            try container.encode(caseReference, forKey: .caseReference)
            try container.encode(status, forKey: .status)
            try container.encode(slot, forKey: .slot)
            try container.encode(stratum, forKey: .stratum)
            try container.encode(reasonCode, forKey: .reasonCode)
            try container.encode(reason, forKey: .reason)
            try container.encode(officerUnavailable, forKey: .officerUnavailable)
            try container.encodeIfPresent(substitute, forKey: .substitute)
            try container.encodeIfPresent(source, forKey: .source)
            if overOfficerLimit { try container.encode(true, forKey: .overOfficerLimit) }
            if skippedForOfficerLimit > 0 { try container.encode(skippedForOfficerLimit, forKey: .skippedForOfficerLimit) }
        }
    }

    /// Whether every place was filled as version 2 of ``SubstitutionRule`` intends (from its own stratum,
    /// next in the order of remaining random numbers), and per stratum what was not.
    public struct EqualProbability: Codable, Sendable, Equatable {
        /// No stratum is listed below.
        public var kept: Bool
        /// The guarantee, in words.
        public var guarantee: String
        public var strata: [Stratum]

        /// A stratum where equal probability among its really eligible cases was not kept.
        public struct Stratum: Codable, Sendable, Equatable {
            public var stratum: String
            /// Places left empty: the stratum's reserve ran out.
            public var empty: Int
            /// Places filled from another stratum (the slot's own substitute), its reserve having run out.
            public var fromAnotherStratum: Int
            /// Reserve cases passed over because their officer was at `--max-per-officer`.
            public var skippedForOfficerLimit: Int
            /// Substitutes that took their officer over `--max-per-officer`.
            public var overOfficerLimit: Int
        }
    }

    /// A listed substitute that the returned list marked, so it is never used.
    public struct ReserveRemoval: Codable, Sendable, Equatable {
        public var caseReference: String
        public var stratum: String
        public var reasonCode: String
        public var reason: String
        public var stage: String

        enum CodingKeys: String, CodingKey {
            case caseReference = "case", stratum, reasonCode, reason, stage
        }
    }

    /// A place left empty: no substitute of its stratum was left.
    public struct Shortfall: Codable, Sendable, Equatable {
        public var slot: String
        public var stratum: String
        public var stage: String
    }

    /// The final sample against the eligible population, per variable and per stratum. Shares and
    /// expected counts are null when the population is empty.
    public struct Proportions: Codable, Sendable, Equatable {
        public var population: Int
        public var finalSample: Int
        public var allVariablesWithinRounding: Bool
        public var variables: [Variable]
        public var strata: [Stratum]

        public struct Variable: Codable, Sendable, Equatable {
            public var variable: String
            public var categories: [Category]
        }

        public struct Category: Codable, Sendable, Equatable {
            public var category: String
            public var label: String
            public var population: Int
            public var share: Double?
            public var expected: Double?
            public var provisional: Int
            public var final: Int
            public var withinRounding: Bool
        }

        public struct Stratum: Codable, Sendable, Equatable {
            public var stratum: String
            public var label: String
            public var population: Int
            public var share: Double?
            public var expected: Double?
            public var provisional: Int
            public var final: Int
        }
    }

    /// The margin of error the provisional and final samples achieve (manual 4.2).
    public struct MarginOfErrorSummary: Codable, Sendable, Equatable {
        public var confidence: Double
        public var z: Double
        public var proportion: Double
        public var population: Int
        /// The spec's target margin, when it sizes by margin of error.
        public var target: Double?
        public var provisional: Achieved
        public var final: Achieved
        public var formula: String

        public struct Achieved: Codable, Sendable, Equatable {
            public var sample: Int
            /// Nil when there are no cases.
            public var margin: Double?
        }
    }

    /// One entry of the append-only history.
    public enum HistoryEntry: Codable, Sendable, Equatable {
        /// `finalize` made the final sample from the returned list.
        case finalize(returned: String, returnedSHA256: String, replaced: Int, shortfall: Int)
        /// `replace` took a case out during fieldwork.
        case replace(time: String, caseReference: String, reasonCode: String, reason: String, substitute: String?, source: String?)

        public var isReplace: Bool {
            if case .replace = self { return true }
            return false
        }

        enum CodingKeys: String, CodingKey {
            case action, returned, returnedSHA256, replaced, shortfall
            case time, caseReference = "case", reasonCode, reason, substitute, source
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .action) {
            case "finalize":
                self = .finalize(
                    returned: try container.decode(String.self, forKey: .returned),
                    returnedSHA256: try container.decode(String.self, forKey: .returnedSHA256),
                    replaced: try container.decode(Int.self, forKey: .replaced),
                    shortfall: try container.decode(Int.self, forKey: .shortfall))
            case "replace":
                self = .replace(
                    time: try container.decode(String.self, forKey: .time),
                    caseReference: try container.decode(String.self, forKey: .caseReference),
                    reasonCode: try container.decode(String.self, forKey: .reasonCode),
                    reason: try container.decode(String.self, forKey: .reason),
                    substitute: try container.decodeIfPresent(String.self, forKey: .substitute),
                    source: try container.decodeIfPresent(String.self, forKey: .source))
            case let other:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: container.codingPath + [CodingKeys.action],
                    debugDescription: "unknown action \"\(other)\" (expected finalize or replace)"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .finalize(let returned, let digest, let replaced, let shortfall):
                try container.encode("finalize", forKey: .action)
                try container.encode(returned, forKey: .returned)
                try container.encode(digest, forKey: .returnedSHA256)
                try container.encode(replaced, forKey: .replaced)
                try container.encode(shortfall, forKey: .shortfall)
            case .replace(let time, let reference, let code, let reason, let substitute, let source):
                try container.encode("replace", forKey: .action)
                try container.encode(time, forKey: .time)
                try container.encode(reference, forKey: .caseReference)
                try container.encode(code, forKey: .reasonCode)
                try container.encode(reason, forKey: .reason)
                try container.encodeIfPresent(substitute, forKey: .substitute)
                try container.encodeIfPresent(source, forKey: .source)
            }
        }
    }
}

extension FinalizeRecord {
    /// The number of fieldwork replacements the history records.
    public var fieldworkReplacements: Int { history.filter(\.isReplace).count }
}
