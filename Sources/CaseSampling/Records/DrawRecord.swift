/// The audit record of a draw, `draw.json`: enough to re-run the draw and to check what it gave.
///
/// It holds no time and no path, so the same long list, spec and seed give the same bytes anywhere.
/// ``init(result:specBytes:inputName:inputSHA256:toolVersion:sizeCalculation:requestedUnits:reference:outputDigests:)``
/// makes it from a draw; ``load(bytes:file:)`` reads one back, including records written by earlier
/// versions (members added since are optional).
///
/// ```json
/// { "tool": {"name": "casesample", "version": "…"},
///   "spec": {"name": "domain-two", "file": "spec.json", "sha256": "…"},
///   "input": {"file": "long-list.csv", "sha256": "…", "bytes": 412345, "encoding": "UTF-8", "delimiter": ","},
///   "draw": {"seed": 7, "size": 120, "sizeCalculation": {"source": "--size"}, "substitutesPerCase": 1, …},
///   "counts": {"rowsRead": 2000, …}, "rulesNotApplied": […], "units": {…}, "proportional": {…},
///   "variables": […], "officerLimit": {…} (only with --max-per-officer), "strata": […],
///   "substitutes": {…}, "outputs": {"provisional.csv": {"sha256": "…"}, …} }
/// ```
public struct DrawRecord: SealedRecord, Equatable {
    public static let kind = "a draw record"

    public var tool: Tool
    /// The inspection's name (`--title`), shown atop `report.html`; absent when not given.
    public var title: String?
    public var spec: SpecReference
    public var input: Input
    /// The sample period resolved from `--fieldwork-start`; absent when the spec has no period.
    public var period: Period?
    public var draw: Draw
    public var counts: Counts
    public var rulesNotApplied: [RuleNotApplied]
    public var units: Units
    public var proportional: Proportional
    public var variables: [Variable]
    /// Present only when the draw had `--max-per-officer`.
    public var officerLimit: OfficerLimit?
    public var strata: [Stratum]
    public var substitutes: Substitutes
    /// The SHA-256 of every output but `draw.json` itself, by file name.
    public var outputs: FileDigests
    /// The SHA-256 of the rest of the record (``SealedRecord``); nil in records written before it existed.
    public var recordSHA256: String?

