/// A zip archive (PKWARE's APPNOTE.TXT, version 6.3.10) read from bytes in memory: the container of
/// `.xlsx` workbooks.
///
/// ```swift
/// let archive = try ZipArchive(bytes: fileBytes)
/// if let entry = archive.entry(at: "xl/workbook.xml") {
///     let xml = try archive.contents(of: entry)             // whole, CRC checked
///     try archive.read(entry) { chunk in parser.feed(chunk) }  // or streamed
/// }
/// ```
///
/// The central directory is the index: the end of central directory record is found in the last
/// 64 KiB + 22 bytes, with its ZIP64 form (§4.3.14–4.3.15) when a count, size or offset does not fit
/// in the classic fields, and each entry's ZIP64 extra field (§4.5.3) read where the classic field
/// says 0xFFFFFFFF. Data starts after each entry's local header, whose name and extra field lengths are
/// read there; its sizes and CRC (zero when bit 3 says a data descriptor follows) are not used. Entries
/// are stored (method 0) or deflated (method 8, decoded by ``Inflate``); the CRC-32 and the size of every
/// entry read are checked against the central directory.
///
/// ### Refused archives
///
/// A ``ZipError`` refuses, before any data is decompressed: archives split over several disks;
/// encrypted entries; other compression methods; more than ``Limits/maximumEntryCount`` entries; an
/// entry whose declared size passes ``Limits/maximumEntrySize``, or whose sizes add up past
/// ``Limits/maximumTotalSize``; an entry that would expand more than ``Limits/maximumCompressionRatio``
/// times (past its first MiB); two entries with the same name; and entries whose data overlap, the
/// trick behind "overlapping" zip bombs (Fifield, "A better zip bomb", 2019). A deflated entry that
/// produces more than its declared size is stopped there, so a lying size costs no more than the
/// size it claims. Messages name the entry, never its content.
struct ZipArchive: Sendable {
    /// The bounds an archive must stay within.
    struct Limits: Sendable, Equatable {
        /// The most entries in the central directory.
        var maximumEntryCount = 65_535
        /// The largest declared uncompressed size of one entry.
        var maximumEntrySize = 2 << 30
        /// The largest sum of all entries' declared uncompressed sizes.
        var maximumTotalSize = 8 << 30
        /// The most an entry may expand (uncompressed ÷ compressed), for entries over 1 MiB.
        var maximumCompressionRatio = 1_000

        /// 65,535 entries, 2 GiB per entry, 8 GiB in all, a ratio of 1,000.
        static let `default` = Limits()
    }

    /// One file in the archive, as the central directory describes it.
    struct Entry: Sendable, Equatable {
        /// The name, with `/` between folders.
        let path: String
        /// 0 (stored) or 8 (deflated); other methods are refused when the archive is opened.
        let method: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
        /// Where the entry's data starts, after its local header.
        let dataOffset: Int

        var isDirectory: Bool { path.hasSuffix("/") }
    }

    /// The entries in central directory order.
    let entries: [Entry]
    private let bytes: [UInt8]
    private let indexByPath: [String: Int]
    private let indexByLowercasedPath: [String: Int]

