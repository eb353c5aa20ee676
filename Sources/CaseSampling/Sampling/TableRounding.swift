/// Unbiased controlled rounding of a two-way table: cross-cells by units.
///
/// Every entry, every row total, every column total and the grand total ends at the floor or the
/// ceiling of its value, and each entry's expectation equals its value, so a case's inclusion
/// probability is untouched. Row totals that are whole numbers (the cells' counts, already drawn)
/// therefore stay exactly as they are.
///
/// Method: Cox (1987), "A constructive procedure for unbiased controlled rounding", JASA 82,
/// 520–524. The table is a circulation in a network (source → row → column → sink → source, with
/// the row totals, entries, column totals and grand total as the flows). An edge whose flow is not a
/// whole number lies on a cycle of such edges, because the flows at every node balance. Pushing a
/// circulation of `+d₁` round the cycle with probability `d₂/(d₁+d₂)`, or of `−d₂` otherwise, where
/// `d₁` and `d₂` are the largest pushes that keep every edge between its floor and ceiling, keeps each
/// flow's expectation and makes at least one more flow a whole number. It ends in at most as many
/// steps as there are edges.
///
/// Determinism: edges are numbered row by row; each cycle is found by walking from the lowest
/// numbered open edge, always leaving a node by its lowest numbered open edge; one uniform number
/// from the generator decides each step.
enum TableRounding {
    /// Values this close to a whole number are that number (the inputs are ratios of whole numbers
    /// computed in floating point).
    static let tolerance = 1e-9

    /// Rounds `entries` (rows × columns, each ≥ 0).
    ///
    /// - Parameters:
    ///   - rowTotals: each row's sum, computed exactly by the caller where it is a whole number.
    ///   - columnTotals: each column's sum.
    ///   - total: the grand total.
    static func round(
        entries: [[Double]], rowTotals: [Double], columnTotals: [Double], total: Double,
        using generator: inout Xoshiro256StarStar
    ) -> [[Int]] {
        let rows = entries.count, columns = columnTotals.count
        // Nodes: 0 source, 1 sink, 2..<2+rows rows, then columns.
        let source = 0, sink = 1
        func rowNode(_ r: Int) -> Int { 2 + r }
        func columnNode(_ c: Int) -> Int { 2 + rows + c }
        var network = Network(nodeCount: 2 + rows + columns)
        var entryEdge = [[Int]](repeating: [Int](repeating: -1, count: columns), count: rows)
        for r in 0..<rows {
            for c in 0..<columns where entries[r][c] > 0 {
                entryEdge[r][c] = network.add(from: rowNode(r), to: columnNode(c), value: entries[r][c])
            }
        }
        for r in 0..<rows { network.add(from: source, to: rowNode(r), value: rowTotals[r]) }
        for c in 0..<columns { network.add(from: columnNode(c), to: sink, value: columnTotals[c]) }
        network.add(from: sink, to: source, value: total)

        while let cycle = network.openCycle() {
            let (up, down) = network.room(on: cycle)
            let push = generator.unitInterval() * (up + down) < down ? up : -down
            network.push(push, on: cycle)
        }
        return entryEdge.map { row in row.map { $0 < 0 ? 0 : network.wholeValue(of: $0) } }
    }

    /// The flows, each bounded by the floor and ceiling of its starting value.
    ///
    /// Each node's incident edges are kept in edge order in one flat array (`slots`, node `n` owning
    /// `slotStart[n]..<slotStart[n + 1]`), with skip pointers over the slots of whole edges, so that a
    /// node's first open edge, or its next one, is found in near-constant amortised time however many
    /// edges it has (a long list with 300,000 tier-2 units has rows of 20,000 entries).
    struct Network {
        var from: [Int] = [], to: [Int] = []
        var value: [Double] = [], low: [Double] = [], high: [Double] = []
        var open: [Bool] = []
        let nodeCount: Int
        /// Edges below this index are all whole (a whole flow never opens again).
        var firstOpen = 0
        /// Built by ``index()`` once every edge is added.
        var slotStart: [Int] = [], slots: [Int] = []
        /// Per slot: a slot at or before the next slot of its node whose edge may be open. A slot whose
        /// edge is open points past itself only once the edge is whole.
        var skip: [Int] = []
        /// Per node: its position on the walk being made, or -1.
        var positionOnWalk: [Int] = []

        init(nodeCount: Int) {
            self.nodeCount = nodeCount
        }

        @discardableResult
        mutating func add(from a: Int, to b: Int, value v: Double) -> Int {
            let snapped = Network.snap(v)
            let floor = snapped.rounded(.down)
            from.append(a); to.append(b); value.append(snapped); low.append(floor)
            let isWhole = snapped == floor
            high.append(isWhole ? floor : floor + 1)
            open.append(!isWhole)
            return value.count - 1
        }

