/// CRC-32 as zip (APPNOTE.TXT §4.4.7), gzip (RFC 1952 §8) and PNG use it: the IEEE 802.3 polynomial
/// 0x04C11DB7, processed least significant bit first (reflected, 0xEDB88320), initial value and final
/// XOR 0xFFFFFFFF.
///
/// ```swift
/// CRC32.checksum(Array("123456789".utf8))   // 0xCBF43926, the catalogue's check value
/// var crc = CRC32()
/// crc.update(Array("1234".utf8))
/// crc.update(Array("56789".utf8))
/// crc.value                                   // 0xCBF43926
/// ```
///
/// Bytes are taken eight at a time with the "slicing-by-8" tables (Kounavis and Berry, "A Systematic
/// Approach to Building High Performance Software-Based CRC Generators", 2005): table `k` holds the
/// CRC of a byte followed by `k` zero bytes, so eight lookups XORed together advance the register by
/// eight bytes. Leading and trailing bytes go one at a time through table 0, the classic byte-wise
/// algorithm.
struct CRC32: Sendable {
    /// The register, still inverted (the final XOR is applied by ``value``).
    private var register: UInt32 = 0xFFFF_FFFF

    /// A CRC of no bytes.
    init() {}

    /// The CRC of everything absorbed so far.
    var value: UInt32 { ~register }

    /// Absorbs `bytes`.
    ///
    /// - Complexity: O(`bytes.count`).
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        var crc = register
        var offset = 0
        Self.tables.withUnsafeBufferPointer { table in
            while offset + 8 <= count {
                let low = crc ^ UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let high = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                crc = table[Int((crc ^ UInt32(base.load(fromByteOffset: offset, as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
        }
        register = crc
    }

    /// Absorbs `bytes`.
    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The CRC of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    /// Eight tables of 256 entries, one after another: entry `k * 256 + b` is the register after byte
    /// `b` and then `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()
}
