import CaseSampling

/// Gives each row a case reference number that no other row has: one letter and six digits,
/// `A000000` to `Z999999`, as a seeded bijection of the row index.
///
/// The 26,000,000 possible CRNs are the numbers `0..<26_000_000` (letter = value / 1,000,000,
/// digits = value % 1,000,000). A four-round Feistel network with round keys from the seed
/// permutes the 26-bit numbers `0..<2^26`; applying it again until the result falls below
/// 26,000,000 ("cycle walking", Black and Rogaway, "Ciphers with arbitrary finite domains",
/// CT-RSA 2002) permutes `0..<26_000_000` itself, taking 2.6 applications on average. Distinct
/// rows therefore always get distinct CRNs, in an order that looks random.
struct CRNPermutation {
    static let domain: UInt64 = 26_000_000
    private static let halfBits: UInt64 = 13
    private static let halfMask: UInt64 = (1 << halfBits) - 1

    private let roundKeys: [UInt64]

    init(using generator: inout Xoshiro256StarStar) {
        roundKeys = (0..<4).map { _ in generator.next() }
    }

    /// The CRN value (`0..<26_000_000`) of row `index`.
    /// - Precondition: `0 <= index < 26_000_000`.
    @inline(__always)
    func value(at index: Int) -> Int {
        precondition(index >= 0 && UInt64(index) < Self.domain, "only 26,000,000 CRNs exist")
        var value = UInt64(index)
        repeat { value = feistel(value) } while value >= Self.domain
        return Int(value)
    }

    /// One application of the network to a 26-bit number: each round replaces (left, right) by
    /// (right, left XOR F(right)), which is invertible whatever F is.
    @inline(__always)
    private func feistel(_ value: UInt64) -> UInt64 {
        var left = value >> Self.halfBits
        var right = value & Self.halfMask
        for key in roundKeys {
            let mixed = SplitMix64.mix(right ^ key) & Self.halfMask
            (left, right) = (right, left ^ mixed)
        }
        return left << Self.halfBits | right
    }
}
