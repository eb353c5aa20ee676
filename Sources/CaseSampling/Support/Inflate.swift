#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A DEFLATE decoder (RFC 1951, "DEFLATE Compressed Data Format Specification version 1.3"), for the
/// parts of zip archives such as `.xlsx` workbooks.
///
/// ```swift
/// let text = try Inflate.decompress(compressed, outputLimit: 1 << 20)   // whole output
/// try Inflate.decompress(compressed, outputLimit: 1 << 30) { chunk in   // streamed, in chunks
///     parser.feed(chunk)
/// }
/// ```
///
/// Every block type is decoded: stored (§3.2.4), fixed Huffman (§3.2.6) and dynamic Huffman (§3.2.7).
/// Malformed input is an ``Inflate/Error``, never a trap: a reserved block type, a stored length whose
/// complement does not match, code length codes or literal/length and distance codes that are
/// over-subscribed or incomplete (an incomplete code is allowed only for a single code of one bit, or no
/// distance codes at all, as zlib and Mark Adler's `puff.c` allow), a repeat with nothing to repeat or
/// past the end of the lengths, a block without an end-of-block code, a symbol that has no meaning
/// (literal/length 286 and 287, distance 30 and 31), a distance further back than the output so far, and
/// input that ends inside a block.
///
/// ### Bounded memory and time
///
/// `outputLimit` is enforced as bytes are produced: a stream that would produce more is refused as soon
/// as it passes the limit, so a small input that expands to gigabytes (a "zip bomb") costs at most
/// `outputLimit` bytes of work and never more memory than the window. The streaming form keeps one
/// buffer of 32 KiB of history plus `chunkSize` bytes, whatever the size of the output; the output is
/// handed over in chunks of at most `chunkSize` bytes, valid only during the call.
///
/// ### Decoding
///
/// Bits are read from a 64-bit buffer refilled eight bytes at a time. Each Huffman code has a
/// 1,024-entry table indexed by its next 10 bits (which holds the symbol and code length of every code of
/// up to 10 bits); the rare longer codes are decoded bit by bit from the code-length counts, as in
/// `puff.c`.
enum Inflate {
    /// The largest distance a DEFLATE stream can refer back (§3.2.5).
    static let windowSize = 32_768
    /// The longest match (§3.2.5).
    static let maximumMatchLength = 258

    /// Decompresses a whole DEFLATE stream into one array.
    ///
    /// - Parameters:
    ///   - input: the raw DEFLATE stream (no zlib or gzip header).
    ///   - outputLimit: the most bytes the stream may produce.
    /// - Returns: the decompressed bytes. Input after the final block is ignored.
    /// - Throws: ``Inflate/Error`` when the stream is malformed, truncated or produces more than
    ///   `outputLimit` bytes.
    static func decompress(_ input: [UInt8], outputLimit: Int) throws(Error) -> [UInt8] {
        var output: [UInt8] = []
        do {
            try input.withUnsafeBytes { buffer in
                try decompress(buffer, outputLimit: outputLimit) { output.append(contentsOf: $0) }
            }
        } catch let error as Error {
            throw error
        } catch {
            preconditionFailure("the chunk handler above does not throw")
        }
        return output
    }

    /// Decompresses a DEFLATE stream, handing its output to `consume` in chunks.
    ///
    /// - Parameters:
    ///   - input: the raw DEFLATE stream (no zlib or gzip header).
    ///   - outputLimit: the most bytes the stream may produce.
    ///   - chunkSize: the most bytes in one chunk (at least 1,024; smaller sizes are raised to it).
    ///   - consume: called with each chunk of output, in order; the buffer is valid only during the call.
    /// - Throws: ``Inflate/Error`` when the stream is malformed, truncated or produces more than
    ///   `outputLimit` bytes; or whatever `consume` throws, which stops decoding.
    static func decompress(
        _ input: UnsafeRawBufferPointer, outputLimit: Int, chunkSize: Int = 1 << 16,
        _ consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var decoder = Decoder(input: input, outputLimit: outputLimit, chunkSize: max(chunkSize, 1024))
        defer { decoder.deallocate() }
        try decoder.run(consume)
    }
}

// MARK: - Errors

