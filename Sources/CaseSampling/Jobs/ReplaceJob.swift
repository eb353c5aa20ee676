import Foundation

/// Everything `casesample replace` does: read the final sample, take one case out, promote the next
/// substitute, and write the new state over the old one, whole.
public struct ReplaceJob: Sendable {
    /// The directory `casesample finalize` wrote.
    public var directory: String
    /// The case to replace, as written anywhere (compared ignoring case and surrounding spaces).
    public var caseReference: String
    /// The reason: one of the spec's exclusion reasons (code or text), or free text with ``allowsFreeText``.
    public var reason: String
    /// Record a reason that names none of the spec's reasons as written, with the code `other`.
    public var allowsFreeText: Bool
    /// Remove the case even when no substitute of its stratum is left.
    public var allowShortfall: Bool
    public var time: Date
    public var toolVersion: String

    public init(directory: String, caseReference: String, reason: String, allowsFreeText: Bool = false,
                allowShortfall: Bool = false, time: Date = Date(), toolVersion: String) {
        self.directory = directory
        self.caseReference = caseReference
        self.reason = reason
        self.allowsFreeText = allowsFreeText
        self.allowShortfall = allowShortfall
        self.time = time
        self.toolVersion = toolVersion
    }

    /// Why the reason is not accepted: it names none of the spec's reasons and free text was not allowed.
    public struct UnknownReason: Error, Sendable, CustomStringConvertible {
        /// ``SampleSpec/exclusionReasonList``.
        public var reasons: String
        public var description: String {
            "--reason names none of the spec's exclusion reasons; give the code or the text of one of these (case, spaces and punctuation do not matter), or --free-text to record a reason of your own:\n" + reasons
        }
    }

    /// The code recorded for a free-text reason.
    public static let freeTextCode = "other"

    /// What a replacement made.
    public struct Outcome: Sendable {
        public var sample: FinalSample
        public var replacement: Replacement
        public var outputs: FinalOutputs
    }

    /// Makes the new state and its files, in memory.
    ///
    /// - Throws: ``FinalizeError`` when the directory is not as casesample wrote it; ``UnknownReason``;
    ///   ``FinalSample/ReplaceError`` when the case is not in the sample or no substitute is left.
    public func run() throws -> Outcome {
        let current = try FinalizeDirectory(path: directory)
        let spec = current.sample.spec
        let trimmed = reason.trimmingSpaces()
        let resolved: ExclusionReasonText
        if let known = spec.exclusionReason(named: trimmed) {
            resolved = known
        } else if allowsFreeText && !trimmed.isEmpty {
            resolved = ExclusionReasonText(code: Self.freeTextCode, text: trimmed)
        } else {
            throw UnknownReason(reasons: spec.exclusionReasonList)
        }
        let timestamp = Self.timestamp(time)
        let (sample, replacement) = try current.sample.replacing(
            reference: caseReference, reason: resolved, time: timestamp, allowShortfall: allowShortfall)
        let entry = FinalizeRecord.HistoryEntry.replace(
            time: timestamp, caseReference: replacement.reference, reasonCode: resolved.code, reason: resolved.text,
            substitute: replacement.substitute, source: replacement.source?.description)
        let record = current.record
        let outputs = FinalOutputs(
            sample: sample, spec: record.spec, draw: record.draw, returned: record.returned, history: record.history + [entry],
            title: record.title, toolVersion: toolVersion)
        return Outcome(sample: sample, replacement: replacement, outputs: outputs)
    }

    /// Makes the new state and swaps it in for the directory's old one, whole (``StagedOutput``): an
    /// interrupted replace leaves the previous state.
    public func runAndWrite() throws -> Outcome {
        let outcome = try run()
        try StagedOutput.write(outcome.outputs.files, to: directory, replacingExisting: true, marker: OutputFiles.finalizeRecord)
        return outcome
    }

    /// `time` in UTC as ISO 8601 to the second, such as `2026-11-24T10:05:00Z`.
    public static func timestamp(_ time: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: time)
    }
}
