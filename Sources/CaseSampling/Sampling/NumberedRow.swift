/// A row with its permanent random number (`key`) and its reference's hash (`tie`), ordered by
/// `(key, tie, row)`: the order in which the draw takes cases within a group.
struct NumberedRow: Comparable {
    var key: UInt64
    var tie: UInt64
    var row: Int
    static func < (a: Self, b: Self) -> Bool { (a.key, a.tie, a.row) < (b.key, b.tie, b.row) }
}