    /// Reads the central directory of the zip archive in `bytes`.
    ///
    /// - Complexity: O(*n* log *n*) in the number of entries; no data is decompressed.
    /// - Throws: ``ZipError`` when the bytes are not a zip archive, are truncated or corrupt, or break
    ///   one of `limits`.
    init(bytes: [UInt8], limits: Limits = .default) throws(ZipError) {
        self.bytes = bytes
        let reader = LittleEndianBytes(bytes)
        let directory = try Self.findCentralDirectory(reader)
        guard directory.entryCount <= limits.maximumEntryCount else {
            throw ZipError(.tooManyEntries(count: directory.entryCount, limit: limits.maximumEntryCount))
        }
        var entries: [Entry] = []
        entries.reserveCapacity(min(directory.entryCount, 4096))
        var offset = directory.offset
        var totalSize = 0
        for _ in 0..<directory.entryCount {
            let entry = try Self.readEntry(reader, at: &offset, limits: limits)
            totalSize += entry.uncompressedSize
            guard totalSize <= limits.maximumTotalSize else {
                throw ZipError(.archiveTooLarge(limit: limits.maximumTotalSize))
            }
            entries.append(entry)
        }
        try Self.checkNoOverlap(entries, centralDirectoryOffset: directory.offset)
        var indexByPath: [String: Int] = [:]
        var indexByLowercasedPath: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            guard indexByPath.updateValue(index, forKey: entry.path) == nil else {
                throw ZipError(.duplicateEntry, entry: entry.path)
            }
            if indexByLowercasedPath[entry.path.lowercased()] == nil { indexByLowercasedPath[entry.path.lowercased()] = index }
        }
        self.entries = entries
        self.indexByPath = indexByPath
        self.indexByLowercasedPath = indexByLowercasedPath
    }

    /// The entry named `path` (no leading `/`), or, failing an exact match, one whose name differs only
    /// in case; nil when there is none.
    func entry(at path: String) -> Entry? {
        if let index = indexByPath[path] ?? indexByLowercasedPath[path.lowercased()] { return entries[index] }
        return nil
    }

    /// The uncompressed bytes of `entry`.
    ///
    /// - Parameter limit: the most bytes to accept; an entry declaring more is refused before it is read.
    /// - Throws: ``ZipError`` when the entry is larger than `limit`, corrupt, or fails its CRC or size check.
    func contents(of entry: Entry, limit: Int = .max) throws(ZipError) -> [UInt8] {
        guard entry.uncompressedSize <= limit else {
            throw ZipError(.entryTooLarge(size: entry.uncompressedSize, limit: limit), entry: entry.path)
        }
        var output: [UInt8] = []
        output.reserveCapacity(entry.uncompressedSize)
        do {
            try read(entry) { output.append(contentsOf: $0) }
        } catch let error as ZipError {
            throw error
        } catch {
            preconditionFailure("the chunk handler above does not throw")
        }
        return output
    }

    /// Hands the uncompressed bytes of `entry` to `consume` in chunks of at most `chunkSize` bytes,
    /// checking the size and CRC-32 at the end.
    ///
    /// - Parameters:
    ///   - chunkSize: the most bytes in one chunk.
    ///   - consume: called with each chunk in order; the buffer is valid only during the call.
    /// - Throws: ``ZipError`` when the data is corrupt or fails its size or CRC check (possibly after
    ///   some chunks were handed over); or whatever `consume` throws.
    func read(_ entry: Entry, chunkSize: Int = 1 << 16, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        var crc = CRC32()
        var produced = 0
        try bytes.withUnsafeBytes { whole in
            let data = UnsafeRawBufferPointer(rebasing: whole[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)])
            switch entry.method {
            case 0:
                var start = 0
                while start < data.count {
                    let chunk = UnsafeRawBufferPointer(rebasing: data[start..<min(start + chunkSize, data.count)])
                    crc.update(chunk)
                    produced += chunk.count
                    try consume(chunk)
                    start += chunk.count
                }
            default:
                do {
                    try Inflate.decompress(data, outputLimit: entry.uncompressedSize, chunkSize: chunkSize) { chunk in
                        crc.update(chunk)
                        produced += chunk.count
                        try consume(chunk)
                    }
                } catch let error as Inflate.Error {
                    if case .outputLimitExceeded = error.kind {
                        throw ZipError(.sizeMismatch, entry: entry.path)
                    }
                    throw ZipError(.corruptData(error.description), entry: entry.path)
                }
            }
        }
        guard produced == entry.uncompressedSize else { throw ZipError(.sizeMismatch, entry: entry.path) }
        guard crc.value == entry.crc32 else { throw ZipError(.checksumMismatch, entry: entry.path) }
    }
}

// MARK: - Central directory

extension ZipArchive {
    private struct CentralDirectory {
        let entryCount: Int
        let offset: Int
        let size: Int
    }

    private static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let centralEntrySignature: UInt32 = 0x0201_4B50
    private static let localHeaderSignature: UInt32 = 0x0403_4B50