extension Inflate {
    /// A DEFLATE stream that cannot be decoded: what is wrong and the byte offset in the compressed
    /// input where the decoder noticed.
    struct Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
        enum Kind: Equatable, Sendable {
            /// A block header with BTYPE 11 (§3.2.3).
            case reservedBlockType
            /// A stored block whose NLEN is not the complement of LEN (§3.2.4).
            case storedLengthMismatch
            /// A dynamic block declaring more than 286 literal/length or 30 distance codes (§3.2.7).
            case tooManyCodes
            /// Code length code lengths that do not form a complete prefix code.
            case invalidCodeLengthCode
            /// A repeat code (16) with no previous length, or a repeat past the declared number of lengths.
            case invalidLengthRepeat
            /// Literal/length or distance code lengths that are over-subscribed (more codes than bit
            /// patterns of their lengths).
            case oversubscribedCode
            /// Literal/length or distance code lengths that leave bit patterns unused.
            case incompleteCode
            /// A dynamic block without a code for end-of-block (256).
            case missingEndOfBlock
            /// Bits that match no code, or a code with no meaning (literal/length 286–287, distance 30–31).
            case invalidSymbol
            /// A match that refers to before the start of the output.
            case distanceTooFarBack
            /// The input ended before the final block did.
            case truncated
            /// The stream produces more than the limit allows.
            case outputLimitExceeded(limit: Int)
        }

        let kind: Kind
        /// The byte offset in the compressed input, approximately (the decoder reads ahead).
        let byteOffset: Int

        var description: String {
            let what: String
            switch kind {
            case .reservedBlockType: what = "a block has the reserved type 3"
            case .storedLengthMismatch: what = "a stored block's length and its complement disagree"
            case .tooManyCodes: what = "a block declares more than 286 literal/length or 30 distance codes"
            case .invalidCodeLengthCode: what = "a block's code length code is over-subscribed or incomplete"
            case .invalidLengthRepeat: what = "a block repeats a code length with none before it, or past the end"
            case .oversubscribedCode: what = "a block's Huffman code is over-subscribed"
            case .incompleteCode: what = "a block's Huffman code is incomplete"
            case .missingEndOfBlock: what = "a block has no end-of-block code"
            case .invalidSymbol: what = "the data holds an invalid Huffman code"
            case .distanceTooFarBack: what = "a match refers back before the start of the data"
            case .truncated: what = "the data ends before its last block"
            case .outputLimitExceeded(let limit): what = "the data expands to more than \(limit) bytes"
            }
            return "corrupt compressed data: \(what) (near byte \(byteOffset))"
        }
    }
}

// MARK: - Decoder

extension Inflate {
    /// The length base and extra bits of literal/length symbols 257…285 (§3.2.5).
    private static let lengthBase: [UInt16] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtraBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// The distance base and extra bits of distance symbols 0…29 (§3.2.5).
    private static let distanceBase: [UInt16] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtraBits: [UInt8] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// The order in which a dynamic block lists its code length code lengths (§3.2.7).
    private static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The decoder's state. It owns two allocations, freed by ``deallocate()``: the output window and
    /// the Huffman tables. All pointer arithmetic stays in this type.
    private struct Decoder {
        var bits: BitReader
        /// Output window: `windowSize` bytes of history, then room for a chunk and one match.
        let window: UnsafeMutablePointer<UInt8>
        let windowCapacity: Int
        /// Bytes of the window in use; bytes before `emitted` have been handed over already.
        var written = 0
        var emitted = 0
        /// Bytes dropped from the front of the window, so that `dropped + written` is the output so far.
        var dropped = 0
        let outputLimit: Int
        let chunkSize: Int
        let literalLength: HuffmanTable
        let distance: HuffmanTable
        let codeLength: HuffmanTable

        init(input: UnsafeRawBufferPointer, outputLimit: Int, chunkSize: Int) {
            bits = BitReader(input)
            windowCapacity = Inflate.windowSize + chunkSize + Inflate.maximumMatchLength
            window = .allocate(capacity: windowCapacity)
            self.outputLimit = max(outputLimit, 0)
            self.chunkSize = chunkSize
            literalLength = HuffmanTable(symbolCapacity: 288)
            distance = HuffmanTable(symbolCapacity: 32)
            codeLength = HuffmanTable(symbolCapacity: 19)
        }

        func deallocate() {
            window.deallocate()
            literalLength.deallocate()
            distance.deallocate()
            codeLength.deallocate()
        }

        func failure(_ kind: Error.Kind) -> Error {
            Error(kind: kind, byteOffset: bits.byteOffset)
        }

        mutating func run(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
            var isFinal = false
            while !isFinal {
                bits.refill()
                guard let header = bits.take(3) else { throw failure(.truncated) }
                isFinal = header & 1 == 1
                switch header >> 1 {
                case 0: try copyStoredBlock(consume)
                case 1:
                    buildFixedTables()
                    try decodeHuffmanBlock(consume)
                case 2:
                    try readDynamicTables()
                    try decodeHuffmanBlock(consume)
                default: throw failure(.reservedBlockType)
                }
            }
            try flush(consume)
        }

