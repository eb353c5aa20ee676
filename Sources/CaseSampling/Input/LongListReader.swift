import Dispatch

/// How to read a long list.
public struct ReadOptions: Sendable {
    /// The field delimiter; nil detects comma, semicolon or tab (and honours Excel's `sep=` line).
    public var delimiter: UInt8?
    /// Count the distinct values of every column not asked for (for `inspect`), except these.
    public var profileOtherColumns: Bool
    /// Headers (compared by ``HeaderName/key(_:)``) whose values are personal and never profiled.
    public var identifyingColumns: [String]
    /// Split the file between two threads when it is large enough to pay.
    public var isParallel: Bool
    /// Files at least this large are split between two threads.
    public var parallelThreshold: Int
    /// Called once every record has been parsed, before the results are merged and checked: from then
    /// on the reader keeps one thread busy at most, so a caller can start work of its own on the
    /// other cores (as `draw` starts hashing the file). Not called when reading fails earlier.
    public var whenParsed: (@Sendable () -> Void)?

    public init(
        delimiter: UInt8? = nil, profileOtherColumns: Bool = false,
        identifyingColumns: [String] = ReadOptions.defaultIdentifyingColumns,
        isParallel: Bool = true, parallelThreshold: Int = 8 << 20
    ) {
        self.delimiter = delimiter
        self.profileOtherColumns = profileOtherColumns
        self.identifyingColumns = identifyingColumns
        self.isParallel = isParallel
        self.parallelThreshold = parallelThreshold
    }

    /// Columns that hold personal data in a typical long list.
    public static let defaultIdentifyingColumns = [
        "Surname", "Forename", "First name", "Last name", "Family name", "Given name", "Name", "Full name",
        "Date of birth", "DOB", "Birth date", "Address", "Postcode", "PNC", "PNC number", "NOMIS", "Phone",
    ]
}

/// Reads long lists: RFC 4180 CSV as spreadsheets really save it.
///
/// ```swift
/// let list = try LongListReader.read(path: "long-list.csv", columns: [
///     ColumnRequest(role: "caseReference", aliases: ["CRN"], storage: .caseReference),
///     ColumnRequest(role: "gender", aliases: ["Gender", "Sex"]),
/// ])
/// print(list.rowCount, list.encoding, list.column("gender")!.values)
/// ```
///
/// The file is read in 4 MiB blocks with `pread`, never held whole. Above
/// ``ReadOptions/parallelThreshold`` two parsers run at once: the second starts after the first line
/// break past the middle, on the guess that it is not inside a quoted field; the first parser checks
/// the guess by reaching exactly that record boundary, and if it does not, the second's work is
/// discarded and the first carries on alone. The result never depends on the split.
public enum LongListReader {
    /// Reads the long list at `path`.
    ///
    /// - Throws: ``LongListError`` when the file cannot be read as a table with the required columns.
    ///   Row-level problems (ragged rows, quote faults, duplicate case references) do not throw: they
    ///   are in ``LongList/problems`` and make their rows invalid.
    public static func read(
        path: String, columns: [ColumnRequest], options: ReadOptions = ReadOptions()
    ) throws(LongListError) -> LongList {
        try read(source: ByteSource(path: path), file: path, columns: columns, options: options)
    }

    /// Reads a long list held in memory; `file` names it in messages.
    public static func read(
        bytes: [UInt8], file: String, columns: [ColumnRequest], options: ReadOptions = ReadOptions()
    ) throws(LongListError) -> LongList {
        try read(source: ByteSource(bytes: bytes), file: file, columns: columns, options: options)
    }

