/// What the reader does with each field of a record.
struct ColumnPlan: Sendable {
    enum Action: Sendable {
        /// The case reference: hashed per row.
        case key
        /// Dictionary-encoded with a code per row, into categorical slot `slot`.
        case categorical(slot: Int)
        /// Distinct values counted (up to ``ColumnPlan/profileLimit``), no per-row codes.
        case profile(slot: Int)
    }

    var actions: [(field: Int, action: Action)]
    var headers: [String]
    /// The key hash of the case-reference header itself, to spot a header repeated mid-file.
    var headerKeyHash: UInt64?
    var categoricalCount: Int
    var profileCount: Int
    /// A profiled column with more distinct values than this is free text.
    static let profileLimit = 60
}

/// A problem found by one parser, located relative to the parser's first line until merged.
struct LocalProblem {
    var kind: ReadProblem.Kind
    var severity: ReadProblem.Severity = .error
    /// 0-based physical line relative to where the parser started.
    var line: Int
    var column: Int?
    var message: String
    /// Local row index of the row this problem makes invalid.
    var row: Int?
}

/// Parses the records of one stretch of a long list, accumulating compact per-row state.
///
/// A parser starts at a record boundary and takes records whose first byte lies before a limit; it can
/// be resumed with a later limit. Everything it records about lines is relative to its start, so that
/// two parsers can run on two halves of a file at once and be merged afterwards.
///
/// A noncopyable struct, mutated in place for a whole `parse(until:)` call: no per-field exclusivity
/// or uniqueness checks of class storage in the hot loop. ``ChunkParser/Box`` shares one between threads.
struct ChunkParser: ~Copyable {
    let source: ByteSource
    let plan: ColumnPlan
    private var scanner: RecordScanner
    private var buffer: ScanBuffer

    /// File offset of the next record.
    private(set) var position: Int
    /// Physical lines consumed since the start.
    private(set) var linesConsumed = 0

    var rowOffsets: [UInt64] = []
    var keyHashes: [UInt64] = []
    var codes: [CodeStore]
    var dictionaries: [ByteDictionary]
    var profiles: [ByteDictionary]
    var profileSaturated: [Bool]
    var problems: [LocalProblem] = []
    var blankRows = 0
    var blankRowLines: [Int] = []
    var terminatorCounts = [0, 0, 0]  // LF, CRLF, CR
    var validMultiByteSequences = 0
    var invalidUTF8Fields = 0
    var firstInvalidUTF8: (line: Int, column: Int)?
    var firstUndefined1252: (line: Int, column: Int)?
    var rowsWithNonASCIIKey: [Int] = []
    var rowsWithTrailingDelimiters = 0
    var unterminatedQuote: (line: Int, column: Int)?
    private var scratch: [UInt8] = []

    init(source: ByteSource, plan: ColumnPlan, delimiter: UInt8, start: Int, bufferSize: Int = 4 << 20) {
        self.source = source
        self.plan = plan
        scanner = RecordScanner(delimiter: delimiter)
        buffer = ScanBuffer(capacity: bufferSize)
        position = start
        codes = Array(repeating: CodeStore(), count: plan.categoricalCount)
        dictionaries = Array(repeating: ByteDictionary(), count: plan.categoricalCount)
        profiles = Array(repeating: ByteDictionary(), count: plan.profileCount)
        profileSaturated = Array(repeating: false, count: plan.profileCount)
    }

    /// Parses records starting before `limit` (a file offset); stops at the first record that starts
    /// at or after it, or at the end of the file.
    mutating func parse(until limit: Int) {
        var bufferStart = position
        buffer.count = 0
        _ = buffer.fill(from: source, at: bufferStart)
        while position < limit && position < source.count {
            let local = position - bufferStart
            let isFinal = bufferStart + buffer.count >= source.count
            let outcome = scanner.scan(buffer.unsafeBytes, from: local, isFinal: isFinal)
            switch outcome {
            case .needMoreData:
                buffer.keepTail(from: local)
                bufferStart = position
                _ = buffer.fill(from: source, at: bufferStart + buffer.count)
            case .unterminatedQuote(_, let field):
                unterminatedQuote = (linesConsumed, field + 1)
                position = source.count
                return
            case .record(let next):
                take(buffer.unsafeBytes, recordStart: bufferStart + local)
                linesConsumed += 1 + scanner.embeddedLineBreaks
                position = bufferStart + next
            }
        }
    }

    private func header(_ column: Int) -> String? {
        column >= 1 && column <= plan.headers.count ? plan.headers[column - 1] : nil
    }

