import Dispatch
import Foundation

/// Parts made on every core and used one at a time in their order: how a large output is built in
/// pieces at once while it is written and hashed front to back.
///
/// ```swift
/// try InOrder.run(parts: pieces.count) { index in
///     build(pieces[index])                   // on any thread, several at once
/// } consume: { bytes in
///     try file.write(bytes)                  // one at a time, part 0 first
/// }
/// ```
enum InOrder {
    /// Makes parts `0..<count` with `make`, concurrently, and hands each to `consume` in index order.
    ///
    /// `consume` is called on whichever thread finished the part that was next in line, never on two
    /// threads at once, and each call sees everything earlier calls did. A part is started only when it
    /// is fewer than `window` places ahead of the next one to consume, so at most `window` parts are
    /// held at once however slow `consume` is. After `consume` throws, no further part is consumed and
    /// parts not yet started are not made; the first error is rethrown once every thread has stopped.
    static func run<Part: Sendable, Failure: Error>(
        parts count: Int, window: Int = 2 * ProcessInfo.processInfo.activeProcessorCount,
        make: @Sendable (Int) -> Part, consume: (Part) throws(Failure) -> Void
    ) throws(Failure) {
        precondition(window > 0, "at least one part must be allowed ahead")
        try withoutActuallyEscaping(consume) { (consume) throws(Failure) in
            let line = Line<Part, Failure>(consume, window: window)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                guard line.waitForTurnToMake(index) else { return }
                line.arrive(index, make(index))
            }
            if let failure = line.failure { throw failure }
        }
    }

    /// The parts waiting for their turn, and whose turn it is.
    private final class Line<Part, Failure: Error>: @unchecked Sendable {
        // `consume` is called by one thread at a time (below). Every other stored property is read and
        // written only while `condition` is locked.
        private let consume: (Part) throws(Failure) -> Void
        private let window: Int
        private let condition = NSCondition()
        private var waiting: [Int: Part] = [:]
        private var next = 0
        private var isConsuming = false
        private var firstFailure: Failure?

        init(_ consume: @escaping (Part) throws(Failure) -> Void, window: Int) {
            self.consume = consume
            self.window = window
        }

        var failure: Failure? { condition.withLock { firstFailure } }

        /// Waits until part `index` is within the window; false if a part failed meanwhile. The part at
        /// `next` never waits, and `concurrentPerform` hands out indices in increasing order, so the part
        /// at `next` is always held by a thread that is not waiting: the line always moves.
        func waitForTurnToMake(_ index: Int) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while firstFailure == nil && index >= next + window { condition.wait() }
            return firstFailure == nil
        }

        /// Puts part `index` in line; if no thread is consuming, this one consumes every part whose turn
        /// has come, unlocking while `consume` runs so that other threads can keep arriving.
        func arrive(_ index: Int, _ part: Part) {
            condition.lock()
            defer { condition.unlock() }
            guard firstFailure == nil else { return }
            waiting[index] = part
            guard !isConsuming else { return }
            isConsuming = true
            // The check for the next part and the release of `isConsuming` happen under one hold of the
            // lock, so a part that arrives meanwhile is either seen here or consumed by its own thread.
            while let ready = waiting.removeValue(forKey: next) {
                condition.unlock()
                var failed: Failure?
                do throws(Failure) { try consume(ready) } catch { failed = error }
                condition.lock()
                if let failed {
                    firstFailure = failed
                    waiting.removeAll()
                    condition.broadcast()
                    break
                }
                next += 1
                condition.broadcast()
            }
            isConsuming = false
        }
    }
}
