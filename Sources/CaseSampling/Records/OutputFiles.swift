/// The names of the files a draw and a final sample are made of: the one list that writers, readers
/// and checks share.
public enum OutputFiles {
    /// The selected cases: the long list's columns, then ``stratumColumn``.
    public static let provisional = "provisional.csv"
    /// The substitutes: the long list's columns, then ``substituteColumns``.
    public static let substitutes = "substitutes.csv"
    /// Every excluded row: the long list's columns, then `Reason`.
    public static let excluded = "excluded.csv"
    /// The spec exactly as used.
    public static let spec = "spec.json"
    /// The report for people (``DrawReport``, ``FinalReport``): one self-contained HTML page.
    public static let report = "report.html"
    /// The draw's record (``DrawRecord``): it marks a directory as a draw's.
    public static let drawRecord = "draw.json"
    /// With `draw --xlsx`: `provisional.csv` on a sheet `Sample` and `substitutes.csv` on a sheet
    /// `Substitutes`, as an Excel workbook.
    public static let provisionalWorkbook = "provisional.xlsx"

    /// The final sample: the long list's columns, then ``finalColumns``.
    public static let final = "final.csv"
    /// Substitutes still usable, as `substitutes.csv` lists them.
    public static let reserve = "reserve.csv"
    /// Who left and why: the long list's columns, then ``removedColumns``.
    public static let removed = "removed.csv"
    /// The final sample's record (``FinalizeRecord``): it marks a directory as a final sample's.
    public static let finalizeRecord = "finalize.json"

    /// A draw's files, in the order they are written and compared.
    public static let draw = [provisional, substitutes, excluded, spec, report, drawRecord]
    /// A final sample's files, in the order they are written.
    public static let finalSample = [final, reserve, removed, spec, report, finalizeRecord]

    /// The column `provisional.csv` adds after the long list's.
    public static let stratumColumn = "Stratum"
    /// After ``stratumColumn`` in `provisional.csv`, only when `--max-per-officer` binds: each case's
    /// estimated inclusion probability.
    public static let inclusionProbabilityColumn = "InclusionProbability"
    /// The columns `substitutes.csv` (and `reserve.csv`) add after the long list's.
    public static let substituteColumns = ["Stratum", "SubstituteFor", "Rank", "Note"]
    /// The column `excluded.csv` adds after the long list's.
    public static let reasonColumn = "Reason"
    /// The columns `final.csv` adds after the long list's.
    public static let finalColumns = ["Stratum", "Status"]
    /// The columns `removed.csv` adds after the long list's.
    public static let removedColumns = ["Stratum", "Status", "ReasonCode", "Reason", "ReplacedBy", "Stage"]
}