        /// Hands over what is not yet emitted and, once the window is full, keeps only its last 32 KiB.
        mutating func flush(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
            while written > emitted {
                let count = min(written - emitted, chunkSize)
                try consume(UnsafeRawBufferPointer(start: window + emitted, count: count))
                emitted += count
            }
            if written > Inflate.windowSize + chunkSize / 2 {
                let keep = Inflate.windowSize
                memmove(window, window + (written - keep), keep)
                dropped += written - keep
                written = keep
                emitted = keep
            }
        }

        /// Makes room for `count` more bytes (at most a match's length), or throws when they would pass
        /// the output limit.
        @inline(__always)
        mutating func reserve(_ count: Int, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
            if written + count > windowCapacity { try flush(consume) }
            if dropped + written + count > outputLimit { throw failure(.outputLimitExceeded(limit: outputLimit)) }
        }

        // MARK: Stored blocks (§3.2.4)

        mutating func copyStoredBlock(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
            bits.alignToByte()
            bits.refill()
            guard let length = bits.take(16), let complement = bits.take(16) else { throw failure(.truncated) }
            guard length == ~complement & 0xFFFF else { throw failure(.storedLengthMismatch) }
            var remaining = Int(length)
            bits.rewindUnusedBytes()
            while remaining > 0 {
                let room = windowCapacity - written
                if room == 0 {
                    try flush(consume)
                    continue
                }
                let count = min(remaining, room, bits.remainingBytes)
                guard count > 0 else { throw failure(.truncated) }
                try reserve(count, consume)
                bits.copyBytes(count, to: window + written)
                written += count
                remaining -= count
            }
        }

        // MARK: Code tables (§3.2.6, §3.2.7)

        mutating func buildFixedTables() {
            var lengths = [UInt8](repeating: 8, count: 288)
            for symbol in 144..<256 { lengths[symbol] = 9 }
            for symbol in 256..<280 { lengths[symbol] = 7 }
            _ = literalLength.build(lengths: lengths)
            // 30 five-bit codes: incomplete by design; 30 and 31 decode as invalid symbols.
            _ = distance.build(lengths: [UInt8](repeating: 5, count: 30))
        }

        mutating func readDynamicTables() throws {
            bits.refill()
            guard let literalCount = bits.take(5), let distanceCount = bits.take(5), let lengthCodeCount = bits.take(4)
            else { throw failure(.truncated) }
            let literals = Int(literalCount) + 257, distances = Int(distanceCount) + 1
            guard literals <= 286, distances <= 30 else { throw failure(.tooManyCodes) }

            var codeLengthLengths = [UInt8](repeating: 0, count: 19)
            for index in 0..<(Int(lengthCodeCount) + 4) {
                bits.refill()
                guard let length = bits.take(3) else { throw failure(.truncated) }
                codeLengthLengths[Inflate.codeLengthOrder[index]] = UInt8(length)
            }
            guard codeLength.build(lengths: codeLengthLengths) == .complete else {
                throw failure(.invalidCodeLengthCode)
            }

            var lengths = [UInt8](repeating: 0, count: literals + distances)
            var index = 0
            while index < lengths.count {
                bits.refill()
                let symbol = try decodeSymbol(codeLength)
                if symbol < 16 {
                    lengths[index] = UInt8(symbol)
                    index += 1
                    continue
                }
                var repeated: UInt8 = 0
                let count: Int
                switch symbol {
                case 16:
                    guard index > 0 else { throw failure(.invalidLengthRepeat) }
                    repeated = lengths[index - 1]
                    guard let extra = bits.take(2) else { throw failure(.truncated) }
                    count = 3 + Int(extra)
                case 17:
                    guard let extra = bits.take(3) else { throw failure(.truncated) }
                    count = 3 + Int(extra)
                default:
                    guard let extra = bits.take(7) else { throw failure(.truncated) }
                    count = 11 + Int(extra)
                }
                guard index + count <= lengths.count else { throw failure(.invalidLengthRepeat) }
                for offset in index..<(index + count) { lengths[offset] = repeated }
                index += count
            }
            guard lengths[256] != 0 else { throw failure(.missingEndOfBlock) }
            try checkCode(literalLength.build(lengths: Array(lengths[0..<literals])))
            try checkCode(distance.build(lengths: Array(lengths[literals...])))
        }

