import CScan

/// Where the structural bytes of a buffer are (the delimiter, `"`, LF and CR), found a stretch at a
/// time by the CScan kernel (SIMD comparisons turned into bit masks) and handed out in order.
///
/// The fast path of ``RecordScanner`` walks these positions to split a record without a quote into
/// fields, instead of looking at every byte. Positions are offsets into the buffer the index was
/// last ``reset(to:)`` for; a buffer that moves or changes needs a reset.
struct StructuralIndex: ~Copyable {
    /// Bytes indexed per call to the kernel.
    static let stretch = 1 << 15

    private let positions: UnsafeMutablePointer<UInt32>
    /// Valid entries of `positions`, and the next one to hand out.
    private var count = 0
    private var cursor = 0
    /// Buffer offset where the indexed stretch starts, and where indexing continues.
    private var stretchStart = 0
    private var indexedUpTo = 0

    init() {
        positions = .allocate(capacity: Self.stretch)
    }

    deinit { positions.deallocate() }

    /// Forgets every position and continues indexing at `offset`.
    mutating func reset(to offset: Int) {
        count = 0
        cursor = 0
        stretchStart = offset
        indexedUpTo = offset
    }

    /// The offset of the first structural byte at or after `offset` among `bytes`, or nil when there is
    /// none before `bytes.count`. Offsets asked for never go backwards between resets.
    @inline(__always)
    mutating func next(atOrAfter offset: Int, in bytes: UnsafeRawBufferPointer) -> Int? {
        while true {
            while cursor < count {
                let position = stretchStart + Int(positions[cursor])
                if position >= offset { return position }
                cursor += 1
            }
            guard refill(from: max(offset, indexedUpTo), in: bytes) else { return nil }
        }
    }

    /// Indexes the next stretch from `offset`; false when the bytes are exhausted.
    @inline(never)
    private mutating func refill(from offset: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        guard offset < bytes.count, let base = bytes.baseAddress else { return false }
        let length = min(Self.stretch, bytes.count - offset)
        count = cscan_special_positions(base.assumingMemoryBound(to: UInt8.self) + offset, length, delimiter, positions)
        cursor = 0
        stretchStart = offset
        indexedUpTo = offset + length
        return true
    }

    /// The delimiter the positions include; set by the owner before the first use.
    var delimiter: UInt8 = 0x2C
}
