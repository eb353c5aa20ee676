#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary encoding of a chunk's coded columns ("slots"): each distinct byte string of a slot
/// gets a small code in order of first appearance, with how many rows have it and the line it first
/// appears on.
///
/// Per slot, an open-addressing table (linear probing, load at most 1/2) of 32-byte entries holds a
/// key's hash, its first sixteen bytes as two words, its length and its code; the keys themselves lie
/// end to end in an arena. A key of up to sixteen bytes is found by its two words and length alone,
/// with no call to `memcmp`; a longer one by its hash, its first sixteen bytes and then the rest.
///
/// The storage is manual (``RawArray``) and freed by `deinit`: the reader looks a value up for every
/// coded field of every row, and `Array`'s checks would cost more than the lookup. Keys are read
/// sixteen bytes at a time, so every key passed in must have sixteen readable bytes from its start
/// (``ScanBuffer`` pads its bytes for this).
struct ValueTables: ~Copyable {
    private struct TableEntry {
        var hash: UInt64
        var word0: UInt64
        var word1: UInt64
        /// Length in the low 32 bits, code + 1 in the high 32 (0: empty).
        var lengthAndCode: UInt64
    }

    struct Value {
        var offset: Int
        var length: Int
        var count: Int
        var firstLine: Int
    }

    private struct Slot {
        var table: UnsafeMutablePointer<TableEntry>
        var mask: Int
        var values: RawArray<Value>
        var arena: RawArray<UInt8>
        /// The last key of at most sixteen bytes looked up (its two words and length) and its code:
        /// consecutive rows often repeat a value (a flag, a gender, a team), which then costs neither
        /// a hash nor a probe. `lastLength` is -1 before the first.
        var lastWord0: UInt64 = 0
        var lastWord1: UInt64 = 0
        var lastLength = -1
        var lastCode = 0

        @inline(__always)
        mutating func remember(_ w0: UInt64, _ w1: UInt64, _ length: Int, _ code: Int) {
            (lastWord0, lastWord1, lastLength, lastCode) = (w0, w1, length, code)
        }
    }

    private let slots: UnsafeMutablePointer<Slot>
    let slotCount: Int

    init(slotCount: Int) {
        self.slotCount = slotCount
        slots = .allocate(capacity: max(slotCount, 1))
        for slot in 0..<slotCount {
            let table = UnsafeMutablePointer<TableEntry>.allocate(capacity: 64)
            table.initialize(repeating: TableEntry(hash: 0, word0: 0, word1: 0, lengthAndCode: 0), count: 64)
            (slots + slot).initialize(to: Slot(table: table, mask: 63, values: RawArray(capacity: 16), arena: RawArray(capacity: 256)))
        }
    }

    deinit {
        for slot in 0..<slotCount {
            slots[slot].table.deallocate()
            slots[slot].values.deallocate()
            slots[slot].arena.deallocate()
        }
        slots.deallocate()
    }

    /// The number of distinct values of `slot`.
    func count(_ slot: Int) -> Int { slots[slot].values.count }

    /// Value `code` of `slot`: where its bytes are, how many rows have it, and its first line.
    func value(_ slot: Int, _ code: Int) -> Value { slots[slot].values[code] }

    /// The bytes of value `code` of `slot`, valid until the next change to the tables.
    func bytes(_ slot: Int, _ code: Int) -> UnsafeRawBufferPointer {
        let value = slots[slot].values[code]
        return UnsafeRawBufferPointer(start: slots[slot].arena.base + value.offset, count: value.length)
    }

    /// The key's first `min(16, length)` bytes as two little-endian words, zero-filled.
    @inline(__always)
    private static func words(_ base: UnsafeRawPointer, _ length: Int) -> (UInt64, UInt64) {
        let a = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        let b = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if length >= 16 { return (a, b) }
        if length >= 8 { return (a, length == 8 ? 0 : b & (UInt64.max >> UInt64(128 - 8 * length))) }
        return (length == 0 ? 0 : a & (UInt64.max >> UInt64(64 - 8 * length)), 0)
    }

