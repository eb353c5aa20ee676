import Dispatch

/// A SHA-256 computed on a thread of its own from chunks handed to it in order: for hashing a file
/// while it is still being built.
///
/// ```swift
/// let digest = BackgroundDigest()
/// digest.absorb(Array(bytes[0..<n]))     // returns at once; hashed on another thread
/// digest.absorb(Array(bytes[n...]))
/// digest.finish()                        // waits, then the hex digest of all chunks in order
/// ```
///
/// Each chunk is an array of its own, so the caller may go on changing the buffer it was copied from.
/// At most `maxPendingChunks` chunks wait to be hashed; ``absorb(_:)`` blocks while that many do, which
/// bounds the memory they hold.
final class BackgroundDigest: @unchecked Sendable {
    // `hasher` is touched only on `queue`, which runs one block at a time.
    private let queue = DispatchQueue(label: "casesample.background-digest")
    private let slots: DispatchSemaphore
    private var hasher = SHA256()

    /// A digest of nothing yet.
    init(maxPendingChunks: Int = 16) {
        precondition(maxPendingChunks > 0, "at least one chunk must be able to wait")
        slots = DispatchSemaphore(value: maxPendingChunks)
    }

    /// Queues `chunk` to be hashed after every chunk absorbed before it.
    func absorb(_ chunk: [UInt8]) {
        slots.wait()
        queue.async {
            self.hasher.update(chunk)
            self.slots.signal()
        }
    }

    /// Waits until every chunk is hashed; the hexadecimal digest of their concatenation.
    func finish() -> String {
        queue.sync { hasher.hexDigest() }
    }
}
