import Foundation
import Synchronization

/// A sink that compares the bytes written to it with a file already in a directory, as they come,
/// so that `verify` checks `excluded.csv` (hundreds of megabytes at millions of rows) without holding
/// either copy whole.
///
/// The verdict after ``finish()`` is what ``Verification/file(named:in:holds:)`` and
/// ``Verification/describeDifference(_:_:)`` would say of the whole bytes: the same file failures,
/// and for a difference the same first line and line counts.
final class ComparingSink: ByteSink {
    /// What the comparison found.
    enum Verdict: Equatable, Sendable {
        case same
        /// The file differs; the text says where, as ``Verification/describeDifference(_:_:)`` does.
        case differs(String)
        case failure(DirectoryFile.Failure)
    }

    private struct State {
        var descriptor: Int32?
        var failure: DirectoryFile.Failure?
        /// Bytes written so far (the expected file's offset).
        var offset = 0
        /// Line feeds in the bytes both files share, up to the first difference.
        var sharedLineFeeds = 0
        /// Where the files first differ: the line (counted from 0) and the line feeds each file had up to there.
        var firstDifference: (line: Int, foundLineFeeds: Int, expectedLineFeeds: Int)?
        /// Once they differ: how far the file's line feeds have been counted.
        var foundCounted = 0
        var finished = false
    }

    private let state: Mutex<State>

    /// Opens `directory/name` for the comparison; a file that cannot be opened is the verdict.
    init(comparingWith name: String, in directory: String) {
        var initial = State()
        switch DirectoryFile.open(name, in: directory) {
        case .success(let descriptor): initial.descriptor = descriptor
        case .failure(let failure): initial.failure = failure
        }
        state = Mutex(initial)
    }

    deinit {
        state.withLock { if let descriptor = $0.descriptor { close(descriptor) } }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        state.withLock { state in
            guard state.failure == nil, let descriptor = state.descriptor, bytes.count > 0 else { return }
            if state.firstDifference != nil {
                state.firstDifference!.expectedLineFeeds += Self.lineFeeds(in: bytes)
                state.offset += bytes.count
                return
            }
            let found = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
            defer { found.deallocate() }
            let count: Int
            switch Self.read(descriptor, into: found, at: state.offset) {
            case .success(let n): count = n
            case .failure(let failure):
                state.failure = failure
                return
            }
            let same = Self.sharedPrefix(found.baseAddress!, bytes.baseAddress!, count)
            let prefix = UnsafeRawBufferPointer(rebasing: bytes[..<same])
            if same == bytes.count {
                state.sharedLineFeeds += Self.lineFeeds(in: prefix)
            } else {
                // The files part at `same`: one ended, or the bytes differ.
                let shared = state.sharedLineFeeds + Self.lineFeeds(in: prefix)
                let rest = UnsafeRawBufferPointer(rebasing: bytes[same...])
                let foundRest = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(found)[same..<count])
                state.firstDifference = Self.difference(
                    sharedLineFeeds: shared, foundNext: count > same ? found[same] : nil, expectedNext: bytes[same])
                state.firstDifference!.foundLineFeeds = shared + Self.lineFeeds(in: foundRest)
                state.firstDifference!.expectedLineFeeds = shared + Self.lineFeeds(in: rest)
                state.foundCounted = state.offset + count
            }
            state.offset += bytes.count
        }
    }

    func finish() throws(OutputError) {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            guard state.failure == nil, let descriptor = state.descriptor else { return }
            // What the file holds past the expected bytes, or, once they differ, past what was counted.
            let from = state.firstDifference == nil ? state.offset : state.foundCounted
            var extra = 0, extraLineFeeds = 0, firstExtra: UInt8?
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { chunk.deallocate() }
            while true {
                switch Self.read(descriptor, into: chunk, at: from + extra) {
                case .failure(let failure):
                    state.failure = failure
                    return
                case .success(0):
                    break
                case .success(let n):
                    if firstExtra == nil { firstExtra = chunk[0] }
                    extraLineFeeds += Self.lineFeeds(in: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(chunk)[..<n]))
                    extra += n
                    continue
                }
                break
            }
            if state.firstDifference != nil {
                state.firstDifference!.foundLineFeeds += extraLineFeeds
            } else if let firstExtra {
                state.firstDifference = Self.difference(sharedLineFeeds: state.sharedLineFeeds, foundNext: firstExtra, expectedNext: nil)
                state.firstDifference!.foundLineFeeds = state.sharedLineFeeds + extraLineFeeds
                state.firstDifference!.expectedLineFeeds = state.sharedLineFeeds
            }
        }
    }

    /// The verdict, once ``finish()`` has run.
    var verdict: Verdict {
        state.withLock { state in
            if let failure = state.failure { return .failure(failure) }
            guard let difference = state.firstDifference else { return .same }
            return .differs("differs from a re-run of the draw, first at line \(difference.line + 1) "
                + "(\(difference.foundLineFeeds + 1) lines found, \(difference.expectedLineFeeds + 1) expected)")
        }
    }

    /// The line (from 0) where two byte streams first differ, after `sharedLineFeeds` line feeds in
    /// common: the next line when one stream ends where the other has a line feed (the line before is
    /// then whole in both), else the current one.
    private static func difference(
        sharedLineFeeds: Int, foundNext: UInt8?, expectedNext: UInt8?
    ) -> (line: Int, foundLineFeeds: Int, expectedLineFeeds: Int) {
        let endsAgainstLineFeed = (foundNext == nil && expectedNext == 0x0A) || (expectedNext == nil && foundNext == 0x0A)
        return (sharedLineFeeds + (endsAgainstLineFeed ? 1 : 0), 0, 0)
    }

    private static func lineFeeds(in bytes: UnsafeRawBufferPointer) -> Int {
        guard var next = bytes.baseAddress else { return 0 }
        let end = next + bytes.count
        var count = 0
        while next < end, let found = memchr(next, 0x0A, end - next) {
            count += 1
            next = UnsafeRawPointer(found) + 1
        }
        return count
    }

    /// How many of the first `count` bytes of `a` and `b` are the same before the first that differs.
    private static func sharedPrefix(_ a: UnsafeMutableRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int {
        if memcmp(a, b, count) == 0 { return count }
        var index = 0
        while a.load(fromByteOffset: index, as: UInt8.self) == b.load(fromByteOffset: index, as: UInt8.self) { index += 1 }
        return index
    }

    /// Reads up to `buffer.count` bytes at `offset`, fewer only at the end of the file.
    private static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Result<Int, DirectoryFile.Failure> {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .failure(.unreadable(errno)) }
            if n == 0 { break }
            done += n
        }
        return .success(done)
    }
}