    /// The long list drawn from.
    public struct Input: Codable, Sendable, Equatable {
        /// The file name, without directories.
        public var file: String
        public var sha256: String
        public var bytes: Int
        /// ``SourceEncoding`` raw value, such as `UTF-8`.
        public var encoding: String
        /// The field delimiter, one character.
        public var delimiter: String
        /// `xlsx` for a workbook; absent for CSV.
        public var format: String?
        /// The worksheet read from a workbook.
        public var sheet: String?
        /// Present and true when the list came from standard input (`-`).
        public var standardInput: Bool?
        /// The `--column` mappings, as `role=header`, in the order given; absent when none.
        public var columns: [String]?
        /// The `--date-order` given; absent when each date column's order was detected.
        public var dateOrder: String?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(bytes, forKey: .bytes)
            try container.encode(encoding, forKey: .encoding)
            try container.encode(delimiter, forKey: .delimiter)
            if let format { try container.encode(format, forKey: .format) }
            if let sheet { try container.encode(sheet, forKey: .sheet) }
            if let standardInput { try container.encode(standardInput, forKey: .standardInput) }
            if let columns { try container.encode(columns, forKey: .columns) }
            if let dateOrder { try container.encode(dateOrder, forKey: .dateOrder) }
        }
    }

    /// The sample period as resolved: the date column, the first day of fieldwork, and the first and
    /// last day of the period (`yyyy-mm-dd`, inclusive).
    public struct Period: Codable, Sendable, Equatable {
        public var column: String
        public var fieldworkStart: String
        public var from: String
        public var to: String
        /// `--window-weeks`, when given.
        public var windowWeeks: Int?
        /// `--shift-weeks`, when given and not 0.
        public var shiftWeeks: Int?
        /// The last day of the reserve after the period (``SamplePeriod/reserveWeeks``), if it has one.
        public var reserveTo: String?

        public init(column: String, resolved: SamplePeriod.Resolved, windowWeeks: Int? = nil, shiftWeeks: Int? = nil) {
            self.column = column
            fieldworkStart = resolved.fieldworkStart
            from = resolved.from
            to = resolved.to
            self.windowWeeks = windowWeeks
            self.shiftWeeks = shiftWeeks
            reserveTo = resolved.reserveTo
        }

    }

    /// How the draw was made.
    public struct Draw: Codable, Sendable, Equatable {
        public var seed: UInt64
        public var size: Int
        public var sizeCalculation: SizeCalculation
        public var substitutesPerCase: Int
        public var algorithm: String
        public var algorithmVersion: Int
        public var generator: String

        enum CodingKeys: String, CodingKey {
            case seed, size, sizeCalculation, substitutesPerCase, algorithm, algorithmVersion, generator
        }

        public init(
            seed: UInt64, size: Int, sizeCalculation: SizeCalculation, substitutesPerCase: Int, algorithm: String,
            algorithmVersion: Int, generator: String
        ) {
            self.seed = seed
            self.size = size
            self.sizeCalculation = sizeCalculation
            self.substitutesPerCase = substitutesPerCase
            self.algorithm = algorithm
            self.algorithmVersion = algorithmVersion
            self.generator = generator
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            seed = try RecordSeed.decode(from: container, forKey: .seed)
            size = try container.decode(Int.self, forKey: .size)
            sizeCalculation = try container.decode(SizeCalculation.self, forKey: .sizeCalculation)
            substitutesPerCase = try container.decode(Int.self, forKey: .substitutesPerCase)
            algorithm = try container.decode(String.self, forKey: .algorithm)
            algorithmVersion = try container.decode(Int.self, forKey: .algorithmVersion)
            generator = try container.decode(String.self, forKey: .generator)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try RecordSeed.encode(seed, to: &container, forKey: .seed)
            try container.encode(size, forKey: .size)
            try container.encode(sizeCalculation, forKey: .sizeCalculation)
            try container.encode(substitutesPerCase, forKey: .substitutesPerCase)
            try container.encode(algorithm, forKey: .algorithm)
            try container.encode(algorithmVersion, forKey: .algorithmVersion)
            try container.encode(generator, forKey: .generator)
        }
    }

    /// How the size was set: `--size`, the spec's fixed size, or the spec's margin-of-error rule
    /// (manual 4.2), with the numbers of the calculation. Members that do not apply are left out.
    public struct SizeCalculation: Codable, Sendable, Equatable {
        public var source: String
        public var fixed: Int?
        public var population: Int?
        public var margin: Double?
        public var confidence: Double?
        public var proportion: Double?
        public var z: Double?
        public var n0: Double?
        public var formula: String?
        public var sampleSize: Int?
        /// The spec's bounds (``SizeBounds``), and the formula's size before them, when the spec has bounds.
        public var minimum: Int?
        public var maximum: Int?
        public var unboundedSize: Int?
        /// For a census: the margin of error (p = 0.5, no finite population correction) that the
        /// window's cases give for findings generalised over time.
        public var censusMargin: Double?

        /// The `source` of a size given with `--size`.
        public static let commandLineSource = "--size"

        public var isFromCommandLine: Bool { source == Self.commandLineSource }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            if let fixed { try container.encode(fixed, forKey: .fixed) }
            if let population { try container.encode(population, forKey: .population) }
            if let margin { try container.encode(margin, forKey: .margin) }
            if let confidence { try container.encode(confidence, forKey: .confidence) }
            if let proportion { try container.encode(proportion, forKey: .proportion) }
            if let z { try container.encode(z, forKey: .z) }
            if let n0 { try container.encode(n0, forKey: .n0) }
            if let formula { try container.encode(formula, forKey: .formula) }
            if let sampleSize { try container.encode(sampleSize, forKey: .sampleSize) }
            if let minimum { try container.encode(minimum, forKey: .minimum) }
            if let maximum { try container.encode(maximum, forKey: .maximum) }
            if let unboundedSize { try container.encode(unboundedSize, forKey: .unboundedSize) }
            if let censusMargin { try container.encode(censusMargin, forKey: .censusMargin) }
        }
    }

    /// Every row read is eligible, excluded (with its reason) or invalid.
    public struct Counts: Codable, Sendable, Equatable {
        public var rowsRead: Int
        public var blankRowsSkipped: Int
        public var invalid: Int
        public var excluded: Int
        public var excludedByReason: [ReasonCount]
        public var eligible: Int
        /// Totals rows skipped at the end of the list (``FooterRows``); absent when none.
        public var footerRowsSkipped: Int?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rowsRead, forKey: .rowsRead)
            try container.encode(blankRowsSkipped, forKey: .blankRowsSkipped)
            if let footerRowsSkipped { try container.encode(footerRowsSkipped, forKey: .footerRowsSkipped) }
            try container.encode(invalid, forKey: .invalid)
            try container.encode(excluded, forKey: .excluded)
            try container.encode(excludedByReason, forKey: .excludedByReason)
            try container.encode(eligible, forKey: .eligible)
        }
    }

    public struct ReasonCount: Codable, Sendable, Equatable {
        public var code: String
        public var reason: String
        public var count: Int
    }

    /// A spec rule the long list lacks the columns for.
    public struct RuleNotApplied: Codable, Sendable, Equatable {
        public var code: String
        public var missingColumns: [String]
    }

    /// The units drawn from and the sample's spread over them.
    public struct Units: Codable, Sendable, Equatable {
        /// `all`, or `named` with `--units` or `--units-file`.
        public var selected: String
        /// The entries as given; nil for all units.
        public var requested: [String]?
        public var count: Int
        public var eligible: Int
        public var minimumPerUnit: Int?
        public var minimumBinds: Bool
        /// `false` when the draw did not spread the sample over the units (`--no-unit-balance`); absent
        /// (nil) when it did, as every draw before the option.
        public var balanced: Bool?
        public var spread: Spread
        public var perUnit: [UnitLine]
        /// Each selected case's inclusion probability; present only when `--min-per-unit` binds.
        public var selectedCases: [SelectedCase]?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(selected, forKey: .selected)
            try container.encodeIfPresent(requested, forKey: .requested)
            try container.encode(count, forKey: .count)
            try container.encode(eligible, forKey: .eligible)
            try container.encodeIfPresent(minimumPerUnit, forKey: .minimumPerUnit)
            try container.encode(minimumBinds, forKey: .minimumBinds)
            if balanced == false { try container.encode(false, forKey: .balanced) }
            try container.encode(spread, forKey: .spread)
            try container.encode(perUnit, forKey: .perUnit)
            if let selectedCases { try container.encode(selectedCases, forKey: .selectedCases) }
        }
    }

    public struct Spread: Codable, Sendable, Equatable {
        public var rule: String
        public var allWithinOne: Bool
        public var relaxedForOfficerLimit: Bool
    }

    public struct UnitLine: Codable, Sendable, Equatable {
        /// `tier-1/tier-2`.
        public var unit: String
        public var tier1: String
        public var tier2: String
        public var eligible: Int
        public var proportional: Double
        public var expected: Double
        public var sample: Int
        public var withinOne: Bool
        public var inclusionProbability: Double
    }

    public struct SelectedCase: Codable, Sendable, Equatable {
        public var caseReference: String
        public var unit: String
        public var inclusionProbability: Double

        enum CodingKeys: String, CodingKey {
            case caseReference = "case", unit, inclusionProbability
        }
    }

    public struct Proportional: Codable, Sendable, Equatable {
        /// Whether every category of every variable got the floor or ceiling in this draw.
        public var allVariablesWithinRounding: Bool
        /// What the design cannot always hold, and what this draw missed, one sentence each; never
        /// silent.
        public var relaxations: [String]
        /// Each variable that the design cannot always hold, or that this draw missed (absent in
        /// records before algorithm version 3).
        public var holding: [Holding]?

        public init(allVariablesWithinRounding: Bool, relaxations: [String], holding: [Holding]? = nil) {
            self.allVariablesWithinRounding = allVariablesWithinRounding
            self.relaxations = relaxations
            self.holding = holding
        }

        enum CodingKeys: String, CodingKey {
            case allVariablesWithinRounding, relaxations, holding
        }

        /// Leaves `holding` out when absent, so that older records encode to their own bytes.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(allVariablesWithinRounding, forKey: .allVariablesWithinRounding)
            try container.encode(relaxations, forKey: .relaxations)
            if let holding { try container.encode(holding, forKey: .holding) }
        }
    }

    /// How often a variable keeps every category at its floor or ceiling.
    public struct Holding: Codable, Sendable, Equatable {
        /// The column role, such as `rosh`.
        public var variable: String
        /// The share of the design's draws in which it holds, to six decimals; absent when the design
        /// is not worked out in advance (`casesample simulate` estimates it).
        public var designShare: Double?
        public var holdsInThisDraw: Bool
    }

    /// A stratification variable: population against sample per category.
    public struct Variable: Codable, Sendable, Equatable {
        /// The column role, such as `gender`.
        public var variable: String
        public var categories: [Category]
    }

    public struct Category: Codable, Sendable, Equatable {
        public var category: String
        public var label: String
        public var population: Int
        public var share: Double
        public var expected: Double
        public var sample: Int
        /// Whether the sample is the floor or the ceiling of the expected count.
        public var withinRounding: Bool
    }

    public struct OfficerLimit: Codable, Sendable, Equatable {
        public var limit: Int
        public var officersAtLimit: Int
        public var casesChanged: Int
        public var note: String
        /// Whether some officer has more eligible cases than the limit, so that inclusion probabilities
        /// can differ from the design's without it; nil in records before algorithm version 4.
        public var binds: Bool?
        /// Each selected case's estimated inclusion probability, when the limit binds.
        public var inclusionProbabilities: EstimatedProbabilities?

        // Absent members are left out, not written as null, so that an older record is written again as it was.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(limit, forKey: .limit)
            try container.encode(officersAtLimit, forKey: .officersAtLimit)
            try container.encode(casesChanged, forKey: .casesChanged)
            try container.encode(note, forKey: .note)
            if let binds { try container.encode(binds, forKey: .binds) }
            if let inclusionProbabilities { try container.encode(inclusionProbabilities, forKey: .inclusionProbabilities) }
        }
    }

    /// Inclusion probabilities estimated by a Monte Carlo of the design (``OfficerLimitProbabilities``).
    public struct EstimatedProbabilities: Codable, Sendable, Equatable {
        /// How they were estimated, in words.
        public var method: String
        public var repetitions: Int
        public var selectedCases: [EstimatedCase]
    }

    public struct EstimatedCase: Codable, Sendable, Equatable {
        public var caseReference: String
        /// Repetitions that selected it, over ``repetitions``.
        public var inclusionProbability: Double
        public var standardError: Double
        public var repetitions: Int

        enum CodingKeys: String, CodingKey {
            case caseReference = "case", inclusionProbability, standardError, repetitions
        }
    }

    /// A cross-classification cell with eligible cases.
    public struct Stratum: Codable, Sendable, Equatable {
        /// Category codes joined by `/`, such as `male/community/low`.
        public var stratum: String
        public var population: Int
        public var share: Double
        public var expected: Double
        public var sample: Int
        /// Substitutes listed for this stratum's sampled cases, wherever they came from; nil in records
        /// written before it was recorded.
        public var substitutes: Int?
        /// This stratum's sampled cases with fewer substitutes than asked; nil as for ``substitutes``.
        public var casesShortOfSubstitutes: Int?

        private enum CodingKeys: String, CodingKey {
            case stratum, population, share, expected, sample, substitutes, casesShortOfSubstitutes
        }

        // The two counts are left out, not written as null, when absent, so that an older record is
        // written again as it was.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(stratum, forKey: .stratum)
            try container.encode(population, forKey: .population)
            try container.encode(share, forKey: .share)
            try container.encode(expected, forKey: .expected)
            try container.encode(sample, forKey: .sample)
            if let substitutes { try container.encode(substitutes, forKey: .substitutes) }
            if let casesShortOfSubstitutes { try container.encode(casesShortOfSubstitutes, forKey: .casesShortOfSubstitutes) }
        }
    }

    public struct Substitutes: Codable, Sendable, Equatable {
        public var listed: Int
        public var fromNearestStratum: Int
        public var selectedCasesShortOfSubstitutes: [String]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tool, forKey: .tool)
        if let title { try container.encode(title, forKey: .title) }
        try container.encode(spec, forKey: .spec)
        try container.encode(input, forKey: .input)
        if let period { try container.encode(period, forKey: .period) }
        try container.encode(draw, forKey: .draw)
        try container.encode(counts, forKey: .counts)
        try container.encode(rulesNotApplied, forKey: .rulesNotApplied)
        try container.encode(units, forKey: .units)
        try container.encode(proportional, forKey: .proportional)
        try container.encode(variables, forKey: .variables)
        if let officerLimit { try container.encode(officerLimit, forKey: .officerLimit) }
        try container.encode(strata, forKey: .strata)
        try container.encode(substitutes, forKey: .substitutes)
        try container.encode(outputs, forKey: .outputs)
        if let recordSHA256 { try container.encode(recordSHA256, forKey: .recordSHA256) }
    }
}
