#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary encoding for one column: each distinct byte string gets a small integer code, in order of
/// first appearance.
///
/// Keys live end to end in one byte arena; an open-addressing table of entry indices (linear probing,
/// load factor at most 1/2) finds them by a word-at-a-time hash. Each entry also keeps its count and the
/// physical line where it first appeared, for reports that cite a line instead of a value.
struct ByteDictionary {
    struct Entry {
        var offset: Int
        var length: Int
        var hash: UInt64
        /// The first eight bytes (fewer, zero-filled, for shorter keys): keys of up to eight bytes
        /// compare by this word and length alone.
        var prefix: UInt64
        var count: Int
        var firstLine: Int
    }

    private(set) var arena: [UInt8] = []
    private(set) var entries: [Entry] = []
    private var table: [Int32] = Array(repeating: -1, count: 64)
    private var mask = 63

    var count: Int { entries.count }

    /// A 64-bit hash of a byte span, reading whole words where it can.
    @inline(__always)
    static func hash(_ base: UnsafeRawPointer, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
        var i = 0
        while i + 8 <= length {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < length {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < length {
                w |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
        }
        return SplitMix64.mix(h)
    }

    /// The first `min(8, length)` bytes as a little-endian word, zero-filled.
    @inline(__always)
    static func prefix(_ base: UnsafeRawPointer, _ length: Int) -> UInt64 {
        if length >= 8 { return UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) }
        var w: UInt64 = 0
        var i = 0
        while i < length {
            w |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i)
            i += 1
        }
        return w
    }

    /// The code of `bytes`, adding it if new.
    @inline(__always)
    mutating func code(of base: UnsafeRawPointer, length: Int, line: Int) -> Int {
        add(base, length: length, count: 1, line: line)
    }

    /// Adds `count` occurrences of `bytes` first seen on `line`; returns its code.
    @inline(__always)
    mutating func add(_ base: UnsafeRawPointer, length: Int, count: Int, line: Int) -> Int {
        let prefix = Self.prefix(base, length)
        let h = length <= 8 ? SplitMix64.mix(prefix ^ (UInt64(length) &* 0x9E37_79B9_7F4A_7C15)) : Self.hash(base, length)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let index = Int(table[slot])
            if index < 0 { break }
            let entry = entries[index]
            if entry.hash == h && entry.length == length && entry.prefix == prefix
                && (length <= 8 || arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + entry.offset, base, length) == 0 })) {
                entries[index].count += count
                entries[index].firstLine = min(entries[index].firstLine, line)
                return index
            }
            slot = (slot + 1) & mask
        }
        let index = entries.count
        let offset = arena.count
        arena.append(contentsOf: UnsafeRawBufferPointer(start: base, count: length))
        entries.append(Entry(offset: offset, length: length, hash: h, prefix: prefix, count: count, firstLine: line))
        table[slot] = Int32(index)
        if entries.count * 2 > table.count { grow() }
        return index
    }

    private mutating func grow() {
        let size = table.count * 2
        table = Array(repeating: -1, count: size)
        mask = size - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(index)
        }
    }

    /// Moves every first-seen line by `offset`.
    mutating func shiftLines(by offset: Int) {
        for index in entries.indices { entries[index].firstLine += offset }
    }

    /// The bytes of entry `index`.
    func bytes(of index: Int) -> ArraySlice<UInt8> {
        let entry = entries[index]
        return arena[entry.offset..<(entry.offset + entry.length)]
    }
}

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

    /// Appends `other`'s codes, each translated through `translation`.
    mutating func append(_ other: CodeStore, translatedBy translation: [Int]) {
        for row in 0..<other.count { append(translation[other[row]]) }
    }
}
