/// Steps of reading that sit outside the hot loop: sniffing, splitting, merging, duplicates.
extension LongListReader {
    /// The first physical line from `offset` (without its terminator, at most 64 KiB) and where the next begins.
    static func firstLine(of source: ByteSource, from offset: Int) -> (text: [UInt8], next: Int) {
        let window = source.bytes(in: offset..<min(source.count, offset + (1 << 16)))
        guard let end = window.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return (window, offset + window.count) }
        var next = end + 1
        if window[end] == 0x0D && next < window.count && window[next] == 0x0A { next += 1 }
        return (Array(window[..<end]), offset + next)
    }

    /// The delimiter the header line uses most, outside quotes: comma, semicolon or tab (comma on a tie).
    static func detectDelimiter(_ line: [UInt8]) -> UInt8 {
        var counts = Dictionary(uniqueKeysWithValues: Delimiter.named.map { ($0.byte, 0) })
        var inQuotes = false
        for byte in line {
            if byte == 0x22 { inQuotes.toggle() } else if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
        }
        // The first of the most frequent, in the order Delimiter.named lists them.
        var best = Delimiter.comma
        for (_, byte) in Delimiter.named where counts[byte]! > counts[best]! { best = byte }
        return best
    }

    /// A guess at a record boundary: just past the first line break at or after `offset`.
    static func recordBoundaryGuess(in source: ByteSource, after offset: Int) -> Int? {
        var position = offset
        while position < source.count {
            let window = source.bytes(in: position..<min(source.count, position + (1 << 16)))
            if let index = window.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                var next = position + index + 1
                if window[index] == 0x0D {
                    let after = source.bytes(in: next..<min(source.count, next + 1))
                    if after.first == 0x0A { next += 1 }
                }
                return next < source.count ? next : nil
            }
            position += window.count
        }
        return nil
    }

    /// UTF-16 (after its byte-order mark) to UTF-8, or an error at the first unpaired surrogate.
    static func transcodeUTF16(_ bytes: [UInt8], littleEndian: Bool, file: String) throws(LongListError) -> [UInt8] {
        guard bytes.count % 2 == 0 else {
            throw LongListError(ReadProblem(.undecodableBytes, file: file, message: "a UTF-16 file with an odd number of bytes"))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | (b << 8) : (a << 8) | b)
            i += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        var line = 1
        var failed = false
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { unit in
            output.append(unit)
            if unit == 0x0A { line += 1 }
        }
        var decoder = UTF16()
        var iterator = units.makeIterator()
        decode: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break decode
            case .error: failed = true; break decode
            }
        }
        if failed {
            throw LongListError(ReadProblem(
                .undecodableBytes, file: file, line: line,
                message: "an unpaired UTF-16 surrogate; re-save the file as \"CSV UTF-8\""))
        }
        return output
    }

    /// The result of one or two parsers, merged in file order with absolute lines.
    struct MergedParse {
        var rowOffsets: [UInt64]
        var keyHashes: [UInt64]
        var codes: [CodeStore]
        var dictionaries: [ByteDictionary]
        var profiles: [ByteDictionary]
        var profileSaturated: [Bool]
        var problems: [AbsoluteProblem]
        var blankRows: Int
        var blankRowLines: [Int]
        var validMultiByteSequences: Int
        var invalidUTF8Fields: Int
        var firstInvalidUTF8: (line: Int, column: Int)?
        var firstUndefined1252: (line: Int, column: Int)?
        var rowsWithNonASCIIKey: [Int]
        var rowsWithTrailingDelimiters: Int
        var unterminatedQuote: (line: Int, column: Int)?
    }

    struct AbsoluteProblem {
        var kind: ReadProblem.Kind
        var severity: ReadProblem.Severity
        var line: Int
        var column: Int?
        var message: String
        var row: Int?
    }

    static func merge(_ firstBox: ChunkParser.Box, _ secondBox: ChunkParser.Box?, firstLine: Int) -> MergedParse {
        func absolute(_ problems: [LocalProblem], lineBase: Int, rowBase: Int) -> [AbsoluteProblem] {
            problems.map {
                AbsoluteProblem(kind: $0.kind, severity: $0.severity, line: $0.line + lineBase, column: $0.column,
                                message: $0.message, row: $0.row.map { $0 + rowBase })
            }
        }
        func shift(_ location: (line: Int, column: Int)?, by base: Int) -> (line: Int, column: Int)? {
            location.map { ($0.line + base, $0.column) }
        }
        var merged = MergedParse(
            rowOffsets: firstBox.parser.rowOffsets, keyHashes: firstBox.parser.keyHashes, codes: firstBox.parser.codes,
            dictionaries: firstBox.parser.dictionaries, profiles: firstBox.parser.profiles, profileSaturated: firstBox.parser.profileSaturated,
            problems: absolute(firstBox.parser.problems, lineBase: firstLine, rowBase: 0),
            blankRows: firstBox.parser.blankRows, blankRowLines: firstBox.parser.blankRowLines.map { $0 + firstLine },
            validMultiByteSequences: firstBox.parser.validMultiByteSequences, invalidUTF8Fields: firstBox.parser.invalidUTF8Fields,
            firstInvalidUTF8: shift(firstBox.parser.firstInvalidUTF8, by: firstLine),
            firstUndefined1252: shift(firstBox.parser.firstUndefined1252, by: firstLine),
            rowsWithNonASCIIKey: firstBox.parser.rowsWithNonASCIIKey, rowsWithTrailingDelimiters: firstBox.parser.rowsWithTrailingDelimiters,
            unterminatedQuote: shift(firstBox.parser.unterminatedQuote, by: firstLine))
        for slot in merged.dictionaries.indices { merged.dictionaries[slot].shiftLines(by: firstLine) }
        for slot in merged.profiles.indices { merged.profiles[slot].shiftLines(by: firstLine) }
        guard let secondBox else { return merged }
        let lineBase = firstLine + firstBox.parser.linesConsumed
        let rowBase = firstBox.parser.rowOffsets.count
        merged.rowOffsets += secondBox.parser.rowOffsets
        merged.keyHashes += secondBox.parser.keyHashes
        for slot in merged.dictionaries.indices {
            let translation = merged.dictionaries[slot].absorb(secondBox.parser.dictionaries[slot], lineOffset: lineBase)
            merged.codes[slot].append(secondBox.parser.codes[slot], translatedBy: translation)
        }
        for slot in merged.profiles.indices {
            _ = merged.profiles[slot].absorb(secondBox.parser.profiles[slot], lineOffset: lineBase)
            merged.profileSaturated[slot] = merged.profileSaturated[slot] || secondBox.parser.profileSaturated[slot]
                || merged.profiles[slot].count > ColumnPlan.profileLimit
        }
        merged.problems += absolute(secondBox.parser.problems, lineBase: lineBase, rowBase: rowBase)
        merged.blankRows += secondBox.parser.blankRows
        merged.blankRowLines += secondBox.parser.blankRowLines.map { $0 + lineBase }
        merged.blankRowLines = Array(merged.blankRowLines.prefix(20))
        merged.validMultiByteSequences += secondBox.parser.validMultiByteSequences
        merged.invalidUTF8Fields += secondBox.parser.invalidUTF8Fields
        merged.firstInvalidUTF8 = merged.firstInvalidUTF8 ?? shift(secondBox.parser.firstInvalidUTF8, by: lineBase)
        merged.firstUndefined1252 = merged.firstUndefined1252 ?? shift(secondBox.parser.firstUndefined1252, by: lineBase)
        merged.rowsWithNonASCIIKey += secondBox.parser.rowsWithNonASCIIKey.map { $0 + rowBase }
        merged.rowsWithTrailingDelimiters += secondBox.parser.rowsWithTrailingDelimiters
        merged.unterminatedQuote = merged.unterminatedQuote ?? shift(secondBox.parser.unterminatedQuote, by: lineBase)
        return merged
    }

    /// Problems for every row whose case reference repeats an earlier row's.
    ///
    /// A Bloom filter (two probes, 16 bits a row) finds candidate hashes in one pass; only candidates
    /// go into an exact table, and equal hashes are confirmed on the rows' text.
    static func duplicateProblems(
        keyHashes: [UInt64], rowOffsets: [UInt64], field: Int, fetcher: RecordFetcher
    ) -> [AbsoluteProblem] {
        var bitCount = 1024
        while bitCount < keyHashes.count * 16 { bitCount <<= 1 }
        var bits = [UInt64](repeating: 0, count: bitCount / 64)
        let mask = UInt64(bitCount - 1)
        var candidates = Set<UInt64>()
        for hash in keyHashes where hash != CaseReference.emptyHash {
            let a = Int(hash & mask), b = Int((hash >> 32 ^ hash &* 0x9E37_79B9_7F4A_7C15) & mask)
            let seenA = bits[a >> 6] & (1 << UInt64(a & 63)) != 0
            let seenB = bits[b >> 6] & (1 << UInt64(b & 63)) != 0
            if seenA && seenB { candidates.insert(hash) }
            bits[a >> 6] |= 1 << UInt64(a & 63)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        guard !candidates.isEmpty else { return [] }
        var firstRow: [UInt64: Int] = [:]
        var pairs: [(row: Int, first: Int)] = []
        for (row, hash) in keyHashes.enumerated() where candidates.contains(hash) {
            if let first = firstRow[hash] { pairs.append((row, first)) } else { firstRow[hash] = row }
        }
        guard !pairs.isEmpty else { return [] }
        let lines = physicalLines(of: pairs.flatMap { [rowOffsets[$0.row], rowOffsets[$0.first]] }, in: fetcher.source)
        return pairs.compactMap { pair in
            let a = fetcher.fields(at: Int(rowOffsets[pair.row]))[safe: field] ?? ""
            let b = fetcher.fields(at: Int(rowOffsets[pair.first]))[safe: field] ?? ""
            guard CaseReference.normalised(a) == CaseReference.normalised(b) else { return nil }
            let firstLine = lines[rowOffsets[pair.first]]!
            return AbsoluteProblem(
                kind: .duplicateCaseReference, severity: .error, line: lines[rowOffsets[pair.row]]!, column: field + 1,
                message: "this case reference is already on line \(firstLine)", row: pair.row)
        }
    }

    /// The physical line (1-based: line breaks before it, plus one) of each byte offset.
    static func physicalLines(of offsets: [UInt64], in source: ByteSource) -> [UInt64: Int] {
        var result: [UInt64: Int] = [:]
        let sorted = Set(offsets).sorted()
        var line = 1
        var position = 0
        var previousWasCR = false
        var next = 0
        let chunk = 1 << 20
        while next < sorted.count && position < source.count {
            let window = source.bytes(in: position..<min(source.count, position + chunk))
            for (i, byte) in window.enumerated() {
                while next < sorted.count && sorted[next] == UInt64(position + i) {
                    result[sorted[next]] = line
                    next += 1
                }
                if byte == 0x0A { if !previousWasCR { line += 1 } } else if byte == 0x0D { line += 1 }
                previousWasCR = byte == 0x0D
            }
            position += window.count
        }
        return result
    }
}

