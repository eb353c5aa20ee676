import Foundation

/// The provisional list as the inspected organisation sends it back (manual 4.4, stages 3 and 4),
/// with exclusions marked and responsible officers' availability given.
///
/// It is read with the long-list reader, so it may come back as people really return it: re-saved by
/// Excel as Windows-1252 or UTF-8 with a BOM, semicolon-separated, with rows re-ordered or filtered,
/// columns added, moved or renamed to an alias, and other cells edited. Only three columns are used:
/// the case reference (by the spec's aliases), the exclusion column and the availability column (by
/// the aliases in ``ReturnedListSpec``); at least one of the last two must be present.
public struct ReturnedList: Sendable {
    /// One row: what the organisation said about one case.
    public struct Entry: Sendable, Equatable {
        /// The case reference as written, trimmed.
        public var reference: String
        /// ``CaseReference/normalised(_:)`` of ``reference``.
        public var key: String
        /// Physical line of the row.
        public var line: Int
        /// The exclusion cell as written; a cell with no letter or digit (blank, `-`) keeps the case.
        public var exclusion: String
        /// The availability cell as written; blank means available.
        public var availability: String
    }

    /// A located column: 0-based field index and its header.
    struct Column: Sendable {
        var index: Int
        var header: String
    }

    /// The path as given, for messages.
    public let file: String
    /// The headers of the columns used: the case reference, the exclusion column and the availability
    /// column (nil when the list has none).
    public var columnHeaders: (caseReference: String, exclusion: String?, availability: String?) {
        (reference.header, exclusion?.header, availability?.header)
    }
    public let sha256: String
    public let encoding: SourceEncoding
    public let delimiter: UInt8
    public let entries: [Entry]
    let reference: Column
    let exclusion: Column?
    let availability: Column?

    /// Reads the returned list at `path` with the columns `spec` names.
    ///
    /// - Throws: ``FinalizeError`` when the file cannot be read as a table (with the reader's located
    ///   problems: ragged rows, quote faults, duplicate or blank case references, …), has no
    ///   case-reference column, or has neither an exclusion nor an availability column.
    public static func read(path: String, spec: SampleSpec, delimiter: UInt8? = nil) throws(FinalizeError) -> ReturnedList {
        guard let referenceRole = spec.caseReferenceRole, let referenceSpec = spec.column(referenceRole) else {
            throw FinalizeError(ReadProblem(.missingColumn, file: path, message: "the spec has no case-reference column"))
        }
        let returned = spec.returnedList
        let requests = [
            ColumnRequest(role: referenceRole, aliases: referenceSpec.aliases, storage: .caseReference),
            ColumnRequest(role: "exclusion", aliases: returned.exclusionAliases, isRequired: false),
            ColumnRequest(role: "availability", aliases: returned.availabilityAliases, isRequired: false),
        ]
        let list: LongList
        do {
            list = try LongListReader.read(path: path, columns: requests, options: ReadOptions(delimiter: delimiter, isParallel: false))
        } catch {
            throw FinalizeError(reading: error, what: "the returned list \(path)")
        }
        guard list.errors.isEmpty else {
            throw FinalizeError(reading: LongListError(problems: list.errors), what: "the returned list \(path)")
        }
        func column(_ role: String) -> Column? { list.columnIndex[role].map { Column(index: $0, header: list.headers[$0]) } }
        let exclusion = column("exclusion"), availability = column("availability")
        guard exclusion != nil || availability != nil else {
            let names = (returned.exclusionAliases + returned.availabilityAliases).map { "\"\($0)\"" }.joined(separator: ", ")
            throw FinalizeError(ReadProblem(
                .missingColumn, file: path, line: list.headerLine,
                message: "no exclusion or officer-availability column (looked for \(names)); add one, or name the column in the spec's returnedList"))
        }
        let referenceIndex = list.columnIndex[referenceRole]!
        let lines = list.physicalLines()
        func cell(_ role: String, _ row: Int) -> String {
            guard let values = list.column(role) else { return "" }
            return values.values[values.code(of: row)].value
        }
        var entries: [Entry] = []
        entries.reserveCapacity(list.rowCount)
        list.forEachRecord(rows: Array(0..<list.rowCount)) { row, fields in
            let reference = (fields[safe: referenceIndex] ?? "").trimmingSpaces()
            entries.append(Entry(
                reference: reference, key: CaseReference.normalised(reference), line: lines[row],
                exclusion: cell("exclusion", row), availability: cell("availability", row)))
        }
        let sha256: String
        do { sha256 = try SHA256.hexDigest(ofFileAt: path) } catch {
            throw FinalizeError(ReadProblem(.cannotOpen, file: path, message: "cannot read the file: \(error)"))
        }
        return ReturnedList(
            file: path, sha256: sha256, encoding: list.encoding, delimiter: list.delimiter, entries: entries,
            reference: Column(index: referenceIndex, header: list.headers[referenceIndex]), exclusion: exclusion,
            availability: availability)
    }
}

/// What the returned list says about one case of the draw that leaves the sample.
public struct CaseMark: Sendable, Equatable {
    /// The exclusion reason, or ``SampleSpec/officerUnavailableReason`` when only the officer is unavailable.
    public var reason: ExclusionReasonText
    /// Whether the availability column marked the officer unavailable (with or without a reason).
    public var officerUnavailable: Bool
    /// Physical line in the returned list.
    public var line: Int
}

