#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a long list's bytes come from: a file read with `pread` (never mapped or held whole), or bytes
/// in memory (a UTF-16 file transcoded to UTF-8, or a test's input).
final class ByteSource: @unchecked Sendable {
    private enum Backing {
        case file(Int32)
        case memory([UInt8])
    }

    private let backing: Backing
    /// Total bytes.
    let count: Int

    init(path: String) throws(LongListError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw LongListError(ReadProblem(.cannotOpen, file: path, message: "cannot open the file: \(reason)"))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw LongListError(ReadProblem(.cannotOpen, file: path, message: "is not a regular file"))
        }
        backing = .file(fd)
        count = Int(info.st_size)
    }

    init(bytes: [UInt8]) {
        backing = .memory(bytes)
        count = bytes.count
    }

    deinit {
        if case .file(let fd) = backing { close(fd) }
    }

    /// Copies up to `length` bytes at `offset` into `destination`; returns how many were copied.
    func read(into destination: UnsafeMutableRawPointer, at offset: Int, length: Int) -> Int {
        let wanted = max(0, min(length, count - offset))
        guard wanted > 0 else { return 0 }
        switch backing {
        case .memory(let bytes):
            bytes.withUnsafeBytes { source in
                destination.copyMemory(from: source.baseAddress! + offset, byteCount: wanted)
            }
            return wanted
        case .file(let fd):
            var done = 0
            while done < wanted {
                let n = pread(fd, destination + done, wanted - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            return done
        }
    }

    /// The bytes in `range`.
    func bytes(in range: Range<Int>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            initialized = read(into: buffer.baseAddress!, at: range.lowerBound, length: range.count)
        }
    }
}

/// A growable read buffer with ``padding`` spare bytes past its end, so word loads near the end stay inside it.
struct ScanBuffer: ~Copyable {
    private(set) var storage: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Valid bytes from the start.
    var count = 0
    /// Readable bytes past ``capacity``, so that word loads (eight bytes in the scanner, sixteen in
    /// ``ValueTables``) from any valid byte stay inside the allocation.
    static var padding: Int { 16 }

    init(capacity: Int) {
        self.capacity = capacity
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity + Self.padding, alignment: 16)
        // memset rather than initializeMemory(as:repeating:count:), which a debug build runs a byte at a time.
        memset(storage, 0, capacity + Self.padding)
    }

    deinit { storage.deallocate() }

    /// Keeps bytes from `offset` on, moved to the start, and doubles the capacity if they fill it.
    mutating func keepTail(from offset: Int) {
        let tail = count - offset
        if offset > 0 && tail > 0 { storage.copyMemory(from: storage + offset, byteCount: tail) }
        count = tail
        if tail >= capacity {
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2 + Self.padding, alignment: 16)
            memset(bigger, 0, capacity * 2 + Self.padding)
            bigger.copyMemory(from: storage, byteCount: tail)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
    }

    /// Fills the free space from `source` starting at `offset`; returns the bytes added.
    mutating func fill(from source: ByteSource, at offset: Int) -> Int {
        let n = source.read(into: storage + count, at: offset, length: capacity - count)
        count += n
        return n
    }

    /// The valid bytes. Valid until the buffer is next filled, grown or destroyed; internal to the reader.
    var unsafeBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    /// The valid bytes, for the duration of `body`.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }
}
