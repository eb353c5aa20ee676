/// The seeded pseudo-random generators that every random choice in casesample goes through.
///
/// casesample never uses the system generator, `Int.random(in:)` or the standard library's
/// `shuffle()`: their output is not promised across platforms or toolchain versions. Instead:
///
/// - ``SplitMix64`` (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
///   OOPSLA 2014) expands a 64-bit seed into a stream of 64-bit words and serves as a hash finaliser.
/// - ``Xoshiro256StarStar`` (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
///   2018) is the workhorse, seeded with four consecutive SplitMix64 outputs.
/// - ``Xoshiro256StarStar/bounded(_:)`` draws an integer in `0..<n` without bias by Lemire's
///   multiply-and-reject method ("Fast random integer generation in an interval", 2019).
/// - ``Xoshiro256StarStar/unitInterval()`` gives a double in `[0, 1)` from the top 53 bits.
///
/// Each step is written out here so that an auditor can re-implement it; golden outputs in the tests
/// pin them.

/// SplitMix64: a 64-bit state advanced by the golden-ratio increment and scrambled by a finaliser.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Advances the state and returns the next word.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of one 64-bit word.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256**: 256 bits of state, period 2^256 − 1.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Seeds the state with the next four outputs of `SplitMix64(seed: seed)`.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (Lemire 2019): take the high word of `next() × bound`,
    /// rejecting the low word when it falls below `2^64 mod bound`.
    ///
    /// - Precondition: `bound > 0`.
    public mutating func bounded(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bounded(_:) needs a positive bound")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in `0..<bound`.
    public mutating func bounded(_ bound: Int) -> Int {
        precondition(bound > 0, "bounded(_:) needs a positive bound")
        return Int(bounded(UInt64(bound)))
    }

    /// A uniform double in `[0, 1)`: the top 53 bits of `next()` times 2^-53.
    public mutating func unitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Fisher–Yates shuffle, from the last index down: swap `i` with `bounded(i + 1)`.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C)
    where C.Index == Int {
        var i = elements.endIndex - 1
        while i > elements.startIndex {
            let j = elements.startIndex + bounded(i - elements.startIndex + 1)
            elements.swapAt(i, j)
            i -= 1
        }
    }
}
