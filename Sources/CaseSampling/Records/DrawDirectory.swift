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
    public let record: DrawRecord
    /// The draw as `finalize` works from it.
    public let sample: ProvisionalSample
    /// The SHA-256 of each file read: `draw.json`, `spec.json`, `provisional.csv`, `substitutes.csv`.
    public let digests: FileDigests

    /// Reads and checks the draw directory at `path`.
    ///
    /// - Throws: ``FinalizeError`` when a file is missing, unreadable or not a regular file inside the
    ///   directory (a symbolic link, a FIFO, a name with `/` or `..`), when `draw.json` does not agree
    ///   with itself (``DrawRecord/consistencyProblems``) or with the files, when a file's SHA-256 is not
    ///   the one `draw.json` records, or when the files are not laid out as `casesample draw` writes them.
    public init(path: String) throws(FinalizeError) {
        func file(_ name: String) -> String { "\(path)/\(name)" }
        func read(_ name: String) throws(FinalizeError) -> [UInt8] {
            switch DirectoryFile.read(name, in: path) {
            case .success(let bytes): return bytes
            case .failure(.missing):
                throw FinalizeError(ReadProblem(.cannotOpen, file: file(name), message: "cannot read it; is \(path) a directory written by 'casesample draw'?"))
            case .failure(let failure):
                throw FinalizeError(ReadProblem(.cannotOpen, file: file(name), message: failure.description))
            }
        }
        let recordBytes = try read(OutputFiles.drawRecord)
        let record: DrawRecord
        do {
            record = try DrawRecord.load(bytes: recordBytes, file: file(OutputFiles.drawRecord))
        } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: error.file, message: error.message))
        }
        let inconsistencies = record.consistencyProblems
        guard inconsistencies.isEmpty else {
            throw FinalizeError(
                "\(path) is not the draw as it was written: its draw.json does not agree with itself (nothing was written):",
                problems: inconsistencies.map { ReadProblem(.changedOutput, file: file(OutputFiles.drawRecord), message: $0) })
        }
        var digests = [FileDigests.Entry(name: OutputFiles.drawRecord, sha256: SHA256.hexDigest(recordBytes))]
        var contents: [String: [UInt8]] = [:]
        var problems: [ReadProblem] = []
        for entry in record.outputs.entries {
            let bytes: [UInt8]
            switch DirectoryFile.read(entry.name, in: path) {
            case .success(let read): bytes = read
            case .failure(.missing):
                problems.append(ReadProblem(.cannotOpen, file: file(entry.name), message: "missing: draw.json lists it as an output of the draw"))
                continue
            case .failure(let failure):
                problems.append(ReadProblem(.cannotOpen, file: file(entry.name), message: failure.description))
                continue
            }
            if SHA256.hexDigest(bytes) != entry.sha256 {
                problems.append(ReadProblem(.changedOutput, file: file(entry.name), message: "changed since the draw: its SHA-256 is not the one draw.json records (was it opened and saved, or edited?); restore it from the draw, or draw again"))
            }
            contents[entry.name] = bytes
        }
        let specBytes = try read(OutputFiles.spec)
        if record.spec.sha256 != SHA256.hexDigest(specBytes) {
            problems.append(ReadProblem(.changedOutput, file: file(OutputFiles.spec), message: "changed since the draw: its SHA-256 is not the one draw.json records"))
        }
        for name in [OutputFiles.provisional, OutputFiles.substitutes] where record.outputs[name] == nil {
            problems.append(ReadProblem(.notCasesampleOutput, file: file(OutputFiles.drawRecord), message: "does not list \(name) among the draw's outputs"))
        }
        guard problems.isEmpty else {
            throw FinalizeError("\(path) is not the draw as it was written (nothing was written):", problems: problems)
        }
        let spec: SampleSpec
        do { spec = try SampleSpec.load(bytes: specBytes, file: file(OutputFiles.spec)) } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file(OutputFiles.spec), message: error.description))
        }
        digests.append(.init(name: OutputFiles.spec, sha256: SHA256.hexDigest(specBytes)))

        let provisional = try OutputTable.parse(contents[OutputFiles.provisional]!, file: file(OutputFiles.provisional))
        let substitutes = try OutputTable.parse(contents[OutputFiles.substitutes]!, file: file(OutputFiles.substitutes))
        // The long list's columns, then Stratum, then InclusionProbability when --max-per-officer binds.
        let estimated = provisional.headers.last == OutputFiles.inclusionProbabilityColumn
        let width = provisional.headers.count - (estimated ? 2 : 1)
        guard width > 0, provisional.headers[width] == OutputFiles.stratumColumn,
              substitutes.hasTrailingColumns(OutputFiles.substituteColumns, after: width),
              Array(substitutes.headers.prefix(width)) == Array(provisional.headers.prefix(width)),
              let columns = CaseColumns(headers: provisional.headers, width: width, spec: spec)
        else {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file(OutputFiles.provisional), line: 1, message: "the columns are not laid out as 'casesample draw' writes them (the long list's columns, then Stratum, and InclusionProbability under a binding --max-per-officer; substitutes.csv adds SubstituteFor, Rank and Note)"))
        }
        guard provisional.records.count == record.draw.size, substitutes.records.count == record.substitutes.listed else {
            throw FinalizeError(ReadProblem(
                .changedOutput, file: file(OutputFiles.drawRecord),
                message: "does not agree with the draw's files: draw.size is \(record.draw.size) and substitutes.listed \(record.substitutes.listed), but provisional.csv has \(provisional.records.count) cases and substitutes.csv \(substitutes.records.count)"))
        }
        digests.append(.init(name: OutputFiles.provisional, sha256: SHA256.hexDigest(provisional.bytes)))
        digests.append(.init(name: OutputFiles.substitutes, sha256: SHA256.hexDigest(substitutes.bytes)))

        self.path = path
        self.record = record
        self.digests = FileDigests(digests)
        var sample = ProvisionalSample(
            directory: path, spec: spec, specBytes: specBytes, headers: Array(provisional.headers.prefix(width)),
            provisional: provisional.records.map { columns.drawnCase($0.fields, stratum: $0.fields[safe: width] ?? "") },
            provisionalLines: provisional.records.map(\.line),
            substitutes: substitutes.records.map { columns.listedSubstitute($0.fields) },
            seed: record.draw.seed, officerLimit: record.officerLimit?.limit, shares: PopulationShares(record))
        sample.unitsBalanced = record.units.balanced ?? true
        self.sample = sample
    }
}
