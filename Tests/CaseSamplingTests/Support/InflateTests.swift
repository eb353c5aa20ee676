import Testing

@testable import CaseSampling

/// Streams made by Python's zlib (`Resources/deflate/README.md`), hand-built blocks for every error
/// the decoder must report, and bombs.
@Suite("Inflate (RFC 1951)")
struct InflateTests {
    static let longList = { () -> [UInt8] in
        let bytes = (try? Examples.exampleBytes()) ?? []
        return Array(bytes.prefix(65_536))
    }()

    @Test(
        "zlib's streams decode to their input",
        arguments: [
            "long-list-64k.level1.deflate", "long-list-64k.level9.deflate", "long-list-64k.fixed.deflate",
            "long-list-64k.huffman-only.deflate", "long-list-64k.window512.deflate", "random.level6.deflate",
        ]
    )
    func zlibStreams(name: String) throws {
        let compressed = try TestResources.bytes("deflate/" + name)
        let expected = name.hasPrefix("random") ? try TestResources.bytes("deflate/random.bin") : Self.longList
        #expect(expected.count > 16_000)
        let output = try Inflate.decompress(compressed, outputLimit: expected.count)
        #expect(output == expected)
    }

    @Test("Streamed output in small chunks equals the whole output", arguments: [1024, 4096, 65_536])
    func streamedChunks(chunkSize: Int) throws {
        let compressed = try TestResources.bytes("deflate/long-list-64k.level9.deflate")
        var output: [UInt8] = []
        var largestChunk = 0
        try compressed.withUnsafeBytes { input in
            try Inflate.decompress(input, outputLimit: 1 << 20, chunkSize: chunkSize) { chunk in
                largestChunk = max(largestChunk, chunk.count)
                output.append(contentsOf: chunk)
            }
        }
        #expect(output == Self.longList)
        #expect(largestChunk <= chunkSize)
    }

    @Test(
        "Small streams from zlib and by hand",
        arguments: [
            ([0x03, 0x00], ""),  // zlib: empty input, one fixed block with only end-of-block
            ([0x4B, 0x04, 0x00], "a"),
            ([0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x57, 0xC8, 0x40, 0x27, 0x01], "hello hello hello hello"),
            ([0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63], "abc"),  // one stored block
            ([0x00, 0x01, 0x00, 0xFE, 0xFF, 0x61, 0x01, 0x00, 0x00, 0xFF, 0xFF], "a"),  // stored, then empty final stored
        ] as [([UInt8], String)]
    )
    func smallStreams(stream: [UInt8], expected: String) throws {
        #expect(try Inflate.decompress(stream, outputLimit: 100) == Array(expected.utf8))
    }

    @Test("A fixed block with a match repeating the previous bytes")
    func fixedBlockMatch() throws {
        var bits = BitWriter()
        bits.write(1, bits: 1)  // final
        bits.write(1, bits: 2)  // fixed Huffman
        bits.writeCode(0x30 + 0x61, length: 8)  // literal 'a' (0–143: 00110000 + value)
        bits.writeCode(0x30 + 0x62, length: 8)  // literal 'b'
        bits.writeCode(4, length: 7)  // length symbol 260: length 6
        bits.writeCode(1, length: 5)  // distance symbol 1: distance 2
        bits.writeCode(0, length: 7)  // end of block
        #expect(try Inflate.decompress(bits.bytes, outputLimit: 100) == Array("abababab".utf8))
    }

    // MARK: Errors