    static func read(
        source: ByteSource, file: String, columns: [ColumnRequest], options: ReadOptions,
        transcodedFrom: SourceEncoding? = nil, originalByteCount: Int? = nil
    ) throws(LongListError) -> LongList {
        func fail(_ kind: ReadProblem.Kind, line: Int? = nil, column: Int? = nil, header: String? = nil, _ message: String) -> LongListError {
            LongListError(ReadProblem(kind, file: file, line: line, column: column, header: header, message: message))
        }
        guard source.count > 0 else { throw fail(.emptyFile, "the file is empty") }
        let head = source.bytes(in: 0..<min(source.count, 4))

        // Byte-order marks.
        var dataStart = 0
        var bomEncoding: SourceEncoding?
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            let littleEndian = head[0] == 0xFF
            let utf8 = try transcodeUTF16(source.bytes(in: 2..<source.count), littleEndian: littleEndian, file: file)
            return try read(
                source: ByteSource(bytes: utf8), file: file, columns: columns, options: options,
                transcodedFrom: littleEndian ? .utf16LittleEndian : .utf16BigEndian, originalByteCount: source.count)
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            bomEncoding = .utf8WithBOM
            dataStart = 3
        }
        if head.count >= 2 && (head[0] == 0 || head[1] == 0) {
            throw fail(.unsupportedEncoding, line: 1,
                "the file looks like UTF-16 without a byte-order mark; save it as \"CSV UTF-8\"")
        }
        guard source.count > dataStart else { throw fail(.emptyFile, "the file holds only a byte-order mark") }

        // Excel's `sep=;` line, then the header.
        let first = firstLine(of: source, from: dataStart)
        var headerLine = 1
        var delimiter = options.delimiter
        if first.text.count == 5, first.text.prefix(4).map({ $0 | 0x20 }) == Array("sep=".utf8) {
            delimiter = delimiter ?? first.text[4]
            dataStart = first.next
            headerLine = 2
        }
        let headerText = headerLine == 1 ? first.text : firstLine(of: source, from: dataStart).text
        let chosenDelimiter = delimiter ?? detectDelimiter(headerText)

        // Parse the header record.
        var scanner = RecordScanner(delimiter: chosenDelimiter)
        var headerBuffer = ScanBuffer(capacity: 1 << 16)
        var headerEnd = 0
        var headerFields: [[UInt8]] = []
        var headerTerminator = RecordScanner.Terminator.endOfData
        var extraHeaderLines = 0
        while true {
            headerBuffer.count = 0
            _ = headerBuffer.fill(from: source, at: dataStart)
            let isFinal = dataStart + headerBuffer.count >= source.count
            let outcome = headerBuffer.withBytes { scanner.scan($0, from: 0, isFinal: isFinal) }
            if case .needMoreData = outcome {
                headerBuffer.keepTail(from: 0)
                if headerBuffer.capacity > 64 << 20 { throw fail(.unterminatedQuote, line: headerLine, "the header row never ends") }
                continue
            }
            if case .unterminatedQuote(_, let field) = outcome {
                throw fail(.unterminatedQuote, line: headerLine, column: field + 1, "a quoted header cell never closes")
            }
            guard case .record(let next) = outcome else { break }
            headerEnd = dataStart + next
            headerTerminator = scanner.terminator
            extraHeaderLines = scanner.embeddedLineBreaks
            headerFields = (0..<scanner.fieldCount).map { scanner.value(of: $0, in: headerBuffer.unsafeBytes) }
            break
        }
        let headerIsUTF8 = headerFields.allSatisfy { field in
            field.withUnsafeBytes { isValidUTF8($0) }
        }
        let headers = headerFields.map { bytes in
            (headerIsUTF8 ? String(decoding: bytes, as: UTF8.self) : Windows1252.decode(bytes)).trimmingSpaces()
        }
        if headers.allSatisfy(\.isEmpty) { throw fail(.emptyFile, line: headerLine, "the first row is blank: no header") }

