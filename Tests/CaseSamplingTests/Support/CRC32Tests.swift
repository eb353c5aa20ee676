import Testing

@testable import CaseSampling

/// Check values from the CRC catalogue ("CRC-32/ISO-HDLC": check 0xCBF43926), and values confirmed with
/// `python3 -c 'import zlib; print(hex(zlib.crc32(MESSAGE)))'`.
@Suite("CRC-32")
struct CRC32Tests {
    @Test(
        "Known messages give zlib's CRC-32",
        arguments: [
            ("", 0x0000_0000 as UInt32),
            ("123456789", 0xCBF4_3926),
            ("a", 0xE8B7_BE43),
            ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
        ]
    )
    func knownValues(message: String, expected: UInt32) {
        #expect(CRC32.checksum(Array(message.utf8)) == expected)
    }

    @Test("Splitting the input anywhere gives the same CRC as one update")
    func splitsAgree() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let whole = CRC32.checksum(bytes)
        for split in [0, 1, 7, 8, 9, 63, 500, 999, 1000] {
            var crc = CRC32()
            crc.update(Array(bytes[..<split]))
            crc.update(Array(bytes[split...]))
            #expect(crc.value == whole, "split at \(split)")
        }
        // 1,000 bytes of the pattern, from zlib.crc32(bytes((i*37+11) % 256 for i in range(1000))).
        #expect(whole == 0xC390_5A1D)
    }
}
