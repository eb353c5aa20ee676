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
    /// threads at once, and each call sees everything earlier calls did. Parts are handed out to threads
    /// in index order, so only the parts finished ahead of a slower earlier one wait, a few at most.
    /// After `consume` throws, no further part is consumed and parts not yet started are not made; the
    /// first error is rethrown once every thread has stopped.
    static func run<Part: Sendable, Failure: Error>(
        parts count: Int, make: @Sendable (Int) -> Part, consume: (Part) throws(Failure) -> Void
    ) throws(Failure) {
        try withoutActuallyEscaping(consume) { (consume) throws(Failure) in
            let line = Line<Part, Failure>(consume)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                guard !line.hasFailed else { return }
                line.arrive(index, make(index))
            }
            if let failure = line.failure { throw failure }
        }
    }

    /// The parts waiting for their turn, and whose turn it is.
    private final class Line<Part, Failure: Error>: @unchecked Sendable {
        // `consume` is called by one thread at a time (below). Every other stored property is read and
        // written only while `lock` is held.
        private let consume: (Part) throws(Failure) -> Void
        private let lock = NSLock()
        private var waiting: [Int: Part] = [:]
        private var next = 0
        private var isConsuming = false
        private var firstFailure: Failure?

        init(_ consume: @escaping (Part) throws(Failure) -> Void) {
            self.consume = consume
        }

        var hasFailed: Bool { lock.withLock { firstFailure != nil } }
        var failure: Failure? { lock.withLock { firstFailure } }

        /// Puts part `index` in line; if no thread is consuming, this one consumes every part whose turn
        /// has come, releasing the lock while `consume` runs so that other threads can keep arriving.
        func arrive(_ index: Int, _ part: Part) {
            lock.lock()
            defer { lock.unlock() }
            guard firstFailure == nil else { return }
            waiting[index] = part
            guard !isConsuming else { return }
            isConsuming = true
            // The check for the next part and the release of `isConsuming` happen under one hold of the
            // lock, so a part that arrives meanwhile is either seen here or consumed by its own thread.
            while let ready = waiting.removeValue(forKey: next) {
                lock.unlock()
                var failed: Failure?
                do throws(Failure) { try consume(ready) } catch { failed = error }
                lock.lock()
                if let failed {
                    firstFailure = failed
                    waiting.removeAll()
                    break
                }
                next += 1
            }
            isConsuming = false
        }
    }
}
