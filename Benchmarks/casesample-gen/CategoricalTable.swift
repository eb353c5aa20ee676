import CaseSampling

/// Draws an index in proportion to fixed weights, with one generator word and one table look-up.
///
/// The weights are apportioned to the `2^bits` slots of a table by largest remainder (ties to the
/// lower index), so index `i` is drawn with probability `slots(i) / 2^bits`, within `2^-bits` of
/// its share of the weights. The top `bits` bits of one `next()` pick the slot.
///
/// For weights `[3, 1]` and `bits: 2`, the table is `[0, 0, 0, 1]`.
///
/// Only `+`, `*`, `/` and conversions are used on doubles, so tables are identical on every
/// IEEE 754 machine.
struct CategoricalTable {
    private let slots: [UInt16]
    private let shift: UInt64

    /// - Parameters:
    ///   - weights: non-negative, finite, with a positive sum; at most 65,536 of them.
    ///   - bits: the table holds `2^bits` slots, 1 to 16.
    init(weights: [Double], bits: Int = 16) {
        precondition((1...16).contains(bits), "a table has 2^1 to 2^16 slots")
        precondition(!weights.isEmpty && weights.count <= 1 << 16, "1 to 65,536 weights")
        precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "weights are non-negative")
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights need a positive sum")

        let size = 1 << bits
        let exact = weights.map { $0 / total * Double(size) }
        var counts = exact.map { Int($0) }
        let byRemainder = weights.indices.sorted { a, b in
            let ra = exact[a] - Double(counts[a]), rb = exact[b] - Double(counts[b])
            return ra != rb ? ra > rb : a < b
        }
        var missing = size - counts.reduce(0, +)
        for index in byRemainder where missing > 0 {
            counts[index] += 1
            missing -= 1
        }

        var slots: [UInt16] = []
        slots.reserveCapacity(size)
        for (index, count) in counts.enumerated() {
            slots.append(contentsOf: repeatElement(UInt16(index), count: count))
        }
        self.slots = slots
        self.shift = UInt64(64 - bits)
    }

    @inline(__always)
    func draw(using generator: inout Xoshiro256StarStar) -> Int {
        Int(slots[Int(truncatingIfNeeded: generator.next() >> shift)])
    }
}

/// A yes/no draw that says yes with a fixed probability, resolved to 2^-53.
struct BernoulliDraw {
    private let threshold: UInt64

    /// - Parameter probability: in `0...1`.
    init(probability: Double) {
        precondition((0...1).contains(probability), "a probability is in 0...1")
        threshold = UInt64(probability * 0x1.0p53)
    }

    @inline(__always)
    func draw(using generator: inout Xoshiro256StarStar) -> Bool {
        generator.next() >> 11 < threshold
    }
}

extension Xoshiro256StarStar {
    /// A double drawn uniformly from `range` (the upper bound is never reached).
    mutating func uniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unitInterval() * (range.upperBound - range.lowerBound)
    }

    /// An integer drawn uniformly from `range`.
    mutating func uniform(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + bounded(range.upperBound - range.lowerBound + 1)
    }
}
