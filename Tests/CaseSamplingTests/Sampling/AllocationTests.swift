import Testing
@testable import CaseSampling

/// ``Allocation``'s refusals, as the user reads them.
@Suite struct AllocationTests {
    @Test(arguments: [
        ([1, 0], 2, "a sample of 2 is larger than the 1 eligible case"),
        ([2, 1], 4, "a sample of 4 is larger than the 3 eligible cases"),
        ([0, 0], 1, "the long list has no eligible cases to sample"),
    ])
    func sizeBeyondTheEligibleCases_isRefusedInWords(counts: [Int], size: Int, message: String) {
        do {
            _ = try Allocation(cellCounts: counts, variables: [2], size: size)
            Issue.record("allocated \(size) of \(counts)")
        } catch {
            #expect(error.description == message)
        }
    }
}
