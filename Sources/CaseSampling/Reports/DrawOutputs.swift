/// The files a draw writes, built in memory so that they can be written atomically and so that
/// `verify` can rebuild them and compare bytes; `excluded.csv`, the largest, may instead have been
/// streamed to a file as it was made (``DrawJob/run(excludedTo:)``).
///
/// - `provisional.csv`: selected cases, original columns, then `Stratum`; by tier-1, tier-2, case reference.
/// - `substitutes.csv`: original columns, then `Stratum`, `SubstituteFor`, `Rank`, `Note`.
/// - `excluded.csv`: every excluded row in file order, original columns, then `Reason`.
/// - `spec.json`: the spec's bytes as used.
/// - `report.html`: the draw for people (``DrawReport``), made from the record.
/// - `draw.json`: the audit record (``DrawRecord``).
public struct DrawOutputs: Sendable {
    public var files: [(name: String, bytes: [UInt8])]
    public var record: DrawRecord
    /// `provisional.csv` and `substitutes.csv` as cells (header first), for `provisional.xlsx`.
    var sheets: (provisional: [[String]], substitutes: [[String]]) = ([], [])

    /// Builds every output of `result`.
    ///
    /// - Parameters:
    ///   - specBytes: the spec file as read, copied into the output.
    ///   - inputName: the long list's file name as recorded (without directories, so that a draw can be
    ///     verified from another folder or machine).
    ///   - inputSHA256: hex digest of the long list's bytes.
    ///   - sizeCalculation: how the size was set, for the record.
    ///   - requestedUnits: the `--units` entries as given, for the record; nil for all units.
    ///   - specSource: where the spec came from, for the record (`built-in` or `file`); nil records nothing.
    public init(
        result: DrawResult, specBytes: [UInt8], inputName: String, inputSHA256: String, toolVersion: String,
        sizeCalculation: DrawRecord.SizeCalculation, requestedUnits: [String]? = nil, specSource: String? = nil,
        title: String? = nil
    ) {
        self.init(
            result: result, excluded: Self.excludedInMemory(of: result.population), specBytes: specBytes, inputName: inputName,
            inputSHA256: inputSHA256, toolVersion: toolVersion, sizeCalculation: sizeCalculation, requestedUnits: requestedUnits,
            specSource: specSource)
    }

