import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deletes the temporary directories of ``StagedOutput``s still being built when the process is
/// interrupted (SIGINT, SIGTERM or SIGHUP), then lets the signal end the process as it would have.
///
/// A command-line tool calls ``install()`` once at start. A signal the process was started with
/// ignored (as `nohup` does for SIGHUP, or a shell for SIGINT in a background job) stays ignored.
/// Without `install`, or after SIGKILL or a crash, the hidden `.<name>.tmp-…` directory stays; the
/// next ``StagedOutput`` for the same target deletes it once its process is gone.
///
/// The handler holds a lock from the moment it starts until the signal ends the process, and a
/// staged output is moved into place (``exclusively(_:)``) or discarded under the same lock: an
/// output is therefore either committed whole, with its temporary directory no longer registered,
/// or deleted whole, never caught half-way.
///
/// ```swift
/// InterruptCleanup.install()
/// ```
package enum InterruptCleanup {
    /// Handles the signals from now on; calling it again does nothing.
    package static func install() {
        registry.install()
    }

    /// If an interrupt is being handled, waits for it to end the process; otherwise returns at once.
    ///
    /// The cleanup deletes files that the interrupted work may still be writing, so that work can fail
    /// on its way out. A tool calls this before reporting an error, so that such a failure is not
    /// reported as the run's outcome: the signal is.
    package static func holdIfInterrupted() {
        // While an interrupt is handled the lock is never released: this waits until the process ends.
        registry.exclusively {}
    }

    /// Runs `body` while no interrupt can be handled; if one is being handled, waits for it to end the
    /// process instead.
    static func exclusively<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        try registry.exclusively(body)
    }

    static func register(_ path: String) { registry.exclusively { _ = registry.paths.insert(path) } }

    static func unregister(_ path: String) { registry.exclusively { _ = registry.paths.remove(path) } }

    private static let registry = Registry()

    private final class Registry: @unchecked Sendable {
        // `paths` and `sources` are read and written only while `lock` is held. The lock is recursive
        // so that work done exclusively can register and unregister paths.
        private let lock = NSRecursiveLock()
        var paths: Set<String> = []
        private var sources: [any DispatchSourceSignal] = []

        func exclusively<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body()
        }

        func install() {
            exclusively {
                guard sources.isEmpty else { return }
                for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                    // The default action is kept off so that the source, on a queue of its own, sees
                    // the signal; a signal that was ignored when the process started stays so.
                    let previous = signal(signalNumber, SIG_IGN)
                    if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
                    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                    source.setEventHandler { [self] in handle(signalNumber) }
                    source.resume()
                    sources.append(source)
                }
            }
        }

        /// Deletes every registered path and ends the process by `signalNumber`, holding the lock
        /// throughout, so that no commit or discard runs meanwhile.
        private func handle(_ signalNumber: Int32) -> Never {
            lock.lock()
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
            // Dispatch blocks the signal in every thread and reads it from a descriptor, so it ends
            // the process only when sent to a thread that unblocks it: this one.
            signal(signalNumber, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signalNumber)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(signalNumber)
            // Not reached: the signal's default action ends the process.
            while true { pause() }
        }
    }
}