        /// Builds the incidence of every node, each node's edges in edge order.
        mutating func index() {
            var degree = [Int](repeating: 0, count: nodeCount + 1)
            for edge in from.indices {
                degree[from[edge] + 1] += 1
                degree[to[edge] + 1] += 1
            }
            for node in 0..<nodeCount { degree[node + 1] += degree[node] }
            slotStart = degree
            var fill = Array(degree.dropLast())
            slots = [Int](repeating: 0, count: 2 * from.count)
            for edge in from.indices {
                slots[fill[from[edge]]] = edge
                fill[from[edge]] += 1
                slots[fill[to[edge]]] = edge
                fill[to[edge]] += 1
            }
            skip = Array(1...max(slots.count, 1))
            positionOnWalk = [Int](repeating: -1, count: nodeCount)
        }

        static func snap(_ v: Double) -> Double {
            let nearest = v.rounded()
            return abs(v - nearest) <= TableRounding.tolerance ? nearest : v
        }

        func wholeValue(of edge: Int) -> Int { Int(value[edge].rounded()) }

        /// The first slot at or after `slot` and before `end` whose edge is open, else `end`; the
        /// slots passed over are pointed at it.
        mutating func firstOpenSlot(from slot: Int, before end: Int) -> Int {
            var found = slot
            while found < end && !open[slots[found]] { found = skip[found] }
            var passed = slot
            while passed < found {
                let next = skip[passed]
                skip[passed] = found
                passed = next
            }
            return found
        }

        /// The node's first open edge other than `excluded`.
        mutating func openEdge(at node: Int, other excluded: Int) -> Int? {
            let end = slotStart[node + 1]
            var slot = firstOpenSlot(from: slotStart[node], before: end)
            if slot < end && slots[slot] == excluded { slot = firstOpenSlot(from: slot + 1, before: end) }
            return slot < end ? slots[slot] : nil
        }

        /// A cycle of open edges as (edge, forward) pairs, or nil when every flow is whole.
        ///
        /// Walks from the first open edge, leaving each node by its first open edge other than the
        /// one it came by, until a node repeats. A node with a single open edge can only come from
        /// rounding error in the inputs; that edge is closed at its nearer bound and the walk restarts.
        mutating func openCycle() -> [(edge: Int, forward: Bool)]? {
            if positionOnWalk.count != nodeCount { index() }
            while true {
                while firstOpen < open.count && !open[firstOpen] { firstOpen += 1 }
                guard firstOpen < open.count else { return nil }
                let first = firstOpen
                var path: [(edge: Int, forward: Bool)] = [(first, true)]
                var nodes = [from[first]]
                positionOnWalk[from[first]] = 0
                var node = to[first]
                var came = first
                var stuck = false
                while positionOnWalk[node] < 0 {
                    positionOnWalk[node] = nodes.count
                    nodes.append(node)
                    guard let next = openEdge(at: node, other: came) else {
                        close(came)
                        stuck = true
                        break
                    }
                    let forward = from[next] == node
                    path.append((next, forward))
                    node = forward ? to[next] : from[next]
                    came = next
                }
                let cycleStart = stuck ? 0 : positionOnWalk[node]
                for visited in nodes { positionOnWalk[visited] = -1 }
                if stuck { continue }
                return Array(path[cycleStart...])
            }
        }

        /// The largest push of the circulation forwards (`up`) and backwards (`down`).
        func room(on cycle: [(edge: Int, forward: Bool)]) -> (up: Double, down: Double) {
            var up = Double.infinity, down = Double.infinity
            for (edge, forward) in cycle {
                let rise = high[edge] - value[edge], fall = value[edge] - low[edge]
                up = min(up, forward ? rise : fall)
                down = min(down, forward ? fall : rise)
            }
            return (up, down)
        }

        mutating func push(_ amount: Double, on cycle: [(edge: Int, forward: Bool)]) {
            for (edge, forward) in cycle {
                let v = value[edge] + (forward ? amount : -amount)
                if v - low[edge] <= TableRounding.tolerance {
                    value[edge] = low[edge]
                    open[edge] = false
                } else if high[edge] - v <= TableRounding.tolerance {
                    value[edge] = high[edge]
                    open[edge] = false
                } else {
                    value[edge] = v
                }
            }
        }

        mutating func close(_ edge: Int) {
            value[edge] = value[edge] - low[edge] < high[edge] - value[edge] ? low[edge] : high[edge]
            open[edge] = false
        }
    }
}