    /// Builds every output of `result` but `excluded.csv`, which was made already (by ``ExcludedFile``,
    /// while the draw ran): `excluded.bytes` is nil when it was written straight to a file, and then
    /// ``files`` leaves it out.
    init(
        result: DrawResult, excluded: PreparedFile, specBytes: [UInt8], inputName: String, inputSHA256: String,
        toolVersion: String, sizeCalculation: DrawRecord.SizeCalculation, requestedUnits: [String]? = nil,
        specSource: String? = nil, title: String? = nil, period: DrawRecord.Period? = nil
    ) {
        let population = result.population
        let list = population.list
        let referenceField = list.columnIndex[population.spec.caseReferenceRole ?? ""] ?? 0

        var fieldsOfRow: [Int: [String]] = [:]
        let wanted = Set(result.selected + result.substitutes.map(\.row)).sorted()
        list.forEachRecord(rows: wanted) { row, fields in fieldsOfRow[row] = fields }
        let width = list.headers.count
        func padded(_ fields: [String]) -> [String] {
            fields.count >= width ? Array(fields.prefix(width)) : fields + Array(repeating: "", count: width - fields.count)
        }
        func stratum(_ row: Int) -> String {
            zip(population.variables, population.categories(ofCell: population.cell(of: row))).map { $0.categories[$1].label }
                .joined(separator: " / ")
        }
        func reference(_ row: Int) -> String { (fieldsOfRow[row]?[safe: referenceField] ?? "").trimmingSpaces() }
        // By unit (units are numbered in sorted order of their names, compared ignoring case and
        // surrounding spaces, so one unit's rows stay together however they are spelt), then by case reference.
        func sortKey(_ row: Int) -> (Int, [UInt8]) { (population.unit(of: row), Array(CaseReference.normalised(reference(row)).utf8)) }
        let provisionalOrder = result.selected.sorted { a, b in
            let ka = sortKey(a), kb = sortKey(b)
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            return ka.1 == kb.1 ? a < b : ka.1.lexicographicallyPrecedes(kb.1)
        }
        let position = Dictionary(uniqueKeysWithValues: provisionalOrder.enumerated().map { ($1, $0) })

        var provisional = CSVWriter()
        let estimate = result.officerLimitProbabilities
        sheets.provisional = [list.headers + [OutputFiles.stratumColumn] + (estimate == nil ? [] : [OutputFiles.inclusionProbabilityColumn])]
            + provisionalOrder.map { row in
                padded(fieldsOfRow[row] ?? []) + [stratum(row)] + (estimate.map { [Format.probability($0.probability(row))] } ?? [])
            }
        for cells in sheets.provisional { provisional.append(record: cells) }

        var substitutes = CSVWriter()
        substitutes.append(record: list.headers + OutputFiles.substituteColumns)
        sheets.substitutes = [list.headers + OutputFiles.substituteColumns]
        let orderedSubstitutes = result.substitutes.sorted { (position[$0.forRow]!, $0.rank) < (position[$1.forRow]!, $1.rank) }
        for s in orderedSubstitutes {
            let note: String
            switch s.source {
            case .sameTier2Unit: note = "same stratum and tier-2 unit"
            case .sameTier1Unit: note = "same stratum and tier-1 unit"
            case .sameCell: note = "same stratum, another tier-1 unit"
            case .nearestCell: note = "stratum ran out: nearest stratum (\(stratum(s.row)))"
            }
            sheets.substitutes.append(padded(fieldsOfRow[s.row] ?? []) + [stratum(s.row), reference(s.forRow), String(s.rank), note])
            substitutes.append(record: sheets.substitutes[sheets.substitutes.count - 1])
        }

        record = DrawRecord(
            result: result, specBytes: specBytes, inputName: inputName, inputSHA256: inputSHA256, toolVersion: toolVersion,
            sizeCalculation: sizeCalculation, requestedUnits: requestedUnits, reference: reference,
            outputDigests: FileDigests([
                .init(name: OutputFiles.provisional, sha256: SHA256.hexDigest(provisional.bytes)),
                .init(name: OutputFiles.substitutes, sha256: SHA256.hexDigest(substitutes.bytes)),
                .init(name: OutputFiles.excluded, sha256: excluded.sha256),
            ]),
            specSource: specSource)
        record.title = title
        record.period = period
        // The report shows the record's numbers, not its digests, so it is made before its own digest is added.
        let report = DrawReport.html(record: record, spec: population.spec, title: title)
        record.outputs.entries.append(.init(name: OutputFiles.report, sha256: SHA256.hexDigest(report)))
        record = record.sealed()
        files = [(OutputFiles.provisional, provisional.bytes), (OutputFiles.substitutes, substitutes.bytes)]
        if let bytes = excluded.bytes { files.append((OutputFiles.excluded, bytes)) }
        files += [(OutputFiles.spec, specBytes), (OutputFiles.report, report), (OutputFiles.drawRecord, record.serializedBytes())]
    }

    /// `excluded.csv`, made ahead of the other outputs: its bytes (nil once they are in a file) and its
    /// SHA-256 (hexadecimal).
    struct PreparedFile: Sendable {
        var bytes: [UInt8]?
        var sha256: String
    }

    /// `excluded.csv` of `population`, made in memory.
    static func excludedInMemory(of population: Population) -> PreparedFile {
        let sink = MemorySink()
        do {
            let digest = try ExcludedFile.write(of: population, to: sink)
            return PreparedFile(bytes: sink.bytes, sha256: digest)
        } catch {
            preconditionFailure("a memory sink does not fail")
        }
    }
}
