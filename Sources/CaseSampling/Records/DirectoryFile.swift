#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// A file of a draw or final-sample directory, read only when it is a regular file inside that
/// directory.
///
/// The names come from the records (`draw.json` lists its outputs by name), which a person can edit,
/// so every name is checked to be one plain file name (no `/`, no `..`, not absolute), and the file is
/// opened without following a symbolic link and without blocking (a FIFO put in place of an output
/// would otherwise stop `verify` for ever), then checked to be a regular file before a byte is read.
///
/// ```swift
/// switch DirectoryFile.read("provisional.csv", in: "draw-2024-06") {
/// case .success(let bytes): …
/// case .failure(let failure): print("draw-2024-06/provisional.csv: \(failure)")
/// }
/// ```
enum DirectoryFile {
    /// Why a file of the directory is not read.
    enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The name is not a single plain file name.
        case invalidName
        case missing
        case symbolicLink
        /// A directory, FIFO, socket or device; the payload says which.
        case notRegular(String)
        /// Any other failure of `open`, `fstat` or `read`, with `errno`.
        case unreadable(Int32)

        var description: String {
            switch self {
            case .invalidName:
                "is not a plain file name: a record names only files inside its own directory (no '/', no '..')"
            case .missing: "missing"
            case .symbolicLink: "is a symbolic link; the files of a casesample directory must be regular files inside it"
            case .notRegular(let kind): "is \(kind), not a regular file"
            case .unreadable(let code): "cannot read it (\(String(cString: strerror(code))))"
            }
        }
    }

    /// Whether `name` can name a file directly inside a directory: one path component, not `.` or `..`.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(UInt8(ascii: "/")) && !name.utf8.contains(0)
    }

    /// Opens `directory/name` for reading: a descriptor of a regular file, which the caller closes.
    static func open(_ name: String, in directory: String) -> Result<Int32, Failure> {
        guard isPlainName(name) else { return .failure(.invalidName) }
        let path = directory + "/" + name
        let descriptor = path.withCString { systemOpen($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: return .failure(.missing)
            case ELOOP: return .failure(.symbolicLink)
            case ENXIO: return .failure(.notRegular("a socket or a FIFO with no writer"))
            default: return .failure(.unreadable(code))
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            return .failure(.unreadable(code))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(descriptor)
            return .failure(.notRegular(Self.describe(type: type)))
        }
        // Reads of a regular file never block; clear the flag all the same.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return .success(descriptor)
    }

    /// The whole of `directory/name`, when it is a regular file inside the directory.
    static func read(_ name: String, in directory: String) -> Result<[UInt8], Failure> {
        let descriptor: Int32
        switch open(name, in: directory) {
        case .success(let d): descriptor = d
        case .failure(let failure): return .failure(failure)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_size > 0 { bytes.reserveCapacity(Int(info.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(errno))
            }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
        }
    }

    /// Whether `directory/name` is a regular file inside the directory (it is not read).
    static func isRegularFile(_ name: String, in directory: String) -> Bool {
        guard case .success(let descriptor) = open(name, in: directory) else { return false }
        close(descriptor)
        return true
    }

    static func describe(type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }
}

// The C functions, by names that do not clash with this type's own `open` and `read`.
private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags)
    #elseif canImport(Darwin)
    Darwin.open(path, flags)
    #else
    Musl.open(path, flags)
    #endif
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #elseif canImport(Darwin)
    Darwin.read(descriptor, buffer, count)
    #else
    Musl.read(descriptor, buffer, count)
    #endif
}
