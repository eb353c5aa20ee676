@testable import CaseSampling

/// Builds zip archives byte by byte for tests, including ones a real writer never makes: lying sizes,
/// encrypted flags, other methods, ZIP64 records, duplicated or overlapping entries.
struct ZipBuilder {
    struct Entry {
        var name: String
        /// The bytes stored in the archive (already compressed for method 8).
        var data: [UInt8]
        var method: UInt16 = 0
        var flags: UInt16 = 0
        var crc: UInt32
        var uncompressedSize: UInt64
        /// Write sizes and offset as 0xFFFFFFFF with a ZIP64 extra field in the central directory.
        var zip64 = false
    }

    var entries: [Entry] = []
    /// Write a ZIP64 end of central directory record and locator, with 0xFFFF in the classic record.
    var zip64End = false
    /// Central directory entries pointing at an earlier entry's local header instead of their own.
    var localOffsetOverride: [Int: Int] = [:]

    mutating func stored(_ name: String, _ text: String) {
        let bytes = Array(text.utf8)
        entries.append(Entry(name: name, data: bytes, crc: CRC32.checksum(bytes), uncompressedSize: UInt64(bytes.count)))
    }

    mutating func deflated(_ name: String, compressed: [UInt8], original: [UInt8]) {
        entries.append(Entry(
            name: name, data: compressed, method: 8, crc: CRC32.checksum(original), uncompressedSize: UInt64(original.count)
        ))
    }

    func build() -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        var offsets: [Int] = []
        for entry in entries {
            offsets.append(out.count)
            let name = Array(entry.name.utf8)
            put32(0x0403_4B50, &out); put16(20, &out); put16(entry.flags, &out); put16(entry.method, &out)
            put16(0, &out); put16(0x21, &out); put32(entry.crc, &out)
            put32(UInt32(entry.data.count), &out); put32(UInt32(truncatingIfNeeded: entry.uncompressedSize), &out)
            put16(UInt16(name.count), &out); put16(0, &out)
            out += name
            out += entry.data
        }
        for (index, entry) in entries.enumerated() {
            let name = Array(entry.name.utf8)
            let offset = localOffsetOverride[index].map { offsets[$0] } ?? offsets[index]
            var extra: [UInt8] = []
            if entry.zip64 {
                put16(1, &extra); put16(24, &extra)
                put64(entry.uncompressedSize, &extra); put64(UInt64(entry.data.count), &extra); put64(UInt64(offset), &extra)
            }
            put32(0x0201_4B50, &directory); put16(20, &directory); put16(20, &directory); put16(entry.flags, &directory)
            put16(entry.method, &directory); put16(0, &directory); put16(0x21, &directory); put32(entry.crc, &directory)
            put32(entry.zip64 ? 0xFFFF_FFFF : UInt32(entry.data.count), &directory)
            put32(entry.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: entry.uncompressedSize), &directory)
            put16(UInt16(name.count), &directory); put16(UInt16(extra.count), &directory); put16(0, &directory)
            put16(0, &directory); put16(0, &directory); put32(0, &directory)
            put32(entry.zip64 ? 0xFFFF_FFFF : UInt32(offset), &directory)
            directory += name
            directory += extra
        }
        let directoryOffset = out.count
        out += directory
        if zip64End {
            let recordOffset = out.count
            put32(0x0606_4B50, &out); put64(44, &out); put16(45, &out); put16(45, &out); put32(0, &out); put32(0, &out)
            put64(UInt64(entries.count), &out); put64(UInt64(entries.count), &out)
            put64(UInt64(directory.count), &out); put64(UInt64(directoryOffset), &out)
            put32(0x0706_4B50, &out); put32(0, &out); put64(UInt64(recordOffset), &out); put32(1, &out)
        }
        put32(0x0605_4B50, &out); put16(0, &out); put16(0, &out)
        put16(zip64End ? 0xFFFF : UInt16(entries.count), &out); put16(zip64End ? 0xFFFF : UInt16(entries.count), &out)
        put32(zip64End ? 0xFFFF_FFFF : UInt32(directory.count), &out); put32(zip64End ? 0xFFFF_FFFF : UInt32(directoryOffset), &out)
        put16(0, &out)
        return out
    }

    private func put16(_ value: UInt16, _ out: inout [UInt8]) { out += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func put32(_ value: UInt32, _ out: inout [UInt8]) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
    private func put64(_ value: UInt64, _ out: inout [UInt8]) { for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) } }
}
