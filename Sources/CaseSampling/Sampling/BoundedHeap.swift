/// Keeps the `capacity` smallest entries seen: a binary max-heap whose top is the largest kept
/// entry, so most candidates are rejected by one comparison.
struct BoundedHeap<Entry: Comparable> {

    let capacity: Int
    private(set) var entries: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(min(capacity, 1024))
    }

    @inline(__always)
    mutating func offer(_ entry: Entry) {
        if entries.count < capacity {
            entries.append(entry)
            siftUp(entries.count - 1)
        } else if capacity > 0 && entry < entries[0] {
            entries[0] = entry
            siftDown(0)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard entries[parent] < entries[i] else { return }
            entries.swapAt(parent, i)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var largest = i
            if l < entries.count && entries[largest] < entries[l] { largest = l }
            if r < entries.count && entries[largest] < entries[r] { largest = r }
            if largest == i { return }
            entries.swapAt(i, largest)
            i = largest
        }
    }

    /// The kept entries, smallest first.
    var sorted: [Entry] { entries.sorted() }
}
