/// A draw as `finalize` works from it: the spec, the provisional cases and their listed substitutes in
/// the draw's order, the seed, the officer limit, and the eligible population's shares.
///
/// `Records/DrawDirectory` reads one from the directory `casesample draw` wrote, after checking that
/// every file is as the draw recorded it.
public struct ProvisionalSample: Sendable {
    /// Where the draw was read from, for messages.
    public var directory: String
    public var spec: SampleSpec
    public var specBytes: [UInt8]
    /// The long list's headers, as the draw wrote them.
    public var headers: [String]
    /// The provisional sample, in `provisional.csv` order.
    public var provisional: [DrawnCase]
    /// The physical line of each provisional case in `provisional.csv`.
    public var provisionalLines: [Int]
    /// The substitutes, in `substitutes.csv` order.
    public var substitutes: [ListedSubstitute]
    /// The draw's seed, which orders substitutes by permanent random number.
    public var seed: UInt64
    /// The draw's `--max-per-officer`, which substitutions keep to where they can.
    public var officerLimit: Int?
    /// Whether the draw spread the sample over the units (`draw.json`'s `units.balanced`), which
    /// decides the order of the reserve (``SubstitutionRule/Order``).
    public var unitsBalanced = true
    public var shares: PopulationShares

    public init(
        directory: String, spec: SampleSpec, specBytes: [UInt8], headers: [String], provisional: [DrawnCase],
        provisionalLines: [Int], substitutes: [ListedSubstitute], seed: UInt64, officerLimit: Int?, shares: PopulationShares
    ) {
        self.directory = directory
        self.spec = spec
        self.specBytes = specBytes
        self.headers = headers
        self.provisional = provisional
        self.provisionalLines = provisionalLines
        self.substitutes = substitutes
        self.seed = seed
        self.officerLimit = officerLimit
        self.shares = shares
    }
}
