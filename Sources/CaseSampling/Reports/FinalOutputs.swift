/// The files of a final sample, built in memory so that they are written atomically, whole:
///
/// - `final.csv`: the final sample, the long list's columns, then `Stratum` and `Status` (`selected`
///   or `substitute for <provisional case reference>`); by tier-1 unit, tier-2 unit, case reference;
/// - `reserve.csv`: substitutes still usable, as `substitutes.csv` lists them, in its order;
/// - `removed.csv`: cases that left and substitutes that cannot be used, in the order they left, with
///   `Stratum`, `Status` (when they left), `ReasonCode`, `Reason`, `ReplacedBy` and `Stage`;
/// - `spec.json`: the draw's spec, unchanged;
/// - `finalize.json`: the record (``FinalizeRecord``), written last.
public struct FinalOutputs: Sendable {
    public var files: [(name: String, bytes: [UInt8])]
    public var record: JSONValue

    /// The names, in the order they are written.
    public static let fileNames = ["final.csv", "reserve.csv", "removed.csv", "spec.json", "finalize.json"]
    /// The file that marks a directory as a final sample's.
    public static let marker = "finalize.json"

    static let finalColumns = ["Stratum", "Status"]
    static let removedColumns = ["Stratum", "Status", "ReasonCode", "Reason", "ReplacedBy", "Stage"]

    public init(sample: FinalSample, toolVersion: String) {
        var final = CSVWriter()
        final.append(record: sample.headers + Self.finalColumns)
        for member in sample.members { final.append(record: member.drawn.fields + [member.drawn.stratum, member.status]) }

        var reserve = CSVWriter()
        reserve.append(record: sample.headers + DrawDirectory.substituteColumns)
        for entry in sample.reserve {
            reserve.append(record: entry.drawn.fields + [entry.drawn.stratum, entry.substituteFor, String(entry.rank), entry.note])
        }

        var removed = CSVWriter()
        removed.append(record: sample.headers + Self.removedColumns)
        for removal in sample.removed {
            removed.append(record: removal.drawn.fields + [
                removal.drawn.stratum, removal.status, removal.reason.code, removal.reason.text, removal.replacedBy,
                removal.stage.rawValue,
            ])
        }

        let data: [(name: String, bytes: [UInt8])] = [
            ("final.csv", final.bytes), ("reserve.csv", reserve.bytes), ("removed.csv", removed.bytes),
            ("spec.json", sample.specBytes),
        ]
        record = FinalizeRecord.make(sample: sample, outputs: data, toolVersion: toolVersion)
        files = data + [("finalize.json", record.serializedBytes())]
    }

    /// Writes every file into `directory` at once, through ``OutputDirectory``: into a temporary sibling
    /// first, then swapped in whole, so a crash leaves the earlier state or the new one, never a mixture.
    ///
    /// - Parameter replacingExisting: allow replacing a directory that holds `finalize.json`.
    /// - Throws: ``OutputError``.
    public func write(to directory: String, replacingExisting: Bool) throws(OutputError) {
        try OutputDirectory.write(files, to: directory, replacingExisting: replacingExisting, marker: Self.marker)
    }

    /// ``write(to:replacingExisting:)`` with ``OutputDirectory``'s test hooks: the replacing strategy
    /// and a failure injected after a step.
    func write(
        to directory: String, replacingExisting: Bool, strategy: OutputDirectory.ReplaceStrategy,
        after step: (OutputDirectory.Step) throws(OutputError) -> Void
    ) throws(OutputError) {
        try OutputDirectory.write(
            files, to: directory, replacingExisting: replacingExisting, marker: Self.marker, strategy: strategy, after: step)
    }
}