extension ByteDictionary {
    /// Adds `other`'s entries (counts summed) and returns the translation from its codes to ours.
    mutating func absorb(_ other: ByteDictionary, lineOffset: Int) -> [Int] {
        other.entries.indices.map { index in
            let entry = other.entries[index]
            return other.arena.withUnsafeBytes { arena in
                add(arena.baseAddress! + entry.offset, length: entry.length, count: entry.count,
                    line: entry.firstLine + lineOffset)
            }
        }
    }
}

/// Fetches one record again by its byte offset, decoded to strings.
struct RecordFetcher {
    let source: ByteSource
    let delimiter: UInt8
    let encoding: SourceEncoding

    func fields(at offset: Int) -> [String] {
        var scanner = RecordScanner(delimiter: delimiter)
        var size = 1 << 14
        while true {
            var buffer = ScanBuffer(capacity: size)
            _ = buffer.fill(from: source, at: offset)
            let isFinal = offset + buffer.count >= source.count
            let outcome = buffer.withBytes { scanner.scan($0, from: 0, isFinal: isFinal) }
            switch outcome {
            case .needMoreData:
                size *= 4
            case .unterminatedQuote:
                return []
            case .record:
                return scanner.decodedFields(in: buffer.unsafeBytes, encoding: encoding)
            }
        }
    }
}