extension ReturnedList {
    /// The returned list matched with a draw.
    public struct Match: Sendable {
        /// The cases marked to leave, by ``CaseReference/normalised(_:)`` reference.
        public var marks: [String: CaseMark]
        /// Provisional cases found in the returned list.
        public var provisionalFound: Int
        /// Substitutes found in the returned list.
        public var substitutesFound: Int
        /// Provisional cases not in the returned list, kept because of `missingMeansKept`.
        public var provisionalMissing: Int
    }

    /// Matches every row with the draw's cases by case reference and reads its marks.
    ///
    /// - Parameter missingMeansKept: keep provisional cases the returned list leaves out, rather than
    ///   refusing the list.
    /// - Throws: ``FinalizeError`` listing every problem: a case reference that is neither a provisional
    ///   case nor a substitute; an exclusion cell that names none of the spec's reasons (the valid ones
    ///   are listed); an availability cell that is neither an available nor an unavailable value; a
    ///   provisional case missing from the list (located in `provisional.csv`). A list with no
    ///   provisional case at all, or whose case references are mostly (more than half) not the draw's,
    ///   is refused as belonging to another draw, before anything else.
    public func match(with draw: ProvisionalSample, missingMeansKept: Bool) throws(FinalizeError) -> Match {
        let spec = draw.spec
        let provisionalKeys = Set(draw.provisional.map(\.key))
        let substituteKeys = Set(draw.substitutes.map(\.drawn.key))
        let present = Set(entries.map(\.key))
        let provisionalFound = provisionalKeys.intersection(present).count
        let known = entries.filter { provisionalKeys.contains($0.key) || substituteKeys.contains($0.key) }.count
        guard provisionalFound > 0, known * 2 >= entries.count else {
            throw FinalizeError(ReadProblem(
                .unknownCase, file: file, column: reference.index + 1, header: reference.header,
                message: "does not belong to the draw in \(draw.directory): \(known == 0 ? "none" : "only \(known)") of its \(entries.count) case references \(known == 1 ? "is a case" : "are cases") of that draw, and \(provisionalFound) of its \(draw.provisional.count) provisional cases \(provisionalFound == 1 ? "is" : "are") in the list; was it returned for another draw? (nothing was written)"))
        }

        var problems: [ReadProblem] = []
        var marks: [String: CaseMark] = [:]
        var unknownReasons = false
        let returned = spec.returnedList
        let available = Set(returned.availableValues.map(ValueMatching.key))
        let unavailable = Set(returned.unavailableValues.map(ValueMatching.key))
        for entry in entries {
            guard provisionalKeys.contains(entry.key) || substituteKeys.contains(entry.key) else {
                problems.append(ReadProblem(
                    .unknownCase, file: file, line: entry.line, column: reference.index + 1, header: reference.header,
                    message: "this case reference is neither in \(draw.directory)/provisional.csv nor in its substitutes.csv"))
                continue
            }
            var reason: ExclusionReasonText?
            if let exclusion, !HeaderName.key(entry.exclusion).isEmpty {
                reason = spec.exclusionReason(named: entry.exclusion)
                if reason == nil {
                    unknownReasons = true
                    problems.append(ReadProblem(
                        .unknownValue, file: file, line: entry.line, column: exclusion.index + 1, header: exclusion.header,
                        message: "not one of the spec's exclusion reasons (the valid ones are listed below); leave it blank to keep the case"))
                }
            }
            var isUnavailable = false
            if let availability {
                let key = ValueMatching.key(entry.availability)
                if unavailable.contains(key) {
                    isUnavailable = true
                } else if !key.isEmpty && !available.contains(key) {
                    problems.append(ReadProblem(
                        .unknownValue, file: file, line: entry.line, column: availability.index + 1, header: availability.header,
                        message: "neither available (\(returned.availableValues.joined(separator: ", ")), or blank) nor unavailable (\(returned.unavailableValues.joined(separator: ", ")))"))
                }
            }
            if let reason {
                marks[entry.key] = CaseMark(reason: reason, officerUnavailable: isUnavailable, line: entry.line)
            } else if isUnavailable {
                marks[entry.key] = CaseMark(reason: spec.officerUnavailableReason, officerUnavailable: true, line: entry.line)
            }
        }
        var missing = 0
        for (index, drawn) in draw.provisional.enumerated() where !present.contains(drawn.key) {
            missing += 1
            if !missingMeansKept {
                problems.append(ReadProblem(
                    .missingCase, file: "\(draw.directory)/provisional.csv", line: draw.provisionalLines[index],
                    message: "this provisional case is not in the returned list \(file); every provisional case must come back (give --missing-means-kept to keep the ones left out)"))
            }
        }
        guard problems.isEmpty else {
            var error = FinalizeError("the returned list \(file) does not fit the draw in \(draw.directory) (nothing was written):", problems: problems)
            if unknownReasons {
                error.notes.append("The spec's exclusion reasons (give the code or the text; case, spaces and punctuation do not matter):\n" + spec.exclusionReasonList)
            }
            throw error
        }
        return Match(
            marks: marks, provisionalFound: provisionalFound,
            substitutesFound: substituteKeys.intersection(present).count, provisionalMissing: missing)
    }
}
