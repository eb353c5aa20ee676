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

    /// The code of `bytes`, adding it if new.
    @inline(__always)
    mutating func code(of base: UnsafeRawPointer, length: Int, line: Int) -> Int {
        add(base, length: length, count: 1, line: line)
    }

    /// Adds `count` occurrences of `bytes` first seen on `line`; returns its code.
    @inline(__always)
    mutating func add(_ base: UnsafeRawPointer, length: Int, count: Int, line: Int) -> Int {
        let h = Self.hash(base, length)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let index = Int(table[slot])
            if index < 0 { break }
            let entry = entries[index]
            if entry.hash == h && entry.length == length
                && arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + entry.offset, base, length) == 0 }) {
                entries[index].count += count
                entries[index].firstLine = min(entries[index].firstLine, line)
                return index
            }
            slot = (slot + 1) & mask
        }
        let index = entries.count
        let offset = arena.count
        arena.append(contentsOf: UnsafeRawBufferPointer(start: base, count: length))
        entries.append(Entry(offset: offset, length: length, hash: h, count: count, firstLine: line))
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
/// 32 bits the first time a code needs it.
struct CodeStore {
    enum Storage {
        case narrow([UInt8])
        case medium([UInt16])
        case wide([UInt32])
    }

    private(set) var storage: Storage = .narrow([])

    init(reservingCapacity capacity: Int = 0) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        storage = .narrow(bytes)
    }

    var count: Int {
        switch storage {
        case .narrow(let a): a.count
        case .medium(let a): a.count
        case .wide(let a): a.count
        }
    }

    @inline(__always)
    mutating func append(_ code: Int) {
        switch storage {
        case .narrow(var a) where code <= Int(UInt8.max):
            storage = .medium([])  // release the reference so the append does not copy
            a.append(UInt8(truncatingIfNeeded: code))
            storage = .narrow(a)
        case .medium(var a) where code <= Int(UInt16.max):
            storage = .narrow([])
            a.append(UInt16(truncatingIfNeeded: code))
            storage = .medium(a)
        case .wide(var a):
            storage = .narrow([])
            a.append(UInt32(truncatingIfNeeded: code))
            storage = .wide(a)
        default:
            widen(toHold: code)
            append(code)
        }
    }

    private mutating func widen(toHold code: Int) {
        switch storage {
        case .narrow(let a):
            if code <= Int(UInt16.max) {
                var b = [UInt16](); b.reserveCapacity(Swift.max(a.capacity, 16)); b.append(contentsOf: a.lazy.map(UInt16.init))
                storage = .medium(b)
            } else {
                var b = [UInt32](); b.reserveCapacity(Swift.max(a.capacity, 16)); b.append(contentsOf: a.lazy.map(UInt32.init))
                storage = .wide(b)
            }
        case .medium(let a):
            var b = [UInt32](); b.reserveCapacity(Swift.max(a.capacity, 16)); b.append(contentsOf: a.lazy.map(UInt32.init))
            storage = .wide(b)
        case .wide:
            break
        }
    }

    @inline(__always)
    subscript(row: Int) -> Int {
        switch storage {
        case .narrow(let a): Int(a[row])
        case .medium(let a): Int(a[row])
        case .wide(let a): Int(a[row])
        }
    }

    /// Appends `other`'s codes, each translated through `translation`.
    mutating func append(_ other: CodeStore, translatedBy translation: [Int]) {
        for row in 0..<other.count { append(translation[other[row]]) }
    }

    /// Rewrites every code through `translation`.
    mutating func translate(_ translation: [Int]) {
        var result = CodeStore(reservingCapacity: count)
        for row in 0..<count { result.append(translation[self[row]]) }
        self = result
    }
}
