#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the reader does with each field of a record.
struct ColumnPlan: Sendable {
    enum Action: Sendable {
        /// The case reference: hashed per row.
        case key
        /// Dictionary-encoded, its code handed to the consumer, in coded slot `slot`.
        case coded(slot: Int)
        /// Distinct values counted (up to ``ColumnPlan/profileLimit``), for `inspect`.
        case profile(slot: Int)
    }

    var actions: [(field: Int, action: Action)]
    var headers: [String]
    /// The key hash of the case-reference header itself, to spot a header repeated mid-file.
    var headerKeyHash: UInt64?
    var codedCount: Int
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

/// Parses the records of one stretch of a long list and hands each row to a ``RowConsumer``.
///
/// A parser starts at a record boundary (or at a guess of one, which the merge checks) and takes the
/// records that start before a limit. It keeps, per row, only the case reference's hash and, every
/// ``checkpointSpacing`` rows, where the row starts (to find a row again); coded columns are
/// dictionary-encoded in ``ValueTables`` and their codes go to the consumer. Everything it records
/// about lines and rows is relative to its start, so that parsers can run on many stretches at once.
///
/// A noncopyable struct, mutated in place for a whole `parse(until:)` call: no per-field exclusivity
/// or uniqueness checks of class storage in the hot loop.
struct ChunkParser<Consumer: RowConsumer>: ~Copyable {
    let source: ByteSource
    let plan: ColumnPlan
    /// Where the parser started: a record boundary, or a guess of one.
    let start: Int
    private var scanner: RecordScanner
    /// Holds bytes only during ``parse(until:)``: a parsed chunk waits for its merge without it.
    private var buffer = ScanBuffer(capacity: 0)
    private let bufferCapacity: Int
    private var index = StructuralIndex()

    /// File offset of the next record.
    private(set) var position: Int
    /// Physical lines consumed since the start.
    private(set) var linesConsumed = 0
    private(set) var rowCount = 0

    var consumer: Consumer
    var values: ValueTables
    var profiles: ValueTables
    var profileSaturated: [Bool]
    var keyHashes = RawArray<UInt64>(capacity: 1 << 12)
    /// Offset and local line of every ``checkpointSpacing``-th row (rows 0, 64, 128, …).
    var checkpoints: [(offset: Int, line: Int)] = []
    var problems: [LocalProblem] = []
    var blankRows = 0
    var blankRowLines: [Int] = []
    private var lfCount = 0, crlfCount = 0, crCount = 0
    /// Records ended by LF, CRLF and CR.
    var terminatorCounts: [Int] { [lfCount, crlfCount, crCount] }
    var validMultiByteSequences = 0
    var invalidUTF8Fields = 0
    var firstInvalidUTF8: (line: Int, column: Int)?
    var firstUndefined1252: (line: Int, column: Int)?
    var rowsWithTrailingDelimiters = 0
    /// Case references that read like a number Excel wrote in scientific notation (`1.23E+05`).
    var scientificReferences = 0
    var firstScientificReference: Int?
    var unterminatedQuote: (line: Int, column: Int)?

    private let delimiter: UInt8
    private var scratch: [UInt8] = []
    private var rowCodes: [UInt32]
    private var faultyFields = RawArray<Int>(capacity: 8)
    /// ``ColumnPlan/actions``, in memory of the parser's own: read for every row, where an array's
    /// iteration would retain and release it.
    private let actions: UnsafeMutableBufferPointer<(field: Int, action: ColumnPlan.Action)>
    /// Whether the row being taken may have its fields in the wrong columns.
    private var isShiftedRow = false
    /// Whether the buffer holds a NUL byte anywhere: only then are records searched for one.
    private var bufferHasNUL = false

    /// Rows between two checkpoints.
    static var checkpointSpacing: Int { 64 }

