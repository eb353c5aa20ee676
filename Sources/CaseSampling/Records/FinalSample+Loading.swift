import Foundation

extension FinalSample {
    /// Reads the final sample that `finalize` (and any `replace` since) wrote to `directory`.
    ///
    /// - Throws: ``FinalizeError`` when a file is missing, when a file's SHA-256 is not the one
    ///   `finalize.json` records (edited by hand, or re-saved by a spreadsheet), or when the files are
    ///   not laid out as `finalize` writes them.
    public static func load(directory: String) throws(FinalizeError) -> FinalSample {
        func file(_ name: String) -> String { "\(directory)/\(name)" }
        guard let recordData = FileManager.default.contents(atPath: file("finalize.json")) else {
            throw FinalizeError(ReadProblem(.cannotOpen, file: file("finalize.json"), message: "cannot read it; is \(directory) a directory written by 'casesample finalize'?"))
        }
        let record: JSONValue
        do { record = try JSONValue.parse([UInt8](recordData)) } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file("finalize.json"), message: "not valid JSON: \(error)"))
        }
        func malformed(_ what: String) -> FinalizeError {
            FinalizeError(ReadProblem(.notCasesampleOutput, file: file("finalize.json"), message: "not a record written by 'casesample finalize' (\(what))"))
        }
        guard let outputs = record["outputs"]?.objectValue else { throw malformed("no outputs") }
        var contents: [String: [UInt8]] = [:]
        var problems: [ReadProblem] = []
        for name in FinalOutputs.fileNames where name != FinalOutputs.marker {
            guard let recorded = outputs.first(where: { $0.0 == name })?.1["sha256"]?.stringValue else {
                problems.append(ReadProblem(.notCasesampleOutput, file: file("finalize.json"), message: "outputs does not list \(name)"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: file(name)) else {
                problems.append(ReadProblem(.cannotOpen, file: file(name), message: "missing"))
                continue
            }
            contents[name] = [UInt8](data)
            if SHA256.hexDigest(contents[name]!) != recorded {
                problems.append(ReadProblem(.changedOutput, file: file(name), message: "changed since casesample wrote it: its SHA-256 is not the one finalize.json records (was it opened and saved, or edited?); restore it, as replace keeps the sample and its record in step"))
            }
        }
        guard problems.isEmpty else {
            throw FinalizeError("\(directory) is not the final sample as casesample wrote it (nothing was changed):", problems: problems)
        }
        let specBytes = contents["spec.json"]!
        let spec: SampleSpec
        do { spec = try SampleSpec.load(bytes: specBytes, file: file("spec.json")) } catch {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file("spec.json"), message: error.description))
        }
        guard let seed = record["draw"]?["seed"]?.intValue, let provisionalSize = record["draw"]?["provisional"]?.intValue,
              let proportions = record["proportions"],
              let shares = PopulationShares.read(from: proportions, provisionalKey: "provisional"),
              let history = record["history"]?.arrayValue, let replacementsJSON = record["replacements"]?.arrayValue
        else { throw malformed("draw, proportions, replacements or history missing") }
        var replacements: [Replacement] = []
        for item in replacementsJSON {
            guard let replacement = Replacement(json: item) else { throw malformed("a replacement it cannot read") }
            replacements.append(replacement)
        }

        let final = try OutputTable.parse(contents["final.csv"]!, file: file("final.csv"))
        let reserve = try OutputTable.parse(contents["reserve.csv"]!, file: file("reserve.csv"))
        let removed = try OutputTable.parse(contents["removed.csv"]!, file: file("removed.csv"))
        let width = final.headers.count - FinalOutputs.finalColumns.count
        let headers = Array(final.headers.prefix(max(width, 0)))
        guard width > 0, final.hasTrailingColumns(FinalOutputs.finalColumns, after: width),
              reserve.hasTrailingColumns(DrawDirectory.substituteColumns, after: width), Array(reserve.headers.prefix(width)) == headers,
              removed.hasTrailingColumns(FinalOutputs.removedColumns, after: width), Array(removed.headers.prefix(width)) == headers,
              let columns = CaseColumns(headers: headers, width: width, spec: spec)
        else {
            throw FinalizeError(ReadProblem(.notCasesampleOutput, file: file("final.csv"), line: 1, message: "the columns are not laid out as 'casesample finalize' writes them"))
        }
        let members = final.records.map { record in
            let drawn = columns.drawnCase(record.fields, stratum: record.fields[safe: width] ?? "")
            let status = record.fields[safe: width + 1] ?? ""
            let prefix = "substitute for "
            return Member(drawn: drawn, slot: status.hasPrefix(prefix) ? String(status.dropFirst(prefix.count)) : drawn.reference)
        }
        let reserveEntries = reserve.records.map { columns.listedSubstitute($0.fields) }
        let removals = removed.records.map { record in
            let f = record.fields
            return Removal(
                drawn: columns.drawnCase(f, stratum: f[safe: width] ?? ""), status: f[safe: width + 1] ?? "",
                reason: ExclusionReasonText(code: f[safe: width + 2] ?? "", text: f[safe: width + 3] ?? ""),
                replacedBy: f[safe: width + 4] ?? "", stage: Replacement.Stage(rawValue: f[safe: width + 5] ?? "") ?? .fieldwork)
        }
        let context = ["spec", "draw", "returned"].compactMap { key in record[key].map { (key, $0) } }
        return FinalSample(
            spec: spec, specBytes: specBytes, headers: headers, members: members, reserve: reserveEntries, removed: removals,
            replacements: replacements, seed: UInt64(bitPattern: Int64(seed)), officerLimit: record["draw"]?["officerLimit"]?.intValue,
            shares: shares, provisionalSize: provisionalSize,
            context: context, history: history)
    }
}

