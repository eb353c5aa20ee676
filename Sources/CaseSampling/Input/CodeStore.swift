/// Per-row codes stored in the narrowest unsigned width that holds the largest code so far.
///
/// A column with at most 256 distinct values costs one byte a row; the store widens to 16 and then
/// 32 bits the first time a code needs it. Only one of the three arrays is in use at a time.
struct CodeStore {
    private var width = 1
    private var narrow: [UInt8] = []
    private var medium: [UInt16] = []
    private var wide: [UInt32] = []

    var count: Int {
        switch width {
        case 1: narrow.count
        case 2: medium.count
        default: wide.count
        }
    }

    /// Reserves room for `count` codes of one byte.
    mutating func reserveCapacity(_ count: Int) {
        if width == 1 { narrow.reserveCapacity(count) }
    }

    @inline(__always)
    mutating func append(_ code: Int) {
        if width == 1 && code <= Int(UInt8.max) {
            narrow.append(UInt8(truncatingIfNeeded: code))
        } else if width == 2 && code <= Int(UInt16.max) {
            medium.append(UInt16(truncatingIfNeeded: code))
        } else if width == 4 {
            wide.append(UInt32(truncatingIfNeeded: code))
        } else {
            widen(toHold: code)
            append(code)
        }
    }

    /// Appends `count` codes, the `k`-th being `translation[codes[first + k * stride]]`: a chunk's
    /// row-major codes of one slot, translated to the merged list's codes, widened once (if at all)
    /// for the largest code and written without a per-code width check.
    mutating func append(
        _ count: Int, of codes: UnsafeBufferPointer<UInt32>, first: Int, stride: Int, translatedBy translation: [UInt32]
    ) {
        guard count > 0 else { return }
        let largest = Int(translation.max() ?? 0)
        if (width == 1 && largest > Int(UInt8.max)) || (width == 2 && largest > Int(UInt16.max)) { widen(toHold: largest) }
        translation.withUnsafeBufferPointer { translation in
            func fill<Code: FixedWidthInteger>(_ array: inout [Code]) {
                let start = array.count
                array.append(contentsOf: repeatElement(0, count: count))
                array.withUnsafeMutableBufferPointer { out in
                    var source = first
                    for k in start..<(start + count) {
                        out[k] = Code(truncatingIfNeeded: translation[Int(codes[source])])
                        source += stride
                    }
                }
            }
            switch width {
            case 1: fill(&narrow)
            case 2: fill(&medium)
            default: fill(&wide)
            }
        }
    }

    private mutating func widen(toHold code: Int) {
        if width == 1 && code <= Int(UInt16.max) {
            medium.reserveCapacity(Swift.max(narrow.capacity, 16))
            medium.append(contentsOf: narrow.lazy.map(UInt16.init))
            narrow = []
            width = 2
        } else {
            wide.reserveCapacity(Swift.max(narrow.capacity, medium.capacity, 16))
            if width == 1 { wide.append(contentsOf: narrow.lazy.map(UInt32.init)) } else { wide.append(contentsOf: medium.lazy.map(UInt32.init)) }
            narrow = []
            medium = []
            width = 4
        }
    }

    @inline(__always)
    subscript(row: Int) -> Int {
        switch width {
        case 1: Int(narrow[row])
        case 2: Int(medium[row])
        default: Int(wide[row])
        }
    }
}
