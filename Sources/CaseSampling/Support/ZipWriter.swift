/// Writes a zip archive (PKWARE's APPNOTE.TXT, version 6.3.10) whose entries are stored uncompressed
/// (method 0), with deterministic bytes: the same entries in the same order always give the same archive.
///
/// ```swift
/// var zip = ZipWriter()
/// zip.addEntry(path: "mimetype", contents: Array("text/plain".utf8))
/// zip.addEntry(path: "docs/readme.txt", contents: Array("hello".utf8))
/// let archive = zip.finish()
/// ```
///
/// Every entry has the same fixed modification time, 1980-01-01 00:00:00 (the earliest MS-DOS time,
/// DOS date 0x0021 and time 0), "version made by" 2.0 for MS-DOS and no external attributes, so nothing
/// of the machine or the clock gets in. Names are UTF-8, marked with general purpose bit 11 when not
/// ASCII. Each entry's CRC-32 and sizes are in its local header, so no data descriptors are needed.
/// There is no ZIP64: the archive must stay under 4 GiB and 65,535 entries, which a sample's workbook
/// does by far.
struct ZipWriter: Sendable {
    private var output: [UInt8] = []
    private var centralDirectory: [UInt8] = []
    private var entryCount = 0

    /// An archive with no entries.
    init() {}

    /// Appends an entry holding `contents`, stored uncompressed.
    ///
    /// - Precondition: `path` is not empty and the archive stays under 4 GiB and 65,535 entries.
    mutating func addEntry(path: String, contents: [UInt8]) {
        precondition(!path.isEmpty, "a zip entry needs a name")
        let name = Array(path.utf8)
        precondition(name.count <= 0xFFFF, "zip entry names are at most 65,535 bytes")
        precondition(entryCount < 0xFFFF, "this writer does not write ZIP64 archives")
        precondition(
            output.count + 30 + name.count + contents.count < 0xFFFF_FFFF, "this writer does not write ZIP64 archives"
        )
        let crc = CRC32.checksum(contents)
        let flags: UInt16 = name.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
        let localOffset = UInt32(output.count)
        let size = UInt32(contents.count)

        // Local file header (§4.3.7).
        append(UInt32(0x0403_4B50), to: &output)
        append(Self.versionNeeded, to: &output)
        append(flags, to: &output)
        append(UInt16(0), to: &output)  // method: stored
        append(Self.dosTime, to: &output)
        append(Self.dosDate, to: &output)
        append(crc, to: &output)
        append(size, to: &output)  // compressed
        append(size, to: &output)  // uncompressed
        append(UInt16(name.count), to: &output)
        append(UInt16(0), to: &output)  // extra field length
        output.append(contentsOf: name)
        output.append(contentsOf: contents)

        // Central directory file header (§4.3.12).
        append(UInt32(0x0201_4B50), to: &centralDirectory)
        append(Self.versionMadeBy, to: &centralDirectory)
        append(Self.versionNeeded, to: &centralDirectory)
        append(flags, to: &centralDirectory)
        append(UInt16(0), to: &centralDirectory)
        append(Self.dosTime, to: &centralDirectory)
        append(Self.dosDate, to: &centralDirectory)
        append(crc, to: &centralDirectory)
        append(size, to: &centralDirectory)
        append(size, to: &centralDirectory)
        append(UInt16(name.count), to: &centralDirectory)
        append(UInt16(0), to: &centralDirectory)  // extra field length
        append(UInt16(0), to: &centralDirectory)  // comment length
        append(UInt16(0), to: &centralDirectory)  // disk number start
        append(UInt16(0), to: &centralDirectory)  // internal attributes
        append(UInt32(0), to: &centralDirectory)  // external attributes
        append(localOffset, to: &centralDirectory)
        centralDirectory.append(contentsOf: name)
        entryCount += 1
    }

    /// The finished archive: the entries, the central directory and the end of central directory record.
    func finish() -> [UInt8] {
        var archive = output
        precondition(archive.count + centralDirectory.count < 0xFFFF_FFFF, "this writer does not write ZIP64 archives")
        let directoryOffset = UInt32(archive.count)
        archive.append(contentsOf: centralDirectory)
        // End of central directory record (§4.3.16).
        append(UInt32(0x0605_4B50), to: &archive)
        append(UInt16(0), to: &archive)  // this disk
        append(UInt16(0), to: &archive)  // disk with the central directory
        append(UInt16(entryCount), to: &archive)
        append(UInt16(entryCount), to: &archive)
        append(UInt32(centralDirectory.count), to: &archive)
        append(directoryOffset, to: &archive)
        append(UInt16(0), to: &archive)  // comment length
        return archive
    }

    /// 2.0: the version that defines stored and deflated entries and folders, as most writers give.
    private static let versionNeeded: UInt16 = 20
    /// MS-DOS (high byte 0), specification 2.0.
    private static let versionMadeBy: UInt16 = 20
    /// 00:00:00 as an MS-DOS time.
    private static let dosTime: UInt16 = 0
    /// 1980-01-01 as an MS-DOS date: (1980 - 1980) << 9 | 1 << 5 | 1.
    private static let dosDate: UInt16 = 0x0021

    private func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