    static func fixedBlock(_ body: (inout BitWriter) -> Void) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, bits: 1)
        bits.write(1, bits: 2)
        body(&bits)
        return bits.bytes
    }

    /// A dynamic block header whose code length code gives each of `codeLengthCode`'s symbols its
    /// length, followed by the code lengths `sequence` (code length code symbols, with extra bits).
    static func dynamicBlock(
        literals: Int, distances: Int, codeLengthCode: [Int: Int], sequence: [(symbol: Int, extra: Int, extraBits: Int)]
    ) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, bits: 1)
        bits.write(2, bits: 2)
        bits.write(literals - 257, bits: 5)
        bits.write(distances - 1, bits: 5)
        bits.write(19 - 4, bits: 4)
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        for symbol in order { bits.write(codeLengthCode[symbol] ?? 0, bits: 3) }
        let lengths = (0..<19).map { codeLengthCode[$0] ?? 0 }
        let codes = BitWriter.canonicalCodes(lengths)
        for item in sequence {
            bits.writeCode(codes[item.symbol], length: lengths[item.symbol])
            bits.write(item.extra, bits: item.extraBits)
        }
        bits.write(0, bits: 16)  // padding, so that errors are not mistaken for truncation
        return bits.bytes
    }

    static func repeated(_ symbol: Int, _ count: Int) -> [(symbol: Int, extra: Int, extraBits: Int)] {
        Array(repeating: (symbol, 0, 0), count: count)
    }

    static let errorCases: [(name: String, stream: [UInt8], kind: Inflate.Error.Kind)] = [
        ("empty input", [], .truncated),
        ("reserved block type", [0x07], .reservedBlockType),
        ("stored length and complement disagree", [0x01, 0x01, 0x00, 0x00, 0x00], .storedLengthMismatch),
        ("stored block shorter than its length", [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61], .truncated),
        ("no final block", [0x00, 0x00, 0x00, 0xFF, 0xFF], .truncated),
        (
            "match before the start of the output",
            fixedBlock { bits in
                bits.writeCode(1, length: 7)  // length 3
                bits.writeCode(0, length: 5)  // distance 1
            }, .distanceTooFarBack
        ),
        ("literal/length symbol 286", fixedBlock { $0.writeCode(0xC6, length: 8) }, .invalidSymbol),
        (
            "distance symbol 30",
            fixedBlock { bits in
                bits.writeCode(0x30 + 0x61, length: 8)
                bits.writeCode(1, length: 7)
                bits.writeCode(30, length: 5)
            }, .invalidSymbol
        ),
        ("fixed block without end-of-block", fixedBlock { $0.writeCode(0x30 + 0x61, length: 8) }, .truncated),
        (
            "more than 286 literal/length codes",
            { var bits = BitWriter(); bits.write(5, bits: 3); bits.write(30, bits: 5); bits.write(0, bits: 32); return bits.bytes }(),
            .tooManyCodes
        ),
        (
            "incomplete code length code",
            dynamicBlock(literals: 257, distances: 1, codeLengthCode: [8: 1], sequence: []), .invalidCodeLengthCode
        ),
        (
            "over-subscribed code length code",
            dynamicBlock(literals: 257, distances: 1, codeLengthCode: [8: 1, 0: 1, 1: 1], sequence: []), .invalidCodeLengthCode
        ),
        (
            "repeat with no previous length",
            dynamicBlock(literals: 257, distances: 1, codeLengthCode: [8: 1, 16: 1], sequence: [(16, 0, 2)]),
            .invalidLengthRepeat
        ),
        (
            "repeat past the last length",
            dynamicBlock(literals: 257, distances: 1, codeLengthCode: [8: 1, 18: 1], sequence: repeated(8, 250) + [(18, 127, 7)]),
            .invalidLengthRepeat
        ),
        (
            "over-subscribed literal/length code",
            dynamicBlock(literals: 257, distances: 1, codeLengthCode: [8: 1, 1: 1], sequence: repeated(8, 257) + [(1, 0, 0)]),
            .oversubscribedCode
        ),
        (
            "incomplete literal/length code",
            dynamicBlock(
                literals: 257, distances: 1, codeLengthCode: [8: 1, 0: 1],
                sequence: [(0, 0, 0), (0, 0, 0)] + repeated(8, 255) + [(0, 0, 0)]
            ), .incompleteCode
        ),
        (
            "no end-of-block code",
            dynamicBlock(literals: 257, distances: 1, codeLengthCode: [8: 1, 0: 1], sequence: repeated(8, 256) + [(0, 0, 0), (0, 0, 0)]),
            .missingEndOfBlock
        ),
    ]

    @Test("Malformed streams are refused with the right error", arguments: errorCases.indices)
    func malformed(index: Int) {
        let testCase = Self.errorCases[index]
        #expect(throws: Inflate.Error.self, "\(testCase.name)") {
            try Inflate.decompress(testCase.stream, outputLimit: 1 << 20)
        }
        do {
            _ = try Inflate.decompress(testCase.stream, outputLimit: 1 << 20)
        } catch {
            #expect(error.kind == testCase.kind, "\(testCase.name): \(error)")
            #expect(error.description.hasPrefix("corrupt compressed data: "))
        }
    }

    @Test("Every prefix of a valid stream is refused as truncated or decodes a prefix, never traps")
    func everyPrefix() throws {
        let compressed = try TestResources.bytes("deflate/long-list-64k.level9.deflate")
        for length in stride(from: 0, to: compressed.count, by: 97) {
            #expect(throws: Inflate.Error.self) { try Inflate.decompress(Array(compressed[..<length]), outputLimit: 1 << 20) }
        }
    }

    // MARK: Bombs

    /// A fixed block with one literal and `matches` matches of 258 bytes at distance 1: 13 bits of input
    /// for 258 bytes of output.
    static func bomb(matches: Int) -> [UInt8] {
        fixedBlock { bits in
            bits.writeCode(0x30, length: 8)
            for _ in 0..<matches {
                bits.writeCode(0xC5, length: 8)  // symbol 285: length 258
                bits.writeCode(0, length: 5)  // distance 1
            }
            bits.writeCode(0, length: 7)
        }
    }

    @Test("Output past the limit is refused as soon as the limit is passed")
    func outputLimit() throws {
        let compressed = try TestResources.bytes("deflate/long-list-64k.level9.deflate")
        #expect {
            try Inflate.decompress(compressed, outputLimit: 65_535)
        } throws: { error in
            (error as? Inflate.Error)?.kind == .outputLimitExceeded(limit: 65_535)
        }
        let bomb = Self.bomb(matches: 4_000)  // 6.5 KB of input, 1 MB of output
        var produced = 0
        #expect {
            try bomb.withUnsafeBytes { input in
                try Inflate.decompress(input, outputLimit: 100_000) { produced += $0.count }
            }
        } throws: { error in
            (error as? Inflate.Error)?.kind == .outputLimitExceeded(limit: 100_000)
        }
        #expect(produced <= 100_000)
    }

    @Test("A bomb streams through a bounded window")
    func bombStreams() throws {
        let bomb = Self.bomb(matches: 40_000)  // 65 KB of input, 10 MB of output
        var produced = 0, largest = 0
        try bomb.withUnsafeBytes { input in
            try Inflate.decompress(input, outputLimit: 20_000_000) { chunk in
                produced += chunk.count
                largest = max(largest, chunk.count)
                #expect(chunk.allSatisfy { $0 == 0x00 })
            }
        }
        #expect(produced == 1 + 40_000 * 258)
        #expect(largest <= 65_536)
    }
}
