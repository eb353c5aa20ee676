import Testing

@testable import CaseSampling

@Suite("Zip archives")
struct ZipArchiveTests {
    static let original = Array(InflateTests.longList)

    static func deflatedArchive() throws -> [UInt8] {
        var zip = ZipBuilder()
        zip.stored("mimetype", "text/csv")
        zip.deflated("data/list.csv", compressed: try TestResources.bytes("deflate/long-list-64k.level9.deflate"), original: original)
        return zip.build()
    }

    @Test("Stored and deflated entries read back, whole and in chunks, by exact or case-folded name")
    func readsEntries() throws {
        let archive = try ZipArchive(bytes: try Self.deflatedArchive())
        #expect(archive.entries.map(\.path) == ["mimetype", "data/list.csv"])
        let stored = try #require(archive.entry(at: "mimetype"))
        #expect(try archive.contents(of: stored) == Array("text/csv".utf8))
        let deflated = try #require(archive.entry(at: "DATA/List.csv"))
        #expect(try archive.contents(of: deflated) == Self.original)
        var chunks: [UInt8] = []
        try archive.read(deflated, chunkSize: 4096) { chunks.append(contentsOf: $0) }
        #expect(chunks == Self.original)
        #expect(archive.entry(at: "missing.xml") == nil)
    }

    @Test("ZipWriter's archives read back byte for byte, and the same input gives the same bytes")
    func writerRoundTrip() throws {
        var writer = ZipWriter()
        writer.addEntry(path: "[Content_Types].xml", contents: Array("<Types/>".utf8))
        writer.addEntry(path: "xl/Zoë.xml", contents: Self.original)
        writer.addEntry(path: "empty", contents: [])
        let bytes = writer.finish()
        let archive = try ZipArchive(bytes: bytes)
        #expect(archive.entries.map(\.path) == ["[Content_Types].xml", "xl/Zoë.xml", "empty"])
        #expect(try archive.contents(of: archive.entries[1]) == Self.original)
        #expect(try archive.contents(of: archive.entries[2]) == [])
        var again = ZipWriter()
        again.addEntry(path: "[Content_Types].xml", contents: Array("<Types/>".utf8))
        again.addEntry(path: "xl/Zoë.xml", contents: Self.original)
        again.addEntry(path: "empty", contents: [])
        #expect(again.finish() == bytes)
        // The fixed time: 1980-01-01 00:00 in the first local header.
        #expect(Array(bytes[10..<14]) == [0x00, 0x00, 0x21, 0x00])
    }

    @Test("ZIP64 end records and extra fields are read")
    func zip64() throws {
        var zip = ZipBuilder()
        zip.stored("a.txt", "hello")
        zip.entries[0].zip64 = true
        zip.zip64End = true
        let archive = try ZipArchive(bytes: zip.build())
        let entry = try #require(archive.entry(at: "a.txt"))
        #expect(try archive.contents(of: entry) == Array("hello".utf8))
    }

    static func refusal(_ bytes: [UInt8], limits: ZipArchive.Limits = .default) -> ZipError? {
        do {
            let archive = try ZipArchive(bytes: bytes, limits: limits)
            for entry in archive.entries { _ = try archive.contents(of: entry) }
            return nil
        } catch {
            return error
        }
    }

    @Test("Archives that are not zips, truncated, encrypted or use other methods are refused")
    func refusals() throws {
        #expect(Self.refusal(Array("CRN,Name\n".utf8))?.kind == .notAZip)
        let good = try Self.deflatedArchive()
        #expect(Self.refusal(Array(good.prefix(good.count - 30)))?.kind == .truncated)
        var encrypted = ZipBuilder()
        encrypted.stored("a.xml", "secret")
        encrypted.entries[0].flags = 1
        #expect(Self.refusal(encrypted.build()) == ZipError(.encrypted, entry: "a.xml"))
        var bzip2 = ZipBuilder()
        bzip2.stored("a.xml", "x")
        bzip2.entries[0].method = 12
        let error = try #require(Self.refusal(bzip2.build()))
        #expect(error.kind == .unsupportedMethod(12))
        #expect(error.description == "zip entry 'a.xml': the entry uses compression method 12 (bzip2); only stored and deflated entries can be read")
        var duplicated = ZipBuilder()
        duplicated.stored("a.xml", "1")
        duplicated.stored("a.xml", "2")
        #expect(Self.refusal(duplicated.build())?.kind == .duplicateEntry)
    }

    @Test("Damaged data fails its CRC or size check")
    func damaged() throws {
        var zip = ZipBuilder()
        zip.stored("a.txt", "hello")
        zip.entries[0].crc ^= 1
        #expect(Self.refusal(zip.build())?.kind == .checksumMismatch)
        var corrupt = ZipBuilder()
        corrupt.deflated("b.txt", compressed: [0x07], original: [1])
        if case .corruptData = Self.refusal(corrupt.build())?.kind {} else { Issue.record("expected corrupt data") }
    }

    @Test("A small archive claiming gigabytes is refused before anything is decompressed")
    func claimsGigabytes() {
        var zip = ZipBuilder()
        zip.deflated("xl/worksheets/sheet1.xml", compressed: InflateTests.bomb(matches: 10), original: [])
        zip.entries[0].uncompressedSize = 5 << 30
        zip.entries[0].zip64 = true
        let bytes = zip.build()
        #expect(bytes.count < 1024)
        #expect(Self.refusal(bytes)?.kind == .entryTooLarge(size: 5 << 30, limit: 2 << 30))
        zip.entries[0].uncompressedSize = 100 << 20
        #expect(Self.refusal(zip.build())?.kind == .compressionRatioTooHigh(limit: 1000))
    }

    @Test("An entry that expands past its declared size is stopped at that size")
    func lyingSize() {
        var zip = ZipBuilder()
        let bomb = InflateTests.bomb(matches: 4_000)  // 1 MB of zeros
        zip.deflated("x.xml", compressed: bomb, original: [])
        zip.entries[0].uncompressedSize = 1000
        #expect(Self.refusal(zip.build()) == ZipError(.sizeMismatch, entry: "x.xml"))
    }

    @Test("Entries sharing data (an overlapping zip bomb) are refused")
    func overlapping() {
        var zip = ZipBuilder()
        zip.stored("a.xml", "data")
        zip.stored("b.xml", "data")
        zip.localOffsetOverride = [1: 0]
        #expect(Self.refusal(zip.build())?.kind == .overlappingEntries)
    }

    @Test("Too many entries are refused before they are read")
    func tooManyEntries() {
        var zip = ZipBuilder()
        for index in 0..<5 { zip.stored("\(index).xml", "x") }
        var limits = ZipArchive.Limits.default
        limits.maximumEntryCount = 4
        #expect(Self.refusal(zip.build(), limits: limits)?.kind == .tooManyEntries(count: 5, limit: 4))
    }
}