    /// Records one scanned record; `bytes` is the buffer the scanner's offsets refer to.
    private mutating func take(_ bytes: UnsafeRawBufferPointer, recordStart: Int) {
        let base = bytes.baseAddress!
        let n = scanner.fieldCount
        let line = linesConsumed
        switch scanner.terminator {
        case .lf: terminatorCounts[0] += 1
        case .crlf: terminatorCounts[1] += 1
        case .cr: terminatorCounts[2] += 1
        case .endOfData: break
        }
        // Blank and delimiter-only rows are skipped and counted.
        var isBlank = scanner.faults.isEmpty
        if isBlank {
            for f in 0..<n where scanner.ends[f] > scanner.starts[f] {
                isBlank = false
                break
            }
        }
        if isBlank {
            blankRows += 1
            if blankRowLines.count < 20 { blankRowLines.append(line) }
            return
        }
        let row = rowOffsets.count
        rowOffsets.append(UInt64(recordStart))
        let headerCount = plan.headers.count
        if n < headerCount {
            problems.append(LocalProblem(
                kind: .tooFewFields, line: line, column: n + 1,
                message: "row has \(n) fields but the header has \(headerCount)", row: row))
        } else if n > headerCount {
            var extraAreEmpty = true
            for f in headerCount..<n where scanner.ends[f] > scanner.starts[f] || scanner.flags[f].contains(.quoted) {
                extraAreEmpty = false
                break
            }
            if extraAreEmpty {
                rowsWithTrailingDelimiters += 1
            } else {
                problems.append(LocalProblem(
                    kind: .tooManyFields, line: line, column: headerCount + 1,
                    message: "row has \(n) fields but the header has \(headerCount) (an unquoted delimiter inside a value?)",
                    row: row))
                }
        }
        for fault in scanner.faults {
            let faultLine = line
            switch fault.kind {
            case .strayQuote:
                problems.append(LocalProblem(
                    kind: .strayQuote, line: faultLine, column: fault.field + 1,
                    message: "a quote inside an unquoted field; quote the whole field and double the quote", row: row))
            case .textAfterClosingQuote:
                problems.append(LocalProblem(
                    kind: .textAfterClosingQuote, line: faultLine, column: fault.field + 1,
                    message: "text after the closing quote of a field", row: row))
            }
        }
        for f in 0..<n where scanner.flags[f].contains(.nonASCII) {
            let span = UnsafeRawBufferPointer(start: base + scanner.starts[f], count: scanner.ends[f] - scanner.starts[f])
            switch UTF8Validation.validate(span) {
            case .valid(let sequences):
                validMultiByteSequences += sequences
            case .invalid(_, let sequences):
                validMultiByteSequences += sequences
                invalidUTF8Fields += 1
                if firstInvalidUTF8 == nil { firstInvalidUTF8 = (line, f + 1) }
                if firstUndefined1252 == nil, span.contains(where: { !Windows1252.isDefined($0) }) {
                    firstUndefined1252 = (line, f + 1)
                }
            }
        }
        for (field, action) in plan.actions {
            guard field < n else {
                decode(action, field: field, value: UnsafeRawBufferPointer(start: base, count: 0), row: row, line: line)
                continue
            }
            let value = UnsafeRawBufferPointer(
                start: base + scanner.starts[field], count: scanner.ends[field] - scanner.starts[field])
            if scanner.flags[field].contains(.escapedQuote) {
                scratch.removeAll(keepingCapacity: true)
                Self.unescape(value, into: &scratch)
                let length = scratch.count
                scratch.append(contentsOf: repeatElement(0, count: 8))  // room for word loads
                let copy = scratch
                copy.withUnsafeBytes { unescaped in
                    decode(action, field: field, value: UnsafeRawBufferPointer(rebasing: unescaped[0..<length]), row: row, line: line)
                }
            } else {
                decode(action, field: field, value: value, row: row, line: line)
            }
            if case .key = action, scanner.flags[field].contains(.nonASCII) { rowsWithNonASCIIKey.append(row) }
        }
    }

    /// Keeps one field's value as `action` says.
    @inline(__always)
    private mutating func decode(_ action: ColumnPlan.Action, field: Int, value: UnsafeRawBufferPointer, row: Int, line: Int) {
        switch action {
        case .key:
            let hash = CaseReference.hash(value)
            if hash == CaseReference.emptyHash {
                problems.append(LocalProblem(
                    kind: .missingCaseReference, line: line, column: field + 1,
                    message: "the case reference is empty", row: row))
            } else if hash == plan.headerKeyHash {
                problems.append(LocalProblem(
                    kind: .repeatedHeader, line: line, column: field + 1,
                    message: "this row repeats the header (two exports joined?)", row: row))
            }
            keyHashes.append(hash)
        case .categorical(let slot):
            let start = value.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
            codes[slot].append(dictionaries[slot].code(of: start, length: value.count, line: line))
        case .profile(let slot):
            if !profileSaturated[slot] {
                let start = value.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
                _ = profiles[slot].code(of: start, length: value.count, line: line)
                if profiles[slot].count > ColumnPlan.profileLimit { profileSaturated[slot] = true }
            }
        }
    }

    /// Copies a quoted field's content with each `""` collapsed to `"`.
    static func unescape(_ content: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        var i = 0
        while i < content.count {
            let b = content[i]
            output.append(b)
            i += (b == 0x22 && i + 1 < content.count && content[i + 1] == 0x22) ? 2 : 1
        }
    }
}

extension ChunkParser {
    /// A parser that a thread can run while the caller holds it.
    final class Box: @unchecked Sendable {
        var parser: ChunkParser
        init(_ parser: consuming ChunkParser) { self.parser = parser }
    }
}
