/// The units of a long list: one per distinct pair of tier-1 and tier-2 names compared ignoring case
/// and surrounding spaces (so `North ` and `north` are one unit), named as first written (each tier-1
/// unit by its first spelling), and numbered
/// in the sorted order of those names so that the numbering does not depend on the order of rows.
struct UnitTable {
    private let tier1: CategoricalColumn
    private let tier2: CategoricalColumn
    /// Provisional index of each raw code pair met so far, and the first row with it.
    private var pairs: [Int: UInt32] = [:]
    private var pairCodes: [(tier1: Int, tier2: Int, firstRow: Int)] = []
    private var lastPair = -1, lastIndex: UInt32 = 0
    /// Provisional index + 1 of each pair of codes, at `tier1 * tier2Count + tier2`, when the product
    /// of the two columns' value counts is small enough; 0 for a pair not met yet.
    private var dense: [UInt32]
    private let tier2Count: Int
    private static let denseLimit = 1 << 20
    /// The units, in final order; set by ``renumber(_:)``.
    private(set) var units: [Unit] = []

    init(tier1: CategoricalColumn, tier2: CategoricalColumn) {
        self.tier1 = tier1
        self.tier2 = tier2
        tier2Count = tier2.values.count
        let pairs = tier1.values.count * tier2.values.count
        dense = pairs <= Self.denseLimit ? [UInt32](repeating: 0, count: pairs) : []
    }

    /// A provisional unit index for `row`, to be passed through ``renumber(_:)``.
    mutating func provisionalIndex(row: Int) -> UInt32 {
        let a = tier1.code(of: row), b = tier2.code(of: row)
        if !dense.isEmpty {
            let known = dense[a * tier2Count + b]
            if known > 0 { return known - 1 }
            let index = UInt32(pairCodes.count)
            pairCodes.append((a, b, row))
            dense[a * tier2Count + b] = index + 1
            return index
        }
        let pair = a &<< 32 | b
        if pair == lastPair { return lastIndex }
        let index: UInt32
        if let known = pairs[pair] {
            index = known
        } else {
            index = UInt32(pairCodes.count)
            pairs[pair] = index
            pairCodes.append((a, b, row))
        }
        (lastPair, lastIndex) = (pair, index)
        return index
    }

    /// Merges pairs that differ only in case or spaces, sorts the units by name, and rewrites
    /// provisional indices as final ones.
    ///
    /// O(p log p) in the p pairs met, each name compared as bytes: 300,000 units take well under a
    /// second.
    mutating func renumber(_ unitOfRow: inout [UInt32]) {
        struct Key: Hashable { var tier1: String; var tier2: String }
        let keys = pairCodes.map { p in
            Key(tier1: ValueMatching.key(tier1.values[p.tier1].value), tier2: ValueMatching.key(tier2.values[p.tier2].value))
        }
        // A tier-1 unit is named once, as first written, so that `North/A` and `north/B` show as `North`.
        var tier1Name: [String: (firstRow: Int, name: String)] = [:]
        for (p, key) in zip(pairCodes, keys) where tier1Name[key.tier1].map({ p.firstRow < $0.firstRow }) ?? true {
            tier1Name[key.tier1] = (p.firstRow, tier1.values[p.tier1].value.trimmingSpaces())
        }
        // One unit per key, named by its pair met first; `unitOfPair` maps each pair to it.
        var unitOfKey: [Key: Int] = [:]
        var unitKeys: [Key] = []
        var firstPair: [Int] = []
        var unitOfPair = [Int](repeating: 0, count: pairCodes.count)
        for (pair, key) in keys.enumerated() {
            if let unit = unitOfKey[key] {
                unitOfPair[pair] = unit
                if pairCodes[pair].firstRow < pairCodes[firstPair[unit]].firstRow { firstPair[unit] = pair }
            } else {
                unitOfKey[key] = unitKeys.count
                unitOfPair[pair] = unitKeys.count
                unitKeys.append(key)
                firstPair.append(pair)
            }
        }
        let tier1Bytes = unitKeys.map { Array($0.tier1.utf8) }
        let tier2Bytes = unitKeys.map { Array($0.tier2.utf8) }
        let ordered = unitKeys.indices.sorted { a, b in
            tier1Bytes[a] == tier1Bytes[b] ? tier2Bytes[a].lexicographicallyPrecedes(tier2Bytes[b]) : tier1Bytes[a].lexicographicallyPrecedes(tier1Bytes[b])
        }
        var finalIndex = [UInt32](repeating: 0, count: unitKeys.count)
        for (position, unit) in ordered.enumerated() { finalIndex[unit] = UInt32(position) }
        units = ordered.map { unit in
            Unit(tier1: tier1Name[unitKeys[unit].tier1]!.name, tier2: tier2.values[pairCodes[firstPair[unit]].tier2].value.trimmingSpaces())
        }
        let map = unitOfPair.map { finalIndex[$0] }
        let isIdentity = map.enumerated().allSatisfy { UInt32($0.offset) == $0.element }
        if !isIdentity {
            for row in unitOfRow.indices { unitOfRow[row] = map[Int(unitOfRow[row])] }
        }
    }
}