    @inline(__always)
    private static func hash(_ base: UnsafeRawPointer, _ length: Int, _ w0: UInt64, _ w1: UInt64) -> UInt64 {
        var h = (w0 ^ UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 31) ^ w1) &* 0x94D0_49BB_1331_11EB
        if length > 16 {
            var i = 16
            while i + 8 <= length {
                h = (h ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
                i += 8
            }
            if i < length {
                let tail = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & (UInt64.max >> UInt64(64 - 8 * (length - i)))
                h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            }
        }
        return h ^ (h >> 32)
    }

    /// The code of the `length` bytes at `base` in `slot`, added (first seen on `line`) if new; `count`
    /// rows are counted for it.
    @inline(__always)
    mutating func code(_ slot: Int, _ base: UnsafeRawPointer, _ length: Int, line: Int, count: Int = 1) -> (code: Int, isNew: Bool) {
        let (w0, w1) = Self.words(base, length)
        let s = slots + slot
        if length == s.pointee.lastLength && w0 == s.pointee.lastWord0 && w1 == s.pointee.lastWord1 {
            // At most sixteen bytes (longer keys are never remembered): the words and length are the key.
            let code = s.pointee.lastCode
            s.pointee.values[code].count += count
            return (code, false)
        }
        let h = Self.hash(base, length, w0, w1)
        var position = Int(truncatingIfNeeded: h) & s.pointee.mask
        while true {
            let entry = s.pointee.table[position]
            if entry.lengthAndCode == 0 { break }
            if entry.hash == h && entry.word0 == w0 && entry.word1 == w1 && Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: entry.lengthAndCode)) == length {
                let code = Int(entry.lengthAndCode >> 32) - 1
                if length <= 16 || memcmp(s.pointee.arena.base + s.pointee.values[code].offset + 16, base + 16, length - 16) == 0 {
                    s.pointee.values[code].count += count
                    if length <= 16 { s.pointee.remember(w0, w1, length, code) }
                    return (code, false)
                }
            }
            position = (position + 1) & s.pointee.mask
        }
        let code = s.pointee.values.count
        let offset = s.pointee.arena.count
        // The arena keeps sixteen readable bytes past its last key, for the word loads of `absorb`.
        if offset + length + 16 > s.pointee.arena.capacity { s.pointee.arena.grow(toHold: offset + length + 16) }
        s.pointee.arena.append(contentsOf: base, count: length)
        s.pointee.values.append(Value(offset: offset, length: length, count: count, firstLine: line))
        s.pointee.table[position] = TableEntry(
            hash: h, word0: w0, word1: w1, lengthAndCode: UInt64(code + 1) << 32 | UInt64(UInt32(truncatingIfNeeded: length)))
        if (code + 1) * 2 > s.pointee.mask + 1 { grow(slot) }
        if length <= 16 { s.pointee.remember(w0, w1, length, code) }
        return (code, true)
    }

    @inline(never)
    private mutating func grow(_ slot: Int) {
        let s = slots + slot
        let size = (s.pointee.mask + 1) * 2
        let table = UnsafeMutablePointer<TableEntry>.allocate(capacity: size)
        table.initialize(repeating: TableEntry(hash: 0, word0: 0, word1: 0, lengthAndCode: 0), count: size)
        let mask = size - 1
        for old in 0...s.pointee.mask where s.pointee.table[old].lengthAndCode != 0 {
            let entry = s.pointee.table[old]
            var position = Int(truncatingIfNeeded: entry.hash) & mask
            while table[position].lengthAndCode != 0 { position = (position + 1) & mask }
            table[position] = entry
        }
        s.pointee.table.deallocate()
        s.pointee.table = table
        s.pointee.mask = mask
    }

    /// Adds every value of `other`'s `otherSlot` to `slot` (counts summed, first lines moved by
    /// `lineOffset` and kept at the earliest), and returns the code each of `other`'s values has here.
    mutating func absorb(_ slot: Int, from other: borrowing ValueTables, slot otherSlot: Int, lineOffset: Int) -> [UInt32] {
        let source = other.slots[otherSlot]
        var translation = [UInt32](repeating: 0, count: source.values.count)
        for code in 0..<source.values.count {
            let value = source.values[code]
            let (mine, isNew) = self.code(slot, source.arena.base + value.offset, value.length, line: value.firstLine + lineOffset, count: value.count)
            if !isNew {
                let line = value.firstLine + lineOffset
                if line < slots[slot].values[mine].firstLine { slots[slot].values[mine].firstLine = line }
            }
            translation[code] = UInt32(mine)
        }
        return translation
    }
}
