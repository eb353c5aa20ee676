import Foundation
import Testing

@testable import CaseSampling

@Suite struct InOrderTests {
    struct Failure: Error, Equatable {
        var part: Int
    }

    /// Parts take uneven times, so they finish out of order; `consume` must still see 0, 1, 2, … and
    /// never run on two threads at once.
    @Test(arguments: [0, 1, 2, 7, 200])
    func consumesEveryPartOnceInOrder(count: Int) {
        let busy = Counter()
        var seen: [Int] = []
        InOrder.run(parts: count) { index in
            // Later parts are quicker, so with two or more threads they are ready before earlier ones.
            usleep(useconds_t((7 - index % 7) * 300))
            return index * index
        } consume: { part in
            #expect(busy.increment() == 1, "consume runs on one thread at a time")
            seen.append(part)
            usleep(100)
            busy.decrement()
        }
        #expect(seen == (0..<count).map { $0 * $0 })
    }

    @Test func stopsAtTheFirstFailureAndRethrowsIt() {
        let made = Counter()
        var consumed: [Int] = []
        #expect(throws: Failure(part: 3)) {
            try InOrder.run(parts: 10_000) { index in
                _ = made.increment()
                return index
            } consume: { (part) throws(Failure) in
                if part >= 3 { throw Failure(part: part) }
                consumed.append(part)
            }
        }
        #expect(consumed == [0, 1, 2], "nothing is consumed after the failure")
        #expect(made.value < 10_000, "parts not yet started are not made")
    }

    /// However slow `consume` is, parts are made at most `window` ahead of it. (Run alone on two
    /// cores the window fills; but whether a second thread is free depends on the other tests
    /// running, so only the bound is asserted.)
    @Test(arguments: [1, 3])
    func partsWaitingForASlowConsumerAreBounded(window: Int) {
        let made = Counter()
        var consumed = 0, mostAhead = 0
        InOrder.run(parts: 200, window: window) { index in
            _ = made.increment()
            return index
        } consume: { part in
            usleep(500)
            mostAhead = max(mostAhead, made.value - consumed)
            consumed += 1
        }
        #expect(consumed == 200)
        #expect(mostAhead <= window, "\(mostAhead) parts were made ahead of the one being consumed")
    }

    /// A count that threads update under a lock.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        var value: Int { lock.withLock { count } }

        /// Adds one; the new count.
        func increment() -> Int { lock.withLock { count += 1; return count } }

        func decrement() { lock.withLock { count -= 1 } }
    }
}
