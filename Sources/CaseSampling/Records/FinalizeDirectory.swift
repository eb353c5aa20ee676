import Foundation

/// A directory written by `casesample finalize` (and updated by `replace`), read back and checked to
/// be as casesample wrote it: the record and the final sample it describes.
public struct FinalizeDirectory: Sendable {
    public let path: String
    public let record: FinalizeRecord
    public let sample: FinalSample

    /// Reads the final sample that `finalize` (and any `replace` since) wrote to `path`.
    ///
    /// - Throws: ``FinalizeError`` when a file is missing or not a regular file inside the directory,
    ///   when `finalize.json` does not agree with itself (``FinalizeRecord/consistencyProblems``), when
    ///   a file's SHA-256 is not the one `finalize.json` records (edited by hand, or re-saved by a
    ///   spreadsheet), or when the files are not laid out as `finalize` writes them.
    public init(path: String) throws(FinalizeError) {
        func file(_ name: String) -> String { "\(path)/\(name)" }
        let recordData: [UInt8]
        switch DirectoryFile.read(OutputFiles.finalizeRecord, in: path) {
        case .success(let bytes): recordData = bytes
        case .failure(.missing):
            throw FinalizeError(ReadProblem(.cannotOpen, file: file(OutputFiles.finalizeRecord), message: "cannot read it; is \(path) a directory written by 'casesample finalize'?"))
        case .failure(let failure):
            throw FinalizeError(ReadProblem(.cannotOpen, file: file(OutputFiles.finalizeRecord), message: failure.description))
        }
        let record: FinalizeRecord
        do {
            record = try FinalizeRecord.load(bytes: recordData, file: file(OutputFiles.finalizeRecord))
        } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: error.file, message: error.message))
        }
        let inconsistencies = record.consistencyProblems
        guard inconsistencies.isEmpty else {
            throw FinalizeError(
                "\(path) is not the final sample as casesample wrote it: its finalize.json does not agree with itself (nothing was changed):",
                problems: inconsistencies.map { ReadProblem(.changedOutput, file: file(OutputFiles.finalizeRecord), message: $0) })
        }
        var contents: [String: [UInt8]] = [:]
        var problems: [ReadProblem] = []
        // report.html is made again from the record, never read back; directories written before it existed lack it.
        for name in OutputFiles.finalSample where name != OutputFiles.finalizeRecord && name != OutputFiles.report {
            guard let recorded = record.outputs[name] else {
                problems.append(ReadProblem(.notCasesampleOutput, file: file(OutputFiles.finalizeRecord), message: "outputs does not list \(name)"))
                continue
            }
            switch DirectoryFile.read(name, in: path) {
            case .success(let bytes): contents[name] = bytes
            case .failure(let failure):
                problems.append(ReadProblem(.cannotOpen, file: file(name), message: failure.description))
                continue
            }
            if SHA256.hexDigest(contents[name]!) != recorded {
                problems.append(ReadProblem(.changedOutput, file: file(name), message: "changed since casesample wrote it: its SHA-256 is not the one finalize.json records (was it opened and saved, or edited?); restore it, as replace keeps the sample and its record in step"))
            }
        }
        guard problems.isEmpty else {
            throw FinalizeError("\(path) is not the final sample as casesample wrote it (nothing was changed):", problems: problems)
        }
        let specBytes = contents[OutputFiles.spec]!
        let spec: SampleSpec
        do { spec = try SampleSpec.load(bytes: specBytes, file: file(OutputFiles.spec)) } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file(OutputFiles.spec), message: error.description))
        }
        var replacements: [Replacement] = []
        for entry in record.replacements {
            do {
                replacements.append(try Replacement(entry, file: file(OutputFiles.finalizeRecord)))
            } catch {
                throw FinalizeError(ReadProblem(.notCasesampleOutput, file: error.file, message: "not a record written by 'casesample finalize' (\(error.message))"))
            }
        }

        let final = try OutputTable.parse(contents[OutputFiles.final]!, file: file(OutputFiles.final))
        let reserve = try OutputTable.parse(contents[OutputFiles.reserve]!, file: file(OutputFiles.reserve))
        let removed = try OutputTable.parse(contents[OutputFiles.removed]!, file: file(OutputFiles.removed))
        let width = final.headers.count - OutputFiles.finalColumns.count
        let headers = Array(final.headers.prefix(max(width, 0)))
        guard width > 0, final.hasTrailingColumns(OutputFiles.finalColumns, after: width),
              reserve.hasTrailingColumns(OutputFiles.substituteColumns, after: width), Array(reserve.headers.prefix(width)) == headers,
              removed.hasTrailingColumns(OutputFiles.removedColumns, after: width), Array(removed.headers.prefix(width)) == headers,
              let columns = CaseColumns(headers: headers, width: width, spec: spec)
        else {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file(OutputFiles.final), line: 1, message: "the columns are not laid out as 'casesample finalize' writes them"))
        }
        let members = final.records.map { record in
            let drawn = columns.drawnCase(record.fields, stratum: record.fields[safe: width] ?? "")
            let status = record.fields[safe: width + 1] ?? ""
            let prefix = "substitute for "
            return FinalSample.Member(drawn: drawn, slot: status.hasPrefix(prefix) ? String(status.dropFirst(prefix.count)) : drawn.reference)
        }
        let removals = removed.records.map { record in
            let f = record.fields
            return FinalSample.Removal(
                drawn: columns.drawnCase(f, stratum: f[safe: width] ?? ""), status: f[safe: width + 1] ?? "",
                reason: ExclusionReasonText(code: f[safe: width + 2] ?? "", text: f[safe: width + 3] ?? ""),
                replacedBy: f[safe: width + 4] ?? "", stage: Replacement.Stage(rawValue: f[safe: width + 5] ?? "") ?? .fieldwork)
        }
        self.path = path
        self.record = record
        sample = FinalSample(
            spec: spec, specBytes: specBytes, headers: headers, members: members,
            reserve: reserve.records.map { columns.listedSubstitute($0.fields) }, removed: removals,
            replacements: replacements, seed: record.draw.seed, officerLimit: record.draw.officerLimit,
            shares: PopulationShares(record.proportions), provisionalSize: record.draw.provisional,
            ruleVersion: record.ruleVersion ?? 1, unitsBalanced: record.draw.unitsBalanced ?? true)
    }

    /// The number of fieldwork replacements recorded in `path/finalize.json`'s history, or nil when
    /// there is no such record to read. It does not check the other files.
    public static func recordedFieldworkReplacements(path: String) -> Int? {
        guard case .success(let data) = DirectoryFile.read(OutputFiles.finalizeRecord, in: path),
              let record = try? FinalizeRecord.load(bytes: data, file: path) else { return nil }
        return record.fieldworkReplacements
    }
}