    /// Finds the end of central directory record (§4.3.16) searching back over a comment of up to
    /// 65,535 bytes, and its ZIP64 record when the classic one points there.
    private static func findCentralDirectory(_ reader: LittleEndianBytes) throws(ZipError) -> CentralDirectory {
        let count = reader.count
        guard count >= 22 else {
            throw ZipError(count >= 4 && reader.u32(at: 0) == localHeaderSignature ? .truncated : .notAZip)
        }
        var position = count - 22
        let lowest = max(0, count - 22 - 65_535)
        var found: Int?
        while position >= lowest {
            if reader.u32(at: position) == endOfCentralDirectorySignature,
                let commentLength = reader.u16(at: position + 20), position + 22 + Int(commentLength) <= count
            {
                found = position
                break
            }
            position -= 1
        }
        guard let end = found else {
            throw ZipError(reader.u32(at: 0) == localHeaderSignature ? .truncated : .notAZip)
        }
        guard let disk = reader.u16(at: end + 4), let directoryDisk = reader.u16(at: end + 6),
            let entries = reader.u16(at: end + 10), let size = reader.u32(at: end + 12), let offset = reader.u32(at: end + 16)
        else { throw ZipError(.truncated) }
        guard disk == 0 && directoryDisk == 0 else { throw ZipError(.multipleDisks) }
        if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            return try findZip64CentralDirectory(reader, endRecord: end)
        }
        let directory = CentralDirectory(entryCount: Int(entries), offset: Int(offset), size: Int(size))
        guard directory.offset + directory.size <= end else { throw ZipError(.truncated) }
        return directory
    }

    /// The ZIP64 end of central directory record (§4.3.14), through its locator (§4.3.15) just before
    /// the classic record.
    private static func findZip64CentralDirectory(_ reader: LittleEndianBytes, endRecord: Int) throws(ZipError) -> CentralDirectory {
        let locator = endRecord - 20
        guard locator >= 0, reader.u32(at: locator) == zip64LocatorSignature else {
            throw ZipError(.invalidZip64("its end record points to a ZIP64 record that is missing"))
        }
        guard let recordOffset = reader.u64(at: locator + 8), let diskCount = reader.u32(at: locator + 16) else {
            throw ZipError(.truncated)
        }
        guard diskCount <= 1 else { throw ZipError(.multipleDisks) }
        guard recordOffset < UInt64(locator), reader.u32(at: Int(recordOffset)) == zip64EndSignature else {
            throw ZipError(.invalidZip64("its ZIP64 end record is not where the locator says"))
        }
        let record = Int(recordOffset)
        guard let disk = reader.u32(at: record + 16), let directoryDisk = reader.u32(at: record + 20),
            let entries = reader.u64(at: record + 32), let size = reader.u64(at: record + 40),
            let offset = reader.u64(at: record + 48)
        else { throw ZipError(.truncated) }
        guard disk == 0 && directoryDisk == 0 else { throw ZipError(.multipleDisks) }
        guard entries <= UInt64(Int32.max), size <= UInt64(record), offset <= UInt64(record) - size else {
            throw ZipError(.invalidZip64("its ZIP64 end record gives impossible sizes"))
        }
        return CentralDirectory(entryCount: Int(entries), offset: Int(offset), size: Int(size))
    }

    /// Reads the central directory file header at `offset` (§4.3.12) and the local header it points to
    /// (§4.3.7), and moves `offset` past it.
    private static func readEntry(_ reader: LittleEndianBytes, at offset: inout Int, limits: Limits) throws(ZipError) -> Entry {
        let start = offset
        guard reader.u32(at: start) == centralEntrySignature else { throw ZipError(.corruptDirectory) }
        guard let flags = reader.u16(at: start + 8), let method = reader.u16(at: start + 10),
            let crc = reader.u32(at: start + 16), let compressed32 = reader.u32(at: start + 20),
            let uncompressed32 = reader.u32(at: start + 24), let nameLength = reader.u16(at: start + 28),
            let extraLength = reader.u16(at: start + 30), let commentLength = reader.u16(at: start + 32),
            let disk16 = reader.u16(at: start + 34), let localOffset32 = reader.u32(at: start + 42),
            let nameBytes = reader.slice(at: start + 46, count: Int(nameLength)),
            let extra = reader.slice(at: start + 46 + Int(nameLength), count: Int(extraLength))
        else { throw ZipError(.truncated) }
        offset = start + 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        let path = String(decoding: nameBytes, as: UTF8.self).replacingBackslashes()

        // ZIP64 extended information (§4.5.3): 8-byte values, in this order, for the fields that are full.
        var uncompressed = UInt64(uncompressed32), compressed = UInt64(compressed32), localOffset = UInt64(localOffset32)
        var disk = UInt32(disk16)
        if uncompressed32 == 0xFFFF_FFFF || compressed32 == 0xFFFF_FFFF || localOffset32 == 0xFFFF_FFFF || disk16 == 0xFFFF {
            guard let zip64 = Self.extraField(0x0001, in: extra) else {
                throw ZipError(.invalidZip64("an entry's sizes need a ZIP64 extra field that is missing"), entry: path)
            }
            let values = LittleEndianBytes(zip64)
            var position = 0
            func next() throws(ZipError) -> UInt64 {
                guard let value = values.u64(at: position) else {
                    throw ZipError(.invalidZip64("an entry's ZIP64 extra field is too short"), entry: path)
                }
                position += 8
                return value
            }
            if uncompressed32 == 0xFFFF_FFFF { uncompressed = try next() }
            if compressed32 == 0xFFFF_FFFF { compressed = try next() }
            if localOffset32 == 0xFFFF_FFFF { localOffset = try next() }
            if disk16 == 0xFFFF {
                guard let value = values.u32(at: position) else {
                    throw ZipError(.invalidZip64("an entry's ZIP64 extra field is too short"), entry: path)
                }
                disk = value
            }
        }
        guard disk == 0 else { throw ZipError(.multipleDisks) }
        // Bit 0: encrypted; bit 6: strong encryption; method 99: WinZip AES.
        guard flags & 0x41 == 0 && method != 99 else { throw ZipError(.encrypted, entry: path) }
        guard method == 0 || method == 8 else { throw ZipError(.unsupportedMethod(method), entry: path) }
        guard uncompressed <= UInt64(limits.maximumEntrySize) else {
            throw ZipError(.entryTooLarge(size: Int(clamping: uncompressed), limit: limits.maximumEntrySize), entry: path)
        }
        guard compressed <= UInt64(reader.count), localOffset <= UInt64(reader.count) else { throw ZipError(.truncated, entry: path) }
        let uncompressedSize = Int(uncompressed), compressedSize = Int(compressed)
        if method == 0 && compressedSize != uncompressedSize { throw ZipError(.sizeMismatch, entry: path) }
        if uncompressedSize > 1 << 20 && uncompressedSize / max(compressedSize, 1) > limits.maximumCompressionRatio {
            throw ZipError(.compressionRatioTooHigh(limit: limits.maximumCompressionRatio), entry: path)
        }

        let local = Int(localOffset)
        guard reader.u32(at: local) == localHeaderSignature else { throw ZipError(.corruptLocalHeader, entry: path) }
        guard let localNameLength = reader.u16(at: local + 26), let localExtraLength = reader.u16(at: local + 28) else {
            throw ZipError(.truncated, entry: path)
        }
        let dataOffset = local + 30 + Int(localNameLength) + Int(localExtraLength)
        guard dataOffset <= reader.count, compressedSize <= reader.count - dataOffset else {
            throw ZipError(.truncated, entry: path)
        }
        return Entry(
            path: path, method: method, crc32: crc, compressedSize: compressedSize, uncompressedSize: uncompressedSize,
            localHeaderOffset: local, dataOffset: dataOffset
        )
    }

    /// The data of the extra field with `identifier` (§4.5.1), or nil.
    private static func extraField(_ identifier: UInt16, in extra: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let reader = LittleEndianBytes(extra)
        var position = 0
        while let id = reader.u16(at: position), let length = reader.u16(at: position + 2) {
            guard let data = reader.slice(at: position + 4, count: Int(length)) else { return nil }
            if id == identifier { return data }
            position += 4 + Int(length)
        }
        return nil
    }

    /// Refuses entries whose local header and data overlap another's, or reach into the central directory.
    private static func checkNoOverlap(_ entries: [Entry], centralDirectoryOffset: Int) throws(ZipError) {
        let byStart = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        var previousEnd = 0
        for entry in byStart {
            guard entry.localHeaderOffset >= previousEnd else { throw ZipError(.overlappingEntries, entry: entry.path) }
            previousEnd = entry.dataOffset + entry.compressedSize
        }
        guard previousEnd <= centralDirectoryOffset else { throw ZipError(.overlappingEntries) }
    }
}

