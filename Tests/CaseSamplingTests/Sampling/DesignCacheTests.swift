import Testing
@testable import CaseSampling

/// Keeping landing designs changes no draw: a kept design is the one the landing would work out again.
@Suite struct DesignCacheTests {
    /// Random allocations of 2 × 2 × 4 cells with cells of 0 to 6 cases: the design `design(...)`
    /// returns, the first time and again, equals the landing computed afresh, and a draw from it equals
    /// the draw from the fresh one for every uniform number tried.
    @Test func keptDesigns_equalTheLandingWorkedOutAgain() throws {
        var generator = Xoshiro256StarStar(seed: 2_026_12_03)
        for index in 0..<6 {
            let counts = (0..<16).map { _ in generator.bounded(7) }
            guard counts.reduce(0, +) > 4 else { continue }
            let size = 1 + generator.bounded(counts.reduce(0, +) / 2)
            let allocation = try Allocation(cellCounts: counts, variables: [2, 2, 4], size: size)
            let fractions = allocation.remainders.map { Double($0) / Double(allocation.eligibleCount) }
            let open = fractions.indices.filter { fractions[$0] > 1e-12 }
            let fresh = ControlledRounding.landing(
                open: open, pi: fractions, fixed: [Int](repeating: 0, count: fractions.count), variables: allocation.variables)
            let first = try #require(ControlledRounding.design(fractions: fractions, variables: allocation.variables))
            let again = try #require(ControlledRounding.design(fractions: fractions, variables: allocation.variables))
            #expect(first == fresh, "allocation \(index)")
            #expect(again == fresh, "allocation \(index)")
            // The same fractions with the variables in another priority order are another design.
            let reordered = Array(allocation.variables.reversed())
            let freshReordered = ControlledRounding.landing(
                open: open, pi: fractions, fixed: [Int](repeating: 0, count: fractions.count), variables: reordered)
            #expect(ControlledRounding.design(fractions: fractions, variables: reordered) == freshReordered, "allocation \(index)")
            for u in stride(from: 0.0, to: 1.0, by: 0.0625) {
                #expect(again.draw(u).extra == fresh.draw(u).extra, "allocation \(index), u \(u)")
            }
        }
    }

    @Test func keepsAtMostItsCapacity_andTheNewest() {
        let cache = ControlledRounding.DesignCache()
        let variable = ControlledRounding.Variable(categoryOfCell: [0, 1], categoryCount: 2, extras: [0...1, 0...1])
        func key(_ i: Int) -> ControlledRounding.DesignCache.Key {
            .init(fractions: [Double(i) / 1_000, 1 - Double(i) / 1_000], variables: [variable], pivotLimit: 100)
        }
        let design = ControlledRounding.landing(open: [0, 1], pi: [0.5, 0.5], fixed: [0, 0], variables: [variable])
        for i in 1...(ControlledRounding.DesignCache.capacity + 1) { cache.keep(design, for: key(i)) }
        #expect(cache.count <= ControlledRounding.DesignCache.capacity)
        #expect(cache.design(for: key(ControlledRounding.DesignCache.capacity + 1)) == design)
        #expect(cache.design(for: key(1)) == nil, "the oldest is forgotten first")
    }
}
