/// Where a file's bytes go as they are made, front to back: a file being written (``StagedOutput/File``)
/// or memory (``MemorySink``). The draw streams `excluded.csv`, its largest output, into one.
///
/// A sink is written by one thread at a time, though not always the same one; the caller orders the
/// writes (see ``DrawJob/run(excludedTo:)``).
package protocol ByteSink: AnyObject, Sendable {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError)

    /// Ends the writing: a file is flushed to disk and closed. Nothing may be written after.
    func finish() throws(OutputError)
}

extension ByteSink {
    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws(OutputError) {
        var failure: OutputError?
        bytes.withUnsafeBytes { buffer in
            do throws(OutputError) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// A sink that keeps what is written, for tests and for `verify`, which compares bytes.
package final class MemorySink: ByteSink, @unchecked Sendable {
    // Written by one thread at a time, each write ordered after the last by the writer's lock; read once
    // the writing is over.
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }

    /// Does nothing: the bytes stay readable.
    package func finish() {}
}