        /// Accepts a complete code, or an incomplete one that is a single one-bit code or empty.
        func checkCode(_ shape: HuffmanTable.Shape) throws {
            switch shape {
            case .complete, .singleOrEmpty: return
            case .oversubscribed: throw failure(.oversubscribedCode)
            case .incomplete: throw failure(.incompleteCode)
            }
        }

        // MARK: Huffman blocks (§3.2.5)

        @inline(__always)
        mutating func decodeSymbol(_ table: HuffmanTable) throws -> Int {
            let entry = table.fast[Int(bits.peek(HuffmanTable.fastBits))]
            let length = Int(entry & 15)
            if length != 0 && length <= bits.count {
                bits.drop(length)
                return Int(entry >> 4)
            }
            return try decodeSymbolSlowly(table)
        }

        /// Decodes a code longer than the fast table's bits, one whose bits run past the input, or bits
        /// that are no code, walking the code lengths as `puff.c` does.
        @inline(never)
        mutating func decodeSymbolSlowly(_ table: HuffmanTable) throws -> Int {
            let pattern = bits.peek(15)
            var total = 0
            for length in 1...15 { total += Int(table.counts[length]) }
            var code = 0, first = 0, index = 0
            for length in 1...15 {
                guard length <= bits.count else { throw failure(.truncated) }
                code |= Int((pattern >> UInt32(length - 1)) & 1)
                let count = Int(table.counts[length])
                if code - count < first {
                    bits.drop(length)
                    return Int(table.symbols[index + (code - first)])
                }
                index += count
                guard index < total else { break }
                first = (first + count) << 1
                code <<= 1
            }
            throw failure(.invalidSymbol)
        }

        mutating func decodeHuffmanBlock(_ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
            while true {
                bits.refill()
                let symbol = try decodeSymbol(literalLength)
                if symbol < 256 {
                    if written >= windowCapacity || dropped + written >= outputLimit { try reserve(1, consume) }
                    window[written] = UInt8(truncatingIfNeeded: symbol)
                    written += 1
                    continue
                }
                if symbol == 256 { return }
                let lengthSymbol = symbol - 257
                guard lengthSymbol < 29 else { throw failure(.invalidSymbol) }
                guard let lengthExtra = bits.take(Int(Inflate.lengthExtraBits[lengthSymbol])) else {
                    throw failure(.truncated)
                }
                let length = Int(Inflate.lengthBase[lengthSymbol]) + Int(lengthExtra)
                let distanceSymbol = try decodeSymbol(distance)
                guard distanceSymbol < 30 else { throw failure(.invalidSymbol) }
                guard let distanceExtra = bits.take(Int(Inflate.distanceExtraBits[distanceSymbol])) else {
                    throw failure(.truncated)
                }
                let distance = Int(Inflate.distanceBase[distanceSymbol]) + Int(distanceExtra)
                guard distance <= dropped + written else { throw failure(.distanceTooFarBack) }
                try reserve(length, consume)
                copyMatch(length: length, distance: distance)
            }
        }

        /// Appends `length` bytes copied from `distance` back; overlapping copies repeat the pattern.
        @inline(__always)
        mutating func copyMatch(length: Int, distance: Int) {
            let target = window + written
            let source = target - distance
            if distance >= length {
                target.update(from: source, count: length)
            } else if distance == 1 {
                target.update(repeating: source.pointee, count: length)
            } else {
                for offset in 0..<length { target[offset] = source[offset] }
            }
            written += length
        }
    }

    // MARK: Bits

    /// Reads the input least significant bit first (§3.1.1) through a 64-bit buffer.
    private struct BitReader {
        let input: UnsafeRawBufferPointer
        /// The next byte to load into the buffer.
        var position = 0
        var buffer: UInt64 = 0
        /// Valid bits in `buffer`.
        var count = 0

        init(_ input: UnsafeRawBufferPointer) { self.input = input }

        /// The offset of the next unread byte.
        var byteOffset: Int { position - count / 8 }

        /// Loads bytes until the buffer holds at least 56 bits or the input is exhausted.
        @inline(__always)
        mutating func refill() {
            if position + 8 <= input.count {
                let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                buffer |= word &<< UInt64(count)
                position += (63 - count) >> 3
                count |= 56
            } else {
                while count <= 56 && position < input.count {
                    buffer |= UInt64(input[position]) &<< UInt64(count)
                    position += 1
                    count += 8
                }
            }
        }

        /// The next `n` bits (n ≤ 32), with zeros past the end of the input.
        @inline(__always)
        func peek(_ n: Int) -> UInt32 {
            UInt32(truncatingIfNeeded: buffer & ((1 &<< UInt64(n)) &- 1))
        }

