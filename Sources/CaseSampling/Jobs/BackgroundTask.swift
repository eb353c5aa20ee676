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
/// The work starts at once on a new thread, which ends with it (a dedicated thread rather than a
/// dispatch worker, so that the reader's `concurrentPerform` keeps the pool to itself). ``value()`` waits
/// for the work and returns its result or rethrows its error, as often as it is called. A task whose
/// value is never asked for still runs to the end.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    // `result` is written once, by the work, before `group.leave()`; it is read only after `group.wait()`.
    private let group = DispatchGroup()
    private var result: Result<Value, any Error>?

    /// Starts `work`.
    init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        let thread = Thread {
            self.result = Result(catching: work)
            self.group.leave()
        }
        thread.start()
    }

    /// Waits for the work to finish; its value, or its error rethrown.
    func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
