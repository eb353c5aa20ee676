import Foundation

/// Everything `casesample replace` does: read the final sample, take one case out, promote the next
/// substitute, and build the new files. The caller writes them with ``FinalOutputs/write(to:replacingExisting:)``,
/// which swaps the whole directory at once.
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

    /// Runs the job and returns the new state, the replacement and the files (nothing is written here).
    ///
    /// - Throws: ``FinalizeError`` when the directory is not as casesample wrote it; ``UnknownReason``;
    ///   ``FinalSample/ReplaceError`` when the case is not in the sample or no substitute is left.
    public func run() throws -> (sample: FinalSample, replacement: Replacement, outputs: FinalOutputs) {
        let current = try FinalSample.load(directory: directory)
        let trimmed = reason.trimmingSpaces()
        let resolved: ExclusionReasonText
        if let known = current.spec.exclusionReason(named: trimmed) {
            resolved = known
        } else if allowsFreeText && !trimmed.isEmpty {
            resolved = ExclusionReasonText(code: Self.freeTextCode, text: trimmed)
        } else {
            throw UnknownReason(reasons: current.spec.exclusionReasonList)
        }
        let (sample, replacement) = try current.replacing(
            reference: caseReference, reason: resolved, time: Self.timestamp(time), allowShortfall: allowShortfall)
        return (sample, replacement, FinalOutputs(sample: sample, toolVersion: toolVersion))
    }

    /// `time` in UTC as ISO 8601 to the second, such as `2026-11-24T10:05:00Z`.
    public static func timestamp(_ time: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: time)
    }
}
