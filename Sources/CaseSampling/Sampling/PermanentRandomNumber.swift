/// A case's permanent random number: a 64-bit value fixed by the seed and the case reference alone.
///
/// `prn = SplitMix64.mix(SplitMix64.mix(seed) XOR h)`, where `h` is the ``CaseReference`` hash
/// (FNV-1a-64 of the trimmed, upper-cased reference). Within a cell, cases are taken in ascending
/// order of `(prn, h)`. The m smallest of independent uniform numbers are a simple random sample of m,
/// and a case's place depends on nothing but the seed and its own reference: not on row order, not on
/// other rows, not on header names or the file's encoding.
public struct PermanentRandomNumber: Sendable {
    /// `SplitMix64.mix(seed)`, worked out once for a draw's every case.
    private let mixedSeed: UInt64

    /// The numbers of a draw with `seed`.
    public init(seed: UInt64) { mixedSeed = SplitMix64.mix(seed) }

    /// The number of the case whose reference hashes to `caseHash`.
    @inline(__always)
    public func value(caseHash: UInt64) -> UInt64 { SplitMix64.mix(mixedSeed ^ caseHash) }

    /// The number of the case whose reference hashes to `caseHash`, in a draw with `seed`.
    public static func value(seed: UInt64, caseHash: UInt64) -> UInt64 {
        PermanentRandomNumber(seed: seed).value(caseHash: caseHash)
    }
}
