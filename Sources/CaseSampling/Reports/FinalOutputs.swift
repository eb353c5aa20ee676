/// The files of a final sample, built in memory so that they are written whole:
///
/// - `final.csv`: the final sample, the long list's columns, then `Stratum` and `Status` (`selected`
///   or `substitute for <provisional case reference>`); by tier-1 unit, tier-2 unit, case reference;
/// - `reserve.csv`: substitutes still usable, as `substitutes.csv` lists them, in its order;
/// - `removed.csv`: cases that left and substitutes that cannot be used, in the order they left, with
///   `Stratum`, `Status` (when they left), `ReasonCode`, `Reason`, `ReplacedBy` and `Stage`;
/// - `spec.json`: the draw's spec, unchanged;
/// - `report.html`: the final sample for people (``FinalReport``), made from the record;
/// - `finalize.json`: the record (``FinalizeRecord``), written last.
public struct FinalOutputs: Sendable {
    public var files: [(name: String, bytes: [UInt8])]
    public var record: FinalizeRecord

    /// Builds the files of `sample` and its record.
    ///
    /// - Parameters:
    ///   - spec, draw, returned: what the final sample was made from (``FinalizeRecord``).
    ///   - history: the record's history, ending with the action that made `sample`.
    public init(
        sample: FinalSample, spec: SpecReference, draw: FinalizeRecord.DrawReference, returned: FinalizeRecord.Returned,
        history: [FinalizeRecord.HistoryEntry], toolVersion: String
    ) {
        var final = CSVWriter()
        final.append(record: sample.headers + OutputFiles.finalColumns)
        for member in sample.members { final.append(record: member.drawn.fields + [member.drawn.stratum, member.status]) }

        var reserve = CSVWriter()
        reserve.append(record: sample.headers + OutputFiles.substituteColumns)
        for entry in sample.reserve {
            reserve.append(record: entry.drawn.fields + [entry.drawn.stratum, entry.substituteFor, String(entry.rank), entry.note])
        }

        var removed = CSVWriter()
        removed.append(record: sample.headers + OutputFiles.removedColumns)
        for removal in sample.removed {
            removed.append(record: removal.drawn.fields + [
                removal.drawn.stratum, removal.status, removal.reason.code, removal.reason.text, removal.replacedBy,
                removal.stage.rawValue,
            ])
        }

        let data: [(name: String, bytes: [UInt8])] = [
            (OutputFiles.final, final.bytes), (OutputFiles.reserve, reserve.bytes), (OutputFiles.removed, removed.bytes),
            (OutputFiles.spec, sample.specBytes),
        ]
        record = FinalizeRecord(
            sample: sample, spec: spec, draw: draw, returned: returned, history: history,
            outputs: FileDigests(data.map { .init(name: $0.name, sha256: SHA256.hexDigest($0.bytes)) }), toolVersion: toolVersion)
        // The report shows the record's numbers, not its digests, so it is made before its own digest is added.
        let report = FinalReport.html(record: record, spec: sample.spec)
        record.outputs.entries.append(.init(name: OutputFiles.report, sha256: SHA256.hexDigest(report)))
        record = record.sealed()
        files = data + [(OutputFiles.report, report), (OutputFiles.finalizeRecord, record.serializedBytes())]
    }
}
