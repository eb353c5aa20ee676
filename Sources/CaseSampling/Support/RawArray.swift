/// A growable array of plain values in manually managed memory, for the reader's per-field and
/// per-row hot loops, where `Array`'s uniqueness checks and reference counting cost more than the work.
///
/// It is a plain struct of a pointer and two counts: copies share the storage, and nothing frees it
/// but ``deallocate()``. Only a noncopyable owner (``ValueTables``, ``ChunkParser``) keeps one, and
/// frees it in its `deinit`; nothing else holds it.
#if DEBUG
import Synchronization

/// How many raw arrays are allocated and not yet freed: tests check that reading frees every one.
let liveRawArrays = Atomic<Int>(0)
#endif

struct RawArray<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        #if DEBUG
        liveRawArrays.add(1, ordering: .relaxed)
        #endif
    }

    func deallocate() {
        base.deallocate()
        #if DEBUG
        liveRawArrays.subtract(1, ordering: .relaxed)
        #endif
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = element
        count += 1
    }

    /// Appends `bytes` copied from memory (elements must be bytes).
    mutating func append(contentsOf source: UnsafeRawPointer, count added: Int) where Element == UInt8 {
        if count + added > capacity { grow(toHold: count + added) }
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: added)
        count += added
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    mutating func removeAll() { count = 0 }

    /// Makes room for `minimum` elements, doubling.
    @inline(never)
    mutating func grow(toHold minimum: Int) {
        var bigger = capacity * 2
        while bigger < minimum { bigger *= 2 }
        let storage = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
        storage.update(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = bigger
    }

    /// The elements as an `Array`.
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
