/// Substitute candidates kept per (cell, group), where a group is a tier-2 or a tier-1 unit: for each
/// pair that selected cases need substitutes from, the cases with the smallest permanent random numbers.
///
/// Only pairs with demand have a heap. They are found through a dense table indexed by cell and by the
/// group's position among the groups with demand (at most one per selected case), so offering each of
/// millions of rows costs two array reads and no hashing.
///
/// ```swift
/// var groups = SubstituteGroups(cellCount: 16, groupCount: units.count, demand: [(cell: 3, group: 7, count: 1)])
/// groups.offer(entry, cell: 3, group: 7)
/// groups.sortedRows(cell: 3, group: 7)   // the kept rows, smallest number first
/// ```
struct SubstituteGroups {
    private let cellCount: Int
    /// Per group: its position among the groups with demand, or -1.
    private var position: [Int32]
    /// Per (cell, position): the index into `heaps`, or -1.
    private var slot: [Int32]
    private var heaps: [BoundedHeap] = []
    private var sorted: [[Int]]?

    /// Groups `0..<groupCount` over `cellCount` cells, with a heap for each pair in `demand` holding as
    /// many candidates as the pair's total count.
    init<Demand: Sequence>(cellCount: Int, groupCount: Int, demand: Demand) where Demand.Element == (cell: Int, group: Int, count: Int) {
        self.cellCount = cellCount
        position = [Int32](repeating: -1, count: groupCount)
        var width: Int32 = 0
        var totals: [Int: Int] = [:]
        var order: [(cell: Int, group: Int)] = []
        for (cell, group, count) in demand {
            if position[group] < 0 {
                position[group] = width
                width += 1
            }
            if totals[cell * groupCount + group] == nil { order.append((cell, group)) }
            totals[cell * groupCount + group, default: 0] += count
        }
        slot = [Int32](repeating: -1, count: cellCount * Int(width))
        for (cell, group) in order {
            slot[Int(position[group]) * cellCount + cell] = Int32(heaps.count)
            heaps.append(BoundedHeap(capacity: totals[cell * groupCount + group]!))
        }
    }

    private func heapIndex(cell: Int, group: Int) -> Int? {
        let p = position[group]
        guard p >= 0 else { return nil }
        let index = slot[Int(p) * cellCount + cell]
        return index >= 0 ? Int(index) : nil
    }

    /// Offers `entry` to the heap of (`cell`, `group`), if that pair has demand.
    @inline(__always)
    mutating func offer(_ entry: BoundedHeap.Entry, cell: Int, group: Int) {
        guard let index = heapIndex(cell: cell, group: group) else { return }
        heaps[index].offer(entry)
    }

    /// The rows kept for (`cell`, `group`), smallest permanent random number first; nil for a pair
    /// without demand.
    mutating func sortedRows(cell: Int, group: Int) -> [Int]? {
        if sorted == nil { sorted = heaps.map { $0.sorted.map(\.row) } }
        return heapIndex(cell: cell, group: group).map { sorted![$0] }
    }
}