extension FinalSample {
    /// The number of fieldwork replacements recorded in `directory/finalize.json`'s history, or nil
    /// when there is no such record to read. It does not check the other files.
    public static func recordedFieldworkReplacements(directory: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: "\(directory)/finalize.json"),
              let history = (try? JSONValue.parse([UInt8](data)))?["history"]?.arrayValue else { return nil }
        return history.filter { $0["action"]?.stringValue == "replace" }.count
    }
}

extension Replacement {
    /// Reads an entry of `finalize.json`'s `replacements`.
    init?(json: JSONValue) {
        guard let stage = json["stage"]?.stringValue.flatMap(Stage.init(rawValue:)),
              let reference = json["case"]?.stringValue, let status = json["status"]?.stringValue,
              let slot = json["slot"]?.stringValue, let stratum = json["stratum"]?.stringValue,
              let code = json["reasonCode"]?.stringValue, let text = json["reason"]?.stringValue
        else { return nil }
        var source: SubstitutionRule.Source?
        if let description = json["source"]?.stringValue {
            guard let parsed = SubstitutionRule.Source(description: description) else { return nil }
            source = parsed
        }
        self.init(
            stage: stage, time: nil, reference: reference, status: status, slot: slot, stratum: stratum,
            reason: ExclusionReasonText(code: code, text: text), officerUnavailable: json["officerUnavailable"]?.boolValue ?? false,
            substitute: json["substitute"]?.stringValue, source: source,
            overOfficerLimit: json["overOfficerLimit"]?.boolValue ?? false)
    }
}

extension SubstitutionRule.Source {
    /// The source that ``description`` describes.
    init?(description: String) {
        let own = "own substitute, rank "
        if description.hasPrefix(own), let rank = Int(description.dropFirst(own.count)) {
            self = .ownSubstitute(rank: rank)
            return
        }
        guard let match = [Self.sameTier2Unit, .sameTier1Unit, .sameStratum].first(where: { $0.description == description }) else { return nil }
        self = match
    }
}