        // Match the requested roles to header cells.
        let keys = headers.map(HeaderName.key)
        var columnIndex: [String: Int] = [:]
        var problems: [ReadProblem] = []
        for request in columns {
            let wanted = Set(([request.role] + request.aliases).map(HeaderName.key))
            let matches = keys.indices.filter { !keys[$0].isEmpty && wanted.contains(keys[$0]) }
            if matches.count > 1 {
                problems.append(ReadProblem(
                    .duplicateHeader, file: file, line: headerLine, column: matches[1] + 1, header: headers[matches[1]],
                    message: "columns \(matches.map { String($0 + 1) }.joined(separator: " and ")) both match the \(request.role) column; keep one"))
            } else if let match = matches.first {
                columnIndex[request.role] = match
            } else if request.isRequired {
                problems.append(ReadProblem(
                    .missingColumn, file: file, line: headerLine,
                    message: "no column for \(request.role) (looked for \(request.aliases.map { "\"\($0)\"" }.joined(separator: ", "))); headers found: \(headers.map { "\"\($0)\"" }.joined(separator: ", "))"))
            }
        }
        guard problems.isEmpty else { throw LongListError(problems: problems) }

        // The plan: what to keep of each field.
        var actions: [(field: Int, action: ColumnPlan.Action)] = []
        var slotRoles: [String] = []
        var keyField: Int?
        for request in columns {
            guard let field = columnIndex[request.role] else { continue }
            switch request.storage {
            case .caseReference:
                keyField = field
                actions.append((field, .key))
            case .categorical:
                actions.append((field, .categorical(slot: slotRoles.count)))
                slotRoles.append(request.role)
            }
        }
        var profiledFields: [Int] = []
        if options.profileOtherColumns {
            let identifying = Set(options.identifyingColumns.map(HeaderName.key))
            let used = Set(columnIndex.values)
            for field in headers.indices where !used.contains(field) && !identifying.contains(keys[field]) && !keys[field].isEmpty {
                actions.append((field, .profile(slot: profiledFields.count)))
                profiledFields.append(field)
            }
        }
        actions.sort { $0.field < $1.field }
        let headerKeyHash = keyField.map { field in
            var bytes = headerFields[field]
            return bytes.withUnsafeMutableBytes { CaseReference.hash(UnsafeRawBufferPointer($0)) }
        }
        let plan = ColumnPlan(
            actions: actions, headers: headers, headerKeyHash: headerKeyHash,
            categoricalCount: slotRoles.count, profileCount: profiledFields.count)

        // Parse the data, in two halves when that pays.
        let firstDataLine = headerLine + 1 + extraHeaderLines
        let firstParser = ChunkParser.Box(ChunkParser(source: source, plan: plan, delimiter: chosenDelimiter, start: headerEnd))
        var second: ChunkParser.Box?
        if options.isParallel && source.count - headerEnd >= options.parallelThreshold,
           let split = recordBoundaryGuess(in: source, after: headerEnd + (source.count - headerEnd) / 2) {
            let other = ChunkParser.Box(ChunkParser(source: source, plan: plan, delimiter: chosenDelimiter, start: split))
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { firstParser.parser.parse(until: split) } else { other.parser.parse(until: source.count) }
            }
            if firstParser.parser.position == split && firstParser.parser.unterminatedQuote == nil {
                second = other
            } else {
                firstParser.parser.parse(until: source.count)
            }
        } else {
            firstParser.parser.parse(until: source.count)
        }
        options.whenParsed?()
        var terminatorCounts = firstParser.parser.terminatorCounts
        if let second {
            for i in terminatorCounts.indices { terminatorCounts[i] += second.parser.terminatorCounts[i] }
        }
        switch headerTerminator {
        case .lf: terminatorCounts[0] += 1
        case .crlf: terminatorCounts[1] += 1
        case .cr: terminatorCounts[2] += 1
        case .endOfData: break
        }
        let merged = merge(firstParser, second, firstLine: firstDataLine)

        // Encoding.
        var encoding = transcodedFrom ?? bomEncoding ?? .utf8
        let invalidFields = merged.invalidUTF8Fields + (headerIsUTF8 ? 0 : 1)
        let headerSequences = headerFields.reduce(0) { total, field in
            total + field.withUnsafeBytes { UTF8Validation.multiByteSequences($0) }
        }
        if invalidFields > 0 {
            let location = merged.firstInvalidUTF8 ?? (headerLine, 1)
            if bomEncoding != nil || transcodedFrom != nil || merged.validMultiByteSequences + headerSequences > 0 {
                throw fail(.undecodableBytes, line: location.line, column: location.column, header: headers[safe: location.column - 1],
                    "bytes that are not valid UTF-8 in a file that is otherwise UTF-8 (a mix of encodings?); re-save the file as \"CSV UTF-8\"")
            }
            if let undefined = merged.firstUndefined1252 {
                throw fail(.undecodableBytes, line: undefined.line, column: undefined.column, header: headers[safe: undefined.column - 1],
                    "bytes that are neither UTF-8 nor Windows-1252; re-save the file as \"CSV UTF-8\"")
            }
            encoding = .windows1252
        }

        // Build columns: decode each distinct value once.
        func decodeValue(_ bytes: ArraySlice<UInt8>) -> String {
            encoding == .windows1252 ? Windows1252.decode(bytes) : String(decoding: bytes, as: UTF8.self)
        }
        var categorical: [String: CategoricalColumn] = [:]
        for (slot, role) in slotRoles.enumerated() {
            let dictionary = merged.dictionaries[slot]
            let values = dictionary.entries.indices.map { index in
                ValueCount(value: decodeValue(dictionary.bytes(of: index)), count: dictionary.entries[index].count,
                           firstLine: dictionary.entries[index].firstLine)
            }
            categorical[role] = CategoricalColumn(values: values, codes: merged.codes[slot])
        }
        var profiles: [Int: [ValueCount]?] = [:]
        for (slot, field) in profiledFields.enumerated() {
            if merged.profileSaturated[slot] {
                profiles[field] = .some(nil)
            } else {
                let dictionary = merged.profiles[slot]
                profiles[field] = dictionary.entries.indices.map { index in
                    ValueCount(value: decodeValue(dictionary.bytes(of: index)), count: dictionary.entries[index].count,
                               firstLine: dictionary.entries[index].firstLine)
                }
            }
        }

        // Case-reference hashes of non-ASCII references in a Windows-1252 file are taken again from their UTF-8.
        var keyHashes = merged.keyHashes
        if encoding == .windows1252, let keyField {
            for row in merged.rowsWithNonASCIIKey {
                let fields = RecordFetcher(source: source, delimiter: chosenDelimiter, encoding: encoding)
                    .fields(at: Int(merged.rowOffsets[row]))
                keyHashes[row] = CaseReference.hash(fields[safe: keyField] ?? "")
            }
        }

        // Problems: row errors, duplicates, then warnings.
        var rowProblems = merged.problems
        if let keyField {
            rowProblems += duplicateProblems(
                keyHashes: keyHashes, rowOffsets: merged.rowOffsets, field: keyField,
                fetcher: RecordFetcher(source: source, delimiter: chosenDelimiter, encoding: encoding))
        }
        var allProblems: [ReadProblem] = []
        var invalidRows: [Int: Int] = [:]
        for problem in rowProblems.sorted(by: { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }) {
            if let row = problem.row, problem.severity == .error, invalidRows[row] == nil {
                invalidRows[row] = allProblems.count
            }
            allProblems.append(ReadProblem(
                problem.kind, problem.severity, file: file, line: problem.line, column: problem.column,
                header: problem.column.flatMap { headers[safe: $0 - 1] }, message: problem.message))
        }
        if merged.rowsWithTrailingDelimiters > 0 {
            allProblems.append(ReadProblem(
                .trailingDelimiters, .warning, file: file,
                message: "\(merged.rowsWithTrailingDelimiters) rows end with extra empty fields (a trailing delimiter); they were read as if it were not there"))
        }
        if merged.blankRows > 0 {
            let lines = merged.blankRowLines.map(String.init).joined(separator: ", ")
            allProblems.append(ReadProblem(
                .blankRow, .warning, file: file, line: merged.blankRowLines.first,
                message: "\(merged.blankRows) blank or delimiter-only rows skipped (lines \(lines)\(merged.blankRows > merged.blankRowLines.count ? ", …" : ""))"))
        }
        if let quote = merged.unterminatedQuote {
            throw fail(.unterminatedQuote, line: quote.line, column: quote.column, header: headers[safe: quote.column - 1],
                "a quoted field opens here and never closes, so it would swallow the rest of the file")
        }
        if merged.rowOffsets.isEmpty {
            throw fail(.headerOnly, line: headerLine, "the file has a header but no rows")
        }
        return LongList(
            file: file, encoding: encoding, delimiter: chosenDelimiter,
            lineEndings: LineEndings(lf: terminatorCounts[0], crlf: terminatorCounts[1], cr: terminatorCounts[2]),
            headers: headers, headerLine: headerLine, columnIndex: columnIndex, blankRowsSkipped: merged.blankRows,
            problems: allProblems, byteCount: originalByteCount ?? source.count, rowOffsets: merged.rowOffsets,
            caseReferenceHashes: keyHashes, categorical: categorical, profiles: profiles, invalidRows: invalidRows,
            source: source)
    }
}

func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    if case .valid = UTF8Validation.validate(bytes) { return true }
    return false
}