// MARK: - Errors

/// A zip archive that cannot be read, or an entry that cannot be: what is wrong and which entry, never
/// the entry's content.
struct ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    enum Kind: Equatable, Sendable {
        case notAZip
        case truncated
        case multipleDisks
        case invalidZip64(String)
        case corruptDirectory
        case corruptLocalHeader
        case duplicateEntry
        case overlappingEntries
        case encrypted
        case unsupportedMethod(UInt16)
        case tooManyEntries(count: Int, limit: Int)
        case entryTooLarge(size: Int, limit: Int)
        case archiveTooLarge(limit: Int)
        case compressionRatioTooHigh(limit: Int)
        case sizeMismatch
        case checksumMismatch
        case corruptData(String)
    }

    let kind: Kind
    /// The entry concerned, when there is one.
    let entry: String?

    init(_ kind: Kind, entry: String? = nil) {
        self.kind = kind
        self.entry = entry
    }

    var description: String {
        let what: String
        switch kind {
        case .notAZip: what = "it is not a zip archive (no end of central directory record)"
        case .truncated: what = "the archive is truncated (it ends before its own directory says)"
        case .multipleDisks: what = "the archive is split over several disks, which is not supported"
        case .invalidZip64(let detail): what = "the archive's ZIP64 information is invalid: \(detail)"
        case .corruptDirectory: what = "the archive's central directory is corrupt"
        case .corruptLocalHeader: what = "the entry's local header is missing or corrupt"
        case .duplicateEntry: what = "the archive has two entries with this name"
        case .overlappingEntries: what = "the archive's entries overlap one another, as in a zip bomb"
        case .encrypted: what = "the entry is encrypted (password-protected); remove the password and save it again"
        case .unsupportedMethod(let method):
            what = "the entry uses compression method \(method) (\(Self.methodName(method))); only stored and deflated entries can be read"
        case .tooManyEntries(let count, let limit): what = "the archive has \(count) entries, more than the limit of \(limit)"
        case .entryTooLarge(let size, let limit):
            what = "the entry expands to \(size) bytes, more than the limit of \(limit) bytes"
        case .archiveTooLarge(let limit): what = "the archive's entries expand to more than the limit of \(limit) bytes in all"
        case .compressionRatioTooHigh(let limit):
            what = "the entry would expand more than \(limit) times, as in a zip bomb"
        case .sizeMismatch: what = "the entry's data does not have the size its directory entry gives"
        case .checksumMismatch: what = "the entry's data fails its CRC-32 check (the file is damaged)"
        case .corruptData(let detail): what = detail
        }
        if let entry { return "zip entry '\(entry)': \(what)" }
        return what
    }

    private static func methodName(_ method: UInt16) -> String {
        switch method {
        case 1: "shrunk"
        case 6: "imploded"
        case 9: "Deflate64"
        case 12: "bzip2"
        case 14: "LZMA"
        case 93: "Zstandard"
        case 95: "xz"
        case 98: "PPMd"
        default: "unknown"
        }
    }
}

// MARK: - Little-endian fields

/// Bounds-checked little-endian reads from a byte collection: nil past the end.
private struct LittleEndianBytes {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }
    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    var count: Int { bytes.count }

    func slice(at offset: Int, count length: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, length >= 0, offset <= count - length else { return nil }
        let start = bytes.startIndex + offset
        return bytes[start..<(start + length)]
    }

    func u16(at offset: Int) -> UInt16? {
        slice(at: offset, count: 2).map { UInt16($0[$0.startIndex]) | UInt16($0[$0.startIndex + 1]) << 8 }
    }

    func u32(at offset: Int) -> UInt32? {
        slice(at: offset, count: 4).map { $0.reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    }

    func u64(at offset: Int) -> UInt64? {
        slice(at: offset, count: 8).map { $0.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    }
}

extension String {
    /// The name with `\` made `/`, for archives written with Windows separators.
    fileprivate func replacingBackslashes() -> String {
        contains("\\") ? String(map { $0 == "\\" ? "/" : $0 }) : self
    }
}