        @inline(__always)
        mutating func drop(_ n: Int) {
            buffer &>>= UInt64(n)
            count -= n
        }

        /// The next `n` bits (n ≤ 16), or nil when the input has fewer; call ``refill()`` first.
        @inline(__always)
        mutating func take(_ n: Int) -> UInt32? {
            if n > count { refill() }
            guard n <= count else { return nil }
            let value = peek(n)
            drop(n)
            return value
        }

        mutating func alignToByte() { drop(count & 7) }

        /// Puts the whole bytes still in the buffer back in the input; the buffer must be byte-aligned.
        mutating func rewindUnusedBytes() {
            position -= count / 8
            buffer = 0
            count = 0
        }

        var remainingBytes: Int { input.count - position }

        /// Copies `n` bytes straight from the input (after ``rewindUnusedBytes()``).
        mutating func copyBytes(_ n: Int, to target: UnsafeMutablePointer<UInt8>) {
            precondition(count == 0 && n <= remainingBytes, "stored copy outside the input")
            UnsafeMutableRawPointer(target).copyMemory(from: input.baseAddress! + position, byteCount: n)
            position += n
        }
    }

    // MARK: Huffman tables

    /// A canonical Huffman code (§3.2.2) as a fast table of its short codes plus counts and symbols for
    /// the long ones. Its storage is allocated once and rebuilt for each block.
    private struct HuffmanTable {
        static let fastBits = 10

        /// Indexed by the next ``fastBits`` bits: `symbol << 4 | length` for codes of up to `fastBits`
        /// bits, 0 where a longer code (or no code) starts.
        let fast: UnsafeMutablePointer<UInt16>
        /// The number of codes of each length 0…15.
        let counts: UnsafeMutablePointer<UInt16>
        /// Symbols in canonical order: by length, then by symbol.
        let symbols: UnsafeMutablePointer<UInt16>
        let symbolCapacity: Int

        enum Shape { case complete, singleOrEmpty, incomplete, oversubscribed }

        init(symbolCapacity: Int) {
            self.symbolCapacity = symbolCapacity
            fast = .allocate(capacity: 1 << Self.fastBits)
            counts = .allocate(capacity: 16)
            symbols = .allocate(capacity: symbolCapacity)
            fast.initialize(repeating: 0, count: 1 << Self.fastBits)
            counts.initialize(repeating: 0, count: 16)
            symbols.initialize(repeating: 0, count: symbolCapacity)
        }

        func deallocate() {
            fast.deallocate()
            counts.deallocate()
            symbols.deallocate()
        }

        /// Rebuilds the code from the code lengths of symbols 0, 1, 2, …, and says whether it is complete.
        ///
        /// An over-subscribed code is left unusable (every fast entry 0 and no long codes), so decoding
        /// with it fails cleanly if the caller goes on.
        /// - Precondition: `lengths.count` ≤ the capacity and every length ≤ 15.
        func build(lengths: [UInt8]) -> Shape {
            precondition(lengths.count <= symbolCapacity, "more code lengths than symbols")
            counts.update(repeating: 0, count: 16)
            fast.update(repeating: 0, count: 1 << Self.fastBits)
            for length in lengths { counts[Int(length)] += 1 }
            let codeCount = lengths.count - Int(counts[0])
            var left = 1
            for length in 1...15 {
                left = (left << 1) - Int(counts[length])
                if left < 0 {
                    counts.update(repeating: 0, count: 16)
                    return .oversubscribed
                }
            }
            // Offsets of each length's first symbol in `symbols`, then the symbols in canonical order.
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + Int(counts[length]) }
            var nextCode = [Int](repeating: 0, count: 16)
            var code = 0
            for length in 1...15 {
                let previous = length == 1 ? 0 : Int(counts[length - 1])  // counts[0] holds unused symbols
                code = (code + previous) << 1
                nextCode[length] = code
            }
            for (symbol, length) in lengths.enumerated() where length != 0 {
                let length = Int(length)
                symbols[offsets[length]] = UInt16(symbol)
                offsets[length] += 1
                let assigned = nextCode[length]
                nextCode[length] += 1
                guard length <= Self.fastBits else { continue }
                // Codes are sent most significant bit first, so the table is indexed by the reversed code.
                var reversed = 0
                for bit in 0..<length where assigned & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                let entry = UInt16(symbol << 4 | length)
                var slot = reversed
                while slot < 1 << Self.fastBits {
                    fast[slot] = entry
                    slot += 1 << length
                }
            }
            if left == 0 { return .complete }
            return codeCount <= 1 && Int(counts[1]) == codeCount ? .singleOrEmpty : .incomplete
        }
    }
}
