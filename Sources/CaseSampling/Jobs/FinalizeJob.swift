/// Everything `casesample finalize` does: read and check the draw directory, read the returned list
/// and match it with the draw, make the final sample, and write its files.
public struct FinalizeJob: Sendable {
    /// The directory `casesample draw` wrote.
    public var drawDirectory: String
    /// The returned list.
    public var returnedPath: String
    /// Keep provisional cases that the returned list leaves out, rather than refusing it.
    public var missingMeansKept: Bool
    /// The returned list's delimiter; nil detects it.
    public var delimiter: UInt8?
    /// The inspection's name atop `report.html`; nil keeps the draw's `--title`, if it had one.
    public var title: String?
    public var toolVersion: String

    public init(drawDirectory: String, returnedPath: String, missingMeansKept: Bool = false, delimiter: UInt8? = nil, toolVersion: String) {
        self.drawDirectory = drawDirectory
        self.returnedPath = returnedPath
        self.missingMeansKept = missingMeansKept
        self.delimiter = delimiter
        self.toolVersion = toolVersion
    }

    /// What a finalize made.
    public struct Outcome: Sendable {
        public var sample: FinalSample
        public var match: ReturnedList.Match
        public var outputs: FinalOutputs
    }

    /// The default output directory for a draw directory: `<draw directory>-final`, beside it.
    public static func defaultOutput(forDraw directory: String) -> String {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed + "-final"
    }

    /// Makes the final sample and its files, in memory.
    ///
    /// - Throws: ``FinalizeError`` for a draw directory that is not as the draw wrote it, a returned
    ///   list that cannot be read, or one that does not fit the draw.
    public func run() throws(FinalizeError) -> Outcome {
        let draw = try DrawDirectory(path: drawDirectory)
        let spec = draw.sample.spec
        let returned = try ReturnedList.read(path: returnedPath, spec: spec, delimiter: delimiter)
        let match = try returned.match(with: draw.sample, missingMeansKept: missingMeansKept)
        let marks = match.marks.values
        let returnedSection = FinalizeRecord.Returned(
            file: lastPathComponent(returnedPath), sha256: returned.sha256, encoding: returned.encoding.rawValue,
            delimiter: String(UnicodeScalar(returned.delimiter)),
            columns: .init(
                caseReference: returned.columnHeaders.caseReference, exclusion: returned.columnHeaders.exclusion,
                availability: returned.columnHeaders.availability),
            rows: returned.entries.count, provisionalFound: match.provisionalFound, substitutesFound: match.substitutesFound,
            provisionalMissing: match.provisionalMissing, missingMeansKept: missingMeansKept,
            excluded: marks.filter { $0.reason != spec.officerUnavailableReason }.count,
            officerUnavailable: marks.filter(\.officerUnavailable).count)
        let drawSection = FinalizeRecord.DrawReference(
            directory: lastPathComponent(draw.path), seed: draw.sample.seed, provisional: draw.sample.provisional.count,
            substitutesListed: draw.sample.substitutes.count, officerLimit: draw.sample.officerLimit,
            unitsBalanced: draw.sample.unitsBalanced ? nil : false, inputs: draw.digests)
        let sample = FinalSample.finalize(draw: draw.sample, match: match)
        let history = FinalizeRecord.HistoryEntry.finalize(
            returned: returnedSection.file, returnedSHA256: returnedSection.sha256,
            replaced: sample.replacements.filter { !$0.isShortfall }.count, shortfall: sample.replacements.filter(\.isShortfall).count)
        let outputs = FinalOutputs(
            sample: sample, spec: SpecReference(name: spec.name, sha256: SHA256.hexDigest(draw.sample.specBytes)),
            draw: drawSection, returned: returnedSection, history: [history], title: title ?? draw.record.title,
            toolVersion: toolVersion)
        return Outcome(sample: sample, match: match, outputs: outputs)
    }

    /// Makes the final sample and writes its files to `directory`, whole (``StagedOutput``).
    ///
    /// - Parameter replacingExisting: replace an earlier final sample there, unless fieldwork
    ///   replacements were recorded in it since (those would be lost).
    /// - Throws: as ``run()``; ``FieldworkWouldBeLost``; ``OutputError`` when the directory cannot be written.
    public func run(writingTo directory: String, replacingExisting: Bool) throws -> Outcome {
        if replacingExisting, let problem = CompleteOutput.finalSampleProblem(directory) {
            throw OutputError(.unrecognisedDirectory, path: directory, message: "is not a complete final sample (\(problem)), so it is not replaced")
        }
        let outcome = try run()
        if replacingExisting, let count = FinalizeDirectory.recordedFieldworkReplacements(path: directory), count > 0 {
            throw FieldworkWouldBeLost(directory: directory, replacements: count)
        }
        try StagedOutput.write(
            outcome.outputs.files, to: directory, replacingExisting: replacingExisting, marker: OutputFiles.finalizeRecord)
        return outcome
    }

    /// `--force` over a final sample that fieldwork replacements have changed since.
    public struct FieldworkWouldBeLost: Error, Sendable, CustomStringConvertible {
        public var directory: String
        public var replacements: Int
        public var description: String {
            "\(directory): already holds a final sample with \(replacements) fieldwork replacement\(replacements == 1 ? "" : "s") recorded; finalize --force would discard them, so nothing was written (move it aside first if you mean to start again)"
        }
    }
}
