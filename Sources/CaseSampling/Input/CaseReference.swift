/// The canonical hash of a case reference.
///
/// A case reference is compared after trimming surrounding spaces and tabs and upper-casing ASCII
/// letters, so ` x123456` and `X123456` are the same case. Its hash is 64-bit FNV-1a over those UTF-8
/// bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3). The draw's permanent random numbers
/// are derived from this hash, so it is part of the documented algorithm.
public enum CaseReference {
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of an empty (or all-space) reference.
    static let emptyHash = offsetBasis

    /// Hashes the normalised form of the reference held in `bytes` (UTF-8).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        var h = offsetBasis
        for i in start..<end {
            var b = bytes[i]
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            h = (h ^ UInt64(b)) &* prime
        }
        return h
    }

    /// Hashes the normalised form of `reference`.
    public static func hash(_ reference: String) -> UInt64 {
        var utf8 = Array(reference.utf8)
        return utf8.withUnsafeMutableBytes { hash(UnsafeRawBufferPointer($0)) }
    }

    /// The normalised form of `reference`: trimmed, ASCII letters upper-cased.
    public static func normalised(_ reference: String) -> String {
        let trimmed = reference.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        return String(String(trimmed).map { $0.isASCII ? Character($0.uppercased()) : $0 })
    }
}
