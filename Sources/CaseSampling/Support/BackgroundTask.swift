import Foundation

/// Work started on a thread of its own, whose result is collected later: how `draw` hashes the long
/// list while it parses it, and writes `excluded.csv` while it draws.
///
/// ```swift
/// let digest = BackgroundTask { try SHA256.hexDigest(ofFileAt: path) }
/// // ... other work ...
/// let hex = try digest.value()
/// ```
///
/// The work runs on a new thread, which ends with it (a dedicated thread rather than a dispatch worker,
/// so that the reader's `concurrentPerform` keeps the pool to itself). It starts at once, or when
/// ``start()`` is first called. ``value()`` waits for the work and returns its result or rethrows its
/// error, as often as it is called. A started task whose value is never asked for still runs to the end.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    // `result` is written once, by the work, before `finished.leave()`; it is read only after
    // `finished.wait()`. `work` is taken, under `lock`, by whichever call to `start()` comes first.
    private let finished = DispatchGroup()
    private let lock = NSLock()
    private var work: (@Sendable () throws -> Value)?
    private var result: Result<Value, any Error>?

    /// Starts `work`, or with `startingNow` false keeps it until ``start()`` or ``value()``.
    init(startingNow: Bool = true, _ work: @escaping @Sendable () throws -> Value) {
        self.work = work
        finished.enter()
        if startingNow { start() }
    }

    /// Starts the work if it has not started yet.
    func start() {
        lock.lock()
        let work = self.work
        self.work = nil
        lock.unlock()
        guard let work else { return }
        Thread {
            self.result = Result(catching: work)
            self.finished.leave()
        }.start()
    }

    /// Waits for the work to finish (starting it if need be); its value, or its error rethrown.
    func value() throws -> Value {
        start()
        finished.wait()
        return try result!.get()
    }
}
