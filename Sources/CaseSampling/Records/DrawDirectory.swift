import Foundation

/// A directory written by `casesample draw`, read back for `finalize` and checked to be as the draw
/// wrote it.
///
/// It uses `draw.json` (the seed, the population by variable and stratum, and the SHA-256 of every
/// output), `spec.json` (the spec as used, whose SHA-256 `draw.json` also records),
/// `provisional.csv` and `substitutes.csv`. Every output `draw.json` lists must be present and
/// unchanged: a provisional list re-saved by Excel, or edited by hand, is refused, because the
/// final sample must come from the draw as recorded.
public struct DrawDirectory: Sendable {
    public let path: String
    public let spec: SampleSpec
    public let specBytes: [UInt8]
    /// The long list's headers, as `provisional.csv` writes them.
    public let headers: [String]
    /// The provisional sample, in `provisional.csv` order.
    public let provisional: [DrawnCase]
    /// The physical line of each provisional case in `provisional.csv`.
    public let provisionalLines: [Int]
    /// The substitutes, in `substitutes.csv` order.
    public let substitutes: [ListedSubstitute]
    public let seed: UInt64
    /// The draw's `--max-per-officer`, which substitutions keep to where they can.
    public let officerLimit: Int?
    public let shares: PopulationShares
    /// The SHA-256 of each file read, by name: `draw.json`, `spec.json`, `provisional.csv`, `substitutes.csv`.
    public let digests: [(name: String, sha256: String)]

    /// The trailing columns `substitutes.csv` has after the long list's.
    static let substituteColumns = ["Stratum", "SubstituteFor", "Rank", "Note"]

    /// Reads and checks the draw directory at `path`.
    ///
    /// - Throws: ``FinalizeError`` when a file is missing or unreadable, when a file's SHA-256 is not
    ///   the one `draw.json` records, or when the files are not laid out as `casesample draw` writes them.
    public init(path: String) throws(FinalizeError) {
        func file(_ name: String) -> String { "\(path)/\(name)" }
        func read(_ name: String) throws(FinalizeError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: file(name)) else {
                throw FinalizeError(ReadProblem(.cannotOpen, file: file(name), message: "cannot read it; is \(path) a directory written by 'casesample draw'?"))
            }
            return [UInt8](data)
        }
        let recordBytes = try read("draw.json")
        let record: JSONValue
        do { record = try JSONValue.parse(recordBytes) } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file("draw.json"), message: "not valid JSON: \(error)"))
        }
        guard let outputs = record["outputs"]?.objectValue, let seed = record["draw"]?["seed"]?.intValue,
              let shares = PopulationShares.read(from: record, provisionalKey: "sample")
        else {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file("draw.json"), message: "not a draw record (outputs, draw.seed or variables missing)"))
        }
        var digests: [(name: String, sha256: String)] = [("draw.json", SHA256.hexDigest(recordBytes))]
        var contents: [String: [UInt8]] = [:]
        var problems: [ReadProblem] = []
        for (name, entry) in outputs {
            guard let recorded = entry["sha256"]?.stringValue else { continue }
            guard let data = FileManager.default.contents(atPath: file(name)) else {
                problems.append(ReadProblem(.cannotOpen, file: file(name), message: "missing: draw.json lists it as an output of the draw"))
                continue
            }
            let bytes = [UInt8](data)
            if SHA256.hexDigest(bytes) != recorded {
                problems.append(ReadProblem(.changedOutput, file: file(name), message: "changed since the draw: its SHA-256 is not the one draw.json records (was it opened and saved, or edited?); restore it from the draw, or draw again"))
            }
            contents[name] = bytes
        }
        let specBytes = try read("spec.json")
        if let recorded = record["spec"]?["sha256"]?.stringValue, recorded != SHA256.hexDigest(specBytes) {
            problems.append(ReadProblem(.changedOutput, file: file("spec.json"), message: "changed since the draw: its SHA-256 is not the one draw.json records"))
        }
        for name in ["provisional.csv", "substitutes.csv"] where contents[name] == nil && outputs.allSatisfy({ $0.0 != name }) {
            problems.append(ReadProblem(.notCasesampleOutput, file: file("draw.json"), message: "does not list \(name) among the draw's outputs"))
        }
        guard problems.isEmpty else {
            throw FinalizeError("\(path) is not the draw as it was written (nothing was written):", problems: problems)
        }
        let spec: SampleSpec
        do { spec = try SampleSpec.load(bytes: specBytes, file: file("spec.json")) } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file("spec.json"), message: error.description))
        }
        digests.append(("spec.json", SHA256.hexDigest(specBytes)))

        let provisional = try OutputTable.parse(contents["provisional.csv"]!, file: file("provisional.csv"))
        let substitutes = try OutputTable.parse(contents["substitutes.csv"]!, file: file("substitutes.csv"))
        let width = provisional.headers.count - 1
        guard width > 0, provisional.headers.last == "Stratum",
              substitutes.hasTrailingColumns(Self.substituteColumns, after: width),
              Array(substitutes.headers.prefix(width)) == Array(provisional.headers.prefix(width)),
              let columns = CaseColumns(headers: provisional.headers, width: width, spec: spec)
        else {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file("provisional.csv"), line: 1, message: "the columns are not laid out as 'casesample draw' writes them (the long list's columns, then Stratum; substitutes.csv adds SubstituteFor, Rank and Note)"))
        }
        digests.append(("provisional.csv", SHA256.hexDigest(provisional.bytes)))
        digests.append(("substitutes.csv", SHA256.hexDigest(substitutes.bytes)))

        self.path = path
        self.spec = spec
        self.specBytes = specBytes
        self.headers = Array(provisional.headers.prefix(width))
        self.provisional = provisional.records.map { columns.drawnCase($0.fields, stratum: $0.fields[safe: width] ?? "") }
        self.provisionalLines = provisional.records.map(\.line)
        self.substitutes = substitutes.records.map { columns.listedSubstitute($0.fields) }
        self.seed = UInt64(bitPattern: Int64(seed))
        officerLimit = record["officerLimit"]?["limit"]?.intValue
        self.shares = shares
        self.digests = digests
    }
}
