import Dispatch
import Foundation

/// Stage four of reading: the encoding verdict, the distinct values decoded, duplicate case
/// references, and every problem in line order.
extension LongListReader {
    static func finish(_ merged: consuming MergedChunks, head: Head, plan: Plan, source: ByteSource, file: String) throws(LongListError) -> LongList {
        func fail(_ kind: ReadProblem.Kind, line: Int? = nil, column: Int? = nil, _ message: String) -> LongListError {
            LongListError(ReadProblem(kind, file: file, line: line, column: column, header: column.flatMap { head.headers[safe: $0 - 1] }, message: message))
        }
        var terminators = merged.terminatorCounts
        switch head.headerTerminator {
        case .lf: terminators[0] += 1
        case .crlf: terminators[1] += 1
        case .cr: terminators[2] += 1
        case .endOfData: break
        }

        // Encoding: UTF-8 unless the bytes are not, and hold no well-formed multi-byte sequence.
        var encoding = head.fixedEncoding ?? .utf8
        let invalidFields = merged.invalidUTF8Fields + (head.headerIsUTF8 ? 0 : 1)
        if invalidFields > 0 {
            let location = merged.firstInvalidUTF8 ?? (head.headerLine, 1)
            if head.fixedEncoding != nil || merged.validMultiByteSequences + head.headerMultiByteSequences > 0 {
                throw fail(.undecodableBytes, line: location.line, column: location.column,
                    "bytes that are not valid UTF-8 in a file that is otherwise UTF-8 (a mix of encodings?); re-save the file as \"CSV UTF-8\"")
            }
            if let undefined = merged.firstUndefined1252 {
                throw fail(.undecodableBytes, line: undefined.line, column: undefined.column,
                    "bytes that are neither UTF-8 nor Windows-1252; re-save the file as \"CSV UTF-8\"")
            }
            encoding = .windows1252
        }

        // Distinct values, each decoded once.
        func decoded(_ tables: borrowing ValueTables, _ slot: Int) -> [ValueCount] {
            (0..<tables.count(slot)).map { code in
                let bytes = tables.bytes(slot, code)
                let value = tables.value(slot, code)
                return ValueCount(
                    value: encoding == .windows1252 ? Windows1252.decode(bytes) : String(decoding: bytes, as: UTF8.self),
                    count: value.count, firstLine: value.firstLine)
            }
        }
        var categorical: [String: CategoricalColumn] = [:]
        for (slot, role) in plan.slotRoles.enumerated() {
            categorical[role] = CategoricalColumn(values: decoded(merged.values, slot), codes: nil)
        }
        var profiles: [Int: [ValueCount]?] = [:]
        for (slot, field) in plan.profiledFields.enumerated() {
            profiles[field] = merged.profileSaturated[slot] ? .some(nil) : decoded(merged.profiles, slot)
        }

        if let quote = merged.unterminatedQuote {
            throw fail(.unterminatedQuote, line: quote.line, column: quote.column,
                "a quoted field opens here and never closes, so it would swallow the rest of the file")
        }
        if merged.rowCount == 0 {
            throw fail(.headerOnly, line: head.headerLine, "the file has a header but no rows")
        }

        var list = LongList(
            file: file, encoding: encoding, delimiter: head.delimiter,
            lineEndings: LineEndings(lf: terminators[0], crlf: terminators[1], cr: terminators[2]),
            headers: head.headers, headerLine: head.headerLine, columnIndex: plan.columnIndex, blankRowsSkipped: merged.blankRows,
            problems: [], byteCount: head.byteCount, rowCount: merged.rowCount, caseReferenceHashes: merged.keyHashes,
            categorical: categorical, profiles: profiles, invalidRows: [:], checkpoints: merged.checkpoints, source: source,
            slotRoles: plan.slotRoles)

        // Problems: row errors and duplicates in line order, then warnings.
        var rowProblems = merged.problems
        if let keyField = plan.keyField { rowProblems += duplicateProblems(in: list, field: keyField) }
        var problems: [ReadProblem] = []
        var invalidRows: [Int: Int] = [:]
        for problem in rowProblems.sorted(by: { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }) {
            if let row = problem.row, problem.severity == .error, invalidRows[row] == nil {
                invalidRows[row] = problems.count
            }
            problems.append(ReadProblem(
                problem.kind, problem.severity, file: file, line: problem.line, column: problem.column,
                header: problem.column.flatMap { head.headers[safe: $0 - 1] }, message: problem.message))
        }
        if merged.rowsWithTrailingDelimiters > 0 {
            problems.append(ReadProblem(
                .trailingDelimiters, .warning, file: file,
                message: "\(merged.rowsWithTrailingDelimiters) \(merged.rowsWithTrailingDelimiters == 1 ? "row ends" : "rows end") with extra empty fields (a trailing delimiter); they were read as if it were not there"))
        }
        if merged.scientificReferences > 0, let line = merged.firstScientificReference {
            problems.append(ReadProblem(
                .scientificNotation, .warning, file: file, line: line, column: plan.keyField.map { $0 + 1 },
                header: plan.keyField.map { head.headers[$0] },
                message: "\(merged.scientificReferences) case reference\(merged.scientificReferences == 1 ? " reads" : "s read") like a number in scientific notation (such as 1.23E+05), first here: a spreadsheet may have changed them; export the column as text"))
        }
        if merged.blankRows > 0 {
            let lines = merged.blankRowLines.map(String.init).joined(separator: ", ")
            problems.append(ReadProblem(
                .blankRow, .warning, file: file, line: merged.blankRowLines.first,
                message: "\(merged.blankRows) blank or delimiter-only rows skipped (lines \(lines)\(merged.blankRows > merged.blankRowLines.count ? ", …" : ""))"))
        }
        list.setProblems(problems, invalidRows: invalidRows)
        return list
    }

