/// Everything `casesample finalize` does between reading the command line and writing files: read
/// and check the draw directory, read the returned list and match it with the draw, make the final
/// sample and build its files.
public struct FinalizeJob: Sendable {
    /// The directory `casesample draw` wrote.
    public var drawDirectory: String
    /// The returned list.
    public var returnedPath: String
    /// Keep provisional cases that the returned list leaves out, rather than refusing it.
    public var missingMeansKept: Bool
    /// The returned list's delimiter; nil detects it.
    public var delimiter: UInt8?
    public var toolVersion: String

    public init(drawDirectory: String, returnedPath: String, missingMeansKept: Bool = false, delimiter: UInt8? = nil, toolVersion: String) {
        self.drawDirectory = drawDirectory
        self.returnedPath = returnedPath
        self.missingMeansKept = missingMeansKept
        self.delimiter = delimiter
        self.toolVersion = toolVersion
    }

    /// The default output directory for a draw directory: `<draw directory>-final`, beside it.
    public static func defaultOutput(forDraw directory: String) -> String {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed + "-final"
    }

    /// Runs the job and returns the final sample and its files (nothing is written here).
    ///
    /// - Throws: ``FinalizeError`` for a draw directory that is not as the draw wrote it, a returned
    ///   list that cannot be read, or one that does not fit the draw.
    public func run() throws(FinalizeError) -> (sample: FinalSample, match: ReturnedList.Match, outputs: FinalOutputs) {
        let draw = try DrawDirectory(path: drawDirectory)
        let returned = try ReturnedList.read(path: returnedPath, spec: draw.spec, delimiter: delimiter)
        let match = try returned.match(with: draw, missingMeansKept: missingMeansKept)
        let marks = match.marks.values
        let section: JSONValue = .object([
            ("file", .string(lastPathComponent(returnedPath))), ("sha256", .string(returned.sha256)),
            ("encoding", .string(returned.encoding.rawValue)), ("delimiter", .string(String(UnicodeScalar(returned.delimiter)))),
            ("columns", .object([
                ("caseReference", .string(returned.columnHeaders.caseReference)),
                ("exclusion", returned.columnHeaders.exclusion.map(JSONValue.string) ?? .null),
                ("availability", returned.columnHeaders.availability.map(JSONValue.string) ?? .null),
            ])),
            ("rows", .int(returned.entries.count)), ("provisionalFound", .int(match.provisionalFound)),
            ("substitutesFound", .int(match.substitutesFound)), ("provisionalMissing", .int(match.provisionalMissing)),
            ("missingMeansKept", .bool(missingMeansKept)),
            ("excluded", .int(marks.filter { $0.reason != draw.spec.officerUnavailableReason }.count)),
            ("officerUnavailable", .int(marks.filter(\.officerUnavailable).count)),
        ])
        let sample = FinalSample.finalize(draw: draw, match: match, returned: section)
        return (sample, match, FinalOutputs(sample: sample, toolVersion: toolVersion))
    }
}
