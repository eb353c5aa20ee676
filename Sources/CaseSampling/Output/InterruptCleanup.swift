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
/// A command-line tool calls ``install()`` once at start. Without it, or after SIGKILL or a crash, the
/// hidden `.<name>.tmp-<pid>-…` directory stays; the next ``StagedOutput`` for the same target deletes
/// it once its process is gone.
///
/// ```swift
/// InterruptCleanup.install()
/// ```
public enum InterruptCleanup {
    /// Handles the signals from now on; calling it again does nothing.
    public static func install() {
        registry.install()
    }

    /// If an interrupt is being handled, waits for it to end the process; otherwise returns at once.
    ///
    /// The cleanup deletes files that the interrupted work may still be writing, so that work can fail
    /// on its way out. A tool calls this before reporting an error, so that such a failure is not
    /// reported as the run's outcome: the signal is.
    public static func holdIfInterrupted() {
        guard registry.isInterrupted else { return }
        while true { sleep(1) }
    }

    static func register(_ path: String) { registry.update { $0.insert(path) } }

    static func unregister(_ path: String) { registry.update { $0.remove(path) } }

    private static let registry = Registry()

    private final class Registry: @unchecked Sendable {
        // `paths`, `interrupted` and `sources` are read and written only while `lock` is held.
        private let lock = NSLock()
        private var paths: Set<String> = []
        private var interrupted = false

        var isInterrupted: Bool { lock.withLock { interrupted } }
        private var sources: [any DispatchSourceSignal] = []

        func update(_ change: (inout Set<String>) -> Void) {
            lock.withLock { change(&paths) }
        }

        func install() {
            lock.withLock {
                guard sources.isEmpty else { return }
                for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                    // The default action is kept off so that the source, on a queue of its own, sees it.
                    signal(signalNumber, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                    source.setEventHandler { [self] in
                        let pending = lock.withLock {
                            interrupted = true
                            return paths
                        }
                        for path in pending { try? FileManager.default.removeItem(atPath: path) }
                        // Dispatch blocks the signal in every thread and reads it from a descriptor,
                        // so it ends the process only when sent to a thread that unblocks it: this one.
                        signal(signalNumber, SIG_DFL)
                        var set = sigset_t()
                        sigemptyset(&set)
                        sigaddset(&set, signalNumber)
                        pthread_sigmask(SIG_UNBLOCK, &set, nil)
                        raise(signalNumber)
                    }
                    source.resume()
                    sources.append(source)
                }
            }
        }
    }
}