    /// Problems for every row whose case reference repeats an earlier row's.
    ///
    /// The hashes are split by their top bits into buckets, an eighth of the hash space at a time (so
    /// that the copy is about an eighth as large as the hashes: at 10 million rows 10 MB, not 40, on
    /// top of everything the reader holds), and each bucket's repeats found on its own, on every
    /// core. Only rows with a repeated hash are read again, and equal hashes are confirmed on the
    /// references' text.
    static func duplicateProblems(in list: LongList, field: Int) -> [AbsoluteProblem] {
        let repeated = repeatedHashes(list.caseReferenceHashes)
        guard !repeated.isEmpty else { return [] }
        var rows: [Int] = []
        for (row, hash) in list.caseReferenceHashes.enumerated() where repeated.contains(hash) { rows.append(row) }
        var firstOfReference: [String: (row: Int, line: Int)] = [:]
        var problems: [AbsoluteProblem] = []
        list.forEachRawRecordWithLine(rows: rows) { row, line, record in
            guard field < record.fieldCount else { return }
            let reference = CaseReference.normalised(record.decodedField(field))
            if let first = firstOfReference[reference] {
                problems.append(AbsoluteProblem(
                    kind: .duplicateCaseReference, severity: .error, line: line, column: field + 1,
                    message: "this case reference is already on line \(first.line)", row: row))
            } else {
                firstOfReference[reference] = (row, line)
            }
        }
        return problems
    }

    /// The hashes (other than ``CaseReference/emptyHash``) that occur more than once.
    static func repeatedHashes(_ hashes: [UInt64]) -> Set<UInt64> {
        var repeated = Set<UInt64>()
        // Bucket counts of all eight parts in one pass: part `hash >> 61`, bucket `hash >> 53 & 0xFF`.
        var allCounts = [Int](repeating: 0, count: 8 * 256)
        for hash in hashes where hash != CaseReference.emptyHash { allCounts[Int(hash >> 53)] += 1 }
        for part in UInt64(0)..<8 {
            var starts = [Int](repeating: 0, count: 257)
            for b in 0..<256 { starts[b + 1] = starts[b] + allCounts[Int(part) * 256 + b] }
            guard starts[256] > 1 else { continue }
            var buckets = [UInt64](repeating: 0, count: starts[256])
            var fill = starts
            for hash in hashes where hash >> 61 == part && hash != CaseReference.emptyHash {
                let b = Int(hash >> 53 & 0xFF)
                buckets[fill[b]] = hash
                fill[b] += 1
            }
            let bounds = starts
            let found = buckets.withUnsafeMutableBufferPointer { all in
                let box = RepeatedBox()
                nonisolated(unsafe) let base = all.baseAddress!
                DispatchQueue.concurrentPerform(iterations: 256) { b in
                    let starts = bounds
                    let local = repeats(in: UnsafeBufferPointer(start: base + starts[b], count: starts[b + 1] - starts[b]))
                    if !local.isEmpty { box.add(local) }
                }
                return box.hashes
            }
            repeated.formUnion(found)
        }
        return repeated
    }

    /// The hashes that occur more than once in `bucket` (a repeat may be listed more than once), found
    /// with an open-addressing set of twice to four times the bucket's size: faster than sorting the
    /// bucket, which the check did before.
    private static func repeats(in bucket: UnsafeBufferPointer<UInt64>) -> [UInt64] {
        guard bucket.count > 1 else { return [] }
        var size = 2
        while size < 2 * bucket.count { size <<= 1 }
        let mask = size - 1
        // 0 marks an empty place, so a hash of 0 is counted apart.
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        table.initialize(repeating: 0, count: size)
        defer { table.deallocate() }
        var repeats: [UInt64] = []
        var zeros = 0
        for hash in bucket {
            if hash == 0 {
                zeros += 1
                if zeros == 2 { repeats.append(0) }
                continue
            }
            // The low bits: the bucket shares the top eleven.
            var position = Int(truncatingIfNeeded: hash) & mask
            while table[position] != 0 && table[position] != hash { position = (position + 1) & mask }
            if table[position] == hash { repeats.append(hash) } else { table[position] = hash }
        }
        return repeats
    }

    private final class RepeatedBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var hashes: [UInt64] = []
        func add(_ more: [UInt64]) { lock.withLock { hashes += more } }
    }
}

extension LongList {
    mutating func setProblems(_ problems: [ReadProblem], invalidRows: [Int: Int]) {
        self.problems = problems
        self.invalidRows = invalidRows
    }
}
