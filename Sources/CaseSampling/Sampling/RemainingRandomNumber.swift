/// An unselected case's *remaining random number* given the draw: its permanent random number u
/// rescaled above the largest number t that the draw selected in the case's stratum and tier-2 unit,
/// r = (u − t)/(1 − t), ties by the reference's hash.
///
/// In a (stratum, unit) where the draw took the cases with the smallest numbers, the largest of them
/// is t and, given the draw, the others' numbers are independent and uniform on (t, 1): their r are
/// independent and uniform on (0, 1) in every unit alike. The draw lists each stratum's substitutes
/// and `finalize` promotes them in this one order. Above t it is kept exactly in 64-bit fixed point,
/// ⌊(u − t)·2⁶⁴/(2⁶⁴ − t)⌋ (u itself when t is 0, no case selected); a number at or below t (only a
/// case the draw passed over for its officer's limit, or a census's reserve) comes first, by the
/// double (t − u)/(1 − t), larger first.
public struct RemainingRandomNumber: Comparable, Sendable {
    var isAbove: Bool
    var value: UInt64
    var below: Double
    var hash: UInt64

    /// The number of a case with permanent random number `u` and reference hash `hash`, in a stratum
    /// and tier-2 unit whose largest selected number is `t` (0 when none was selected).
    public init(_ u: UInt64, above t: UInt64, hash: UInt64 = 0) {
        self.hash = hash
        below = 0
        if t == 0 {
            (isAbove, value) = (true, u)
        } else if u > t {
            (isAbove, value) = (true, (0 &- t).dividingFullWidth((high: u - t, low: 0)).quotient)
        } else {
            (isAbove, value) = (false, 0)
            below = Double(t - u) / Double(0 &- t)
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        if a.isAbove != b.isAbove { return !a.isAbove }
        if a.isAbove, a.value != b.value { return a.value < b.value }
        if !a.isAbove, a.below != b.below { return a.below > b.below }
        return a.hash < b.hash
    }
}