    init(source: ByteSource, plan: ColumnPlan, delimiter: UInt8, start: Int, consumer: Consumer, bufferSize: Int = 4 << 20) {
        self.source = source
        self.plan = plan
        self.start = start
        self.delimiter = delimiter
        self.consumer = consumer
        scanner = RecordScanner(delimiter: delimiter)
        // Never more than the rest of the file: a small file (a test, a fuzz input) needs no 4 MiB.
        bufferCapacity = min(bufferSize, max(4096, source.count - start))
        index.delimiter = delimiter
        position = start
        values = ValueTables(slotCount: plan.codedCount)
        profiles = ValueTables(slotCount: plan.profileCount)
        profileSaturated = Array(repeating: false, count: plan.profileCount)
        rowCodes = Array(repeating: 0, count: plan.codedCount)
        actions = .allocate(capacity: plan.actions.count)
        _ = actions.initialize(from: plan.actions)
    }

    deinit {
        keyHashes.deallocate()
        faultyFields.deallocate()
        actions.deallocate()
    }

    /// Parses records starting before `limit` (a file offset); stops at the first record that starts
    /// at or after it, or at the end of the file.
    mutating func parse(until limit: Int) {
        buffer = ScanBuffer(capacity: bufferCapacity)
        // Up to a window of parsed chunks wait for their merge; their buffers (4 MiB each) need not.
        defer { buffer = ScanBuffer(capacity: 0) }
        var bufferStart = position
        buffer.count = 0
        _ = buffer.fill(from: source, at: bufferStart)
        bufferHasNUL = Self.containsNUL(buffer.unsafeBytes)
        index.reset(to: 0)
        while position < limit && position < source.count {
            let local = position - bufferStart
            let isFinal = bufferStart + buffer.count >= source.count
            let outcome = scanner.scan(buffer.unsafeBytes, from: local, isFinal: isFinal, index: &index)
            switch outcome {
            case .needMoreData:
                buffer.keepTail(from: local)
                bufferStart = position
                _ = buffer.fill(from: source, at: bufferStart + buffer.count)
                bufferHasNUL = Self.containsNUL(buffer.unsafeBytes)
                index.reset(to: 0)
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

    /// Records one scanned record; `bytes` is the buffer the scanner's offsets refer to.
    @inline(__always)
    private mutating func take(_ bytes: UnsafeRawBufferPointer, recordStart: Int) {
        let n = scanner.fieldCount
        let line = linesConsumed
        switch scanner.terminator {
        case .lf: lfCount += 1
        case .crlf: crlfCount += 1
        case .cr: crCount += 1
        case .endOfData: break
        }
        // Blank and delimiter-only rows are skipped and counted.
        if scanner.faults.isEmpty && isBlank(n) {
            blankRows += 1
            if blankRowLines.count < 20 { blankRowLines.append(line) }
            return
        }
        let row = rowCount
        rowCount += 1
        if row % Self.checkpointSpacing == 0 { checkpoints.append((recordStart, line)) }
        let problemsBefore = problems.count
        var isShifted = false
        let headerCount = plan.headers.count
        if n != headerCount { isShifted = checkFieldCount(n, headerCount: headerCount, row: row, line: line) }
        isShiftedRow = isShifted
        faultyFields.removeAll()
        if !scanner.faults.isEmpty { recordFaults(row: row, line: line) }
        if bufferHasNUL { checkNUL(bytes, n: n, row: row, line: line) }
        var isUTF8 = true
        if scanner.hasNonASCIIField { isUTF8 = checkEncoding(bytes, n: n, line: line) }

        var keyHash = CaseReference.emptyHash
        let base = bytes.baseAddress!
        for (field, action) in actions {
            var value = UnsafeRawBufferPointer(start: base, count: 0)
            var isEscaped = false
            if field < n {
                value = UnsafeRawBufferPointer(start: base + scanner.starts[field], count: scanner.ends[field] - scanner.starts[field])
                isEscaped = scanner.flags[field].contains(.escapedQuote)
            }
            if isEscaped {
                scratch.removeAll(keepingCapacity: true)
                RecordScanner.unescape(value, into: &scratch)
                let length = scratch.count
                scratch.append(contentsOf: repeatElement(0, count: 16))  // room for word loads
                let copy = scratch
                copy.withUnsafeBytes { unescaped in
                    keep(action, field: field, value: UnsafeRawBufferPointer(rebasing: unescaped[0..<length]), isUTF8: isUTF8, row: row, line: line, keyHash: &keyHash)
                }
            } else {
                keep(action, field: field, value: value, isUTF8: isUTF8, row: row, line: line, keyHash: &keyHash)
            }
        }
        keyHashes.append(keyHash)
        var isInvalid = false
        if problems.count > problemsBefore {
            for index in problemsBefore..<problems.count where problems[index].severity == .error { isInvalid = true }
        }
        let faulty = UnsafeBufferPointer(start: faultyFields.base, count: faultyFields.count)
        rowCodes.withUnsafeBufferPointer { codes in
            consumer.take(ParsedRow(
                index: row, line: line, codes: codes, keyHash: keyHash, isInvalid: isInvalid, isShifted: isShifted,
                faultyFields: faulty,
                record: RawRecord(scanner: scanner, in: bytes, encoding: isUTF8 ? .utf8 : .windows1252)))
        }
    }

    @inline(__always)
    private func isBlank(_ n: Int) -> Bool {
        for f in 0..<n where scanner.ends[f] > scanner.starts[f] { return false }
        return true
    }

    /// Records a row with more or fewer fields than the header; returns whether its fields may be shifted.
    private mutating func checkFieldCount(_ n: Int, headerCount: Int, row: Int, line: Int) -> Bool {
        if n < headerCount {
            problems.append(LocalProblem(
                kind: .tooFewFields, line: line, column: n + 1,
                message: "row has \(n) field\(n == 1 ? "" : "s") but the header has \(headerCount)", row: row))
            return true
        }
        for f in headerCount..<n where scanner.ends[f] > scanner.starts[f] || scanner.flags[f].contains(.quoted) {
            problems.append(LocalProblem(
                kind: .tooManyFields, line: line, column: headerCount + 1,
                message: "row has \(n) fields but the header has \(headerCount) (an unquoted delimiter inside a value?)",
                row: row))
            return true
        }
        rowsWithTrailingDelimiters += 1
        return false
    }

    private mutating func recordFaults(row: Int, line: Int) {
        for fault in scanner.faults {
            faultyFields.append(fault.field)
            switch fault.kind {
            case .strayQuote:
                problems.append(LocalProblem(
                    kind: .strayQuote, line: line, column: fault.field + 1,
                    message: "a quote inside an unquoted field; quote the whole field and double the quote", row: row))
            case .textAfterClosingQuote:
                problems.append(LocalProblem(
                    kind: .textAfterClosingQuote, line: line, column: fault.field + 1,
                    message: "text after the closing quote of a field", row: row))
            }
        }
    }

    /// Whether `bytes` holds a NUL byte.
    private static func containsNUL(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        return memchr(base, 0, bytes.count) != nil
    }

    /// Makes a row with a NUL byte in a field invalid: no spreadsheet writes one; the file is damaged
    /// or not text.
    private mutating func checkNUL(_ bytes: UnsafeRawBufferPointer, n: Int, row: Int, line: Int) {
        let base = bytes.baseAddress!
        for f in 0..<n where scanner.ends[f] > scanner.starts[f] && memchr(base + scanner.starts[f], 0, scanner.ends[f] - scanner.starts[f]) != nil {
            problems.append(LocalProblem(
                kind: .nulByte, line: line, column: f + 1,
                message: "a NUL byte (\\x00) in this field; no spreadsheet writes one: the file may be damaged or not text", row: row))
            return
        }
    }

    /// Whether a case reference reads like `1.23E+05`: a number Excel showed in scientific notation
    /// and exported so, its digits lost.
    @inline(never)
    private static func isScientificNotation(_ value: UnsafeRawBufferPointer) -> Bool {
        guard value.count >= 4, value.count <= 24, let e = value.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "e") }),
              e > 0, e + 2 < value.count, value[e + 1] == UInt8(ascii: "+") || value[e + 1] == UInt8(ascii: "-") else { return false }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let mantissa = value[..<e]
        let dots = mantissa.filter { $0 == UInt8(ascii: ".") }.count
        return dots <= 1 && isDigit(mantissa.first!) && mantissa.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") }
            && value[(e + 2)...].allSatisfy(isDigit)
    }

    /// Checks the fields with bytes above 0x7F as UTF-8; returns whether all are well-formed.
    private mutating func checkEncoding(_ bytes: UnsafeRawBufferPointer, n: Int, line: Int) -> Bool {
        let base = bytes.baseAddress!
        var isUTF8 = true
        for f in 0..<n where scanner.flags[f].contains(.nonASCII) {
            let span = UnsafeRawBufferPointer(start: base + scanner.starts[f], count: scanner.ends[f] - scanner.starts[f])
            switch UTF8Validation.validate(span) {
            case .valid(let sequences):
                validMultiByteSequences += sequences
            case .invalid(_, let sequences):
                isUTF8 = false
                validMultiByteSequences += sequences
                invalidUTF8Fields += 1
                if firstInvalidUTF8 == nil { firstInvalidUTF8 = (line, f + 1) }
                if firstUndefined1252 == nil, span.contains(where: { !Windows1252.isDefined($0) }) {
                    firstUndefined1252 = (line, f + 1)
                }
            }
        }
        return isUTF8
    }

    /// Keeps one field's value as `action` says.
    @inline(__always)
    private mutating func keep(
        _ action: ColumnPlan.Action, field: Int, value: UnsafeRawBufferPointer, isUTF8: Bool, row: Int, line: Int,
        keyHash: inout UInt64
    ) {
        let start = value.baseAddress ?? UnsafeRawPointer(bitPattern: 16)!
        switch action {
        case .key:
            keyHash = isUTF8 || !value.contains(where: { $0 >= 0x80 }) ? CaseReference.hash(value) : Self.windows1252Hash(value)
            if value.count >= 4 && value[0] &- 0x30 < 10 && Self.isScientificNotation(value) {
                scientificReferences += 1
                if firstScientificReference == nil { firstScientificReference = line }
            }
            if keyHash == CaseReference.emptyHash {
                problems.append(LocalProblem(
                    kind: .missingCaseReference, line: line, column: field + 1,
                    message: "the case reference is empty", row: row))
            } else if keyHash == plan.headerKeyHash {
                problems.append(LocalProblem(
                    kind: .repeatedHeader, line: line, column: field + 1,
                    message: "this row repeats the header (two exports joined?)", row: row))
            }
        case .coded(let slot):
            let (code, isNew) = value.count == 0 ? values.code(slot, emptyKey, 0, line: line) : values.code(slot, start, value.count, line: line)
            rowCodes[slot] = UInt32(truncatingIfNeeded: code)
            if isNew {
                consumer.valueAdded(slot: slot, code: code, bytes: values.bytes(slot, code), isUTF8: Self.isUTF8(value))
            }
        case .profile(let slot):
            // A row whose fields may be shifted would put another column's values (a date of birth)
            // into this column's profile.
            if !profileSaturated[slot] && !isShiftedRow {
                _ = value.count == 0 ? profiles.code(slot, emptyKey, 0, line: line) : profiles.code(slot, start, value.count, line: line)
                if profiles.count(slot) > ColumnPlan.profileLimit { profileSaturated[slot] = true }
            }
        }
    }


    private static func isUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if case .valid = UTF8Validation.validate(bytes) { return true }
        return false
    }

    /// The ``CaseReference`` hash of a reference written in Windows-1252: of its UTF-8, so that it
    /// equals the hash of the same reference in a UTF-8 file.
    private static func windows1252Hash(_ value: UnsafeRawBufferPointer) -> UInt64 {
        var utf8: [UInt8] = []
        Windows1252.appendUTF8(of: value, to: &utf8)
        return utf8.withUnsafeBytes { CaseReference.hash($0) }
    }
}

/// Sixteen readable zero bytes: the key of an empty value (``ValueTables`` reads keys by the word).
private nonisolated(unsafe) let emptyKey = UnsafeRawPointer(
    UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 8).initializeMemory(as: UInt8.self, repeating: 0, count: 16))

extension RecordScanner {
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
