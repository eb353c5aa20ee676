#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to write the long list; each says what went wrong and where.
enum OutputError: Error, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    var description: String {
        switch self {
        case let .cannotCreate(path, reason): "cannot create '\(path)': \(reason)"
        case let .cannotWrite(path, reason): "cannot write '\(path)': \(reason)"
        }
    }

    /// `sysexits.h`: `EX_CANTCREAT` (73) or `EX_IOERR` (74).
    var exitCode: Int32 {
        switch self {
        case .cannotCreate: 73
        case .cannotWrite: 74
        }
    }
}

/// Where the long list goes: standard output, or a file that appears only when complete.
///
/// A file is written under a temporary name beside it, `PATH.casesample-gen-PID.tmp`, and renamed
/// to `PATH` by ``finish()``; a failed run removes the temporary file, so `PATH` is either the old
/// file or the whole new one. Writes go straight to `fwrite` in the large chunks the caller makes.
struct OutputFile: ~Copyable {
    /// The path as given (`-` for standard output), for messages.
    let path: String
    private let temporaryPath: String?
    private let stream: UnsafeMutablePointer<FILE>

    /// - Parameter path: a file path, or `-` for standard output.
    init(path: String) throws(OutputError) {
        let temporaryPath = path == "-" ? nil : "\(path).casesample-gen-\(getpid()).tmp"
        let stream = if let temporaryPath {
            fopen(temporaryPath, "wb")
        } else {
            fdopen(STDOUT_FILENO, "wb")
        }
        guard let stream else {
            throw .cannotCreate(path: temporaryPath == nil ? "standard output" : path, reason: Self.lastErrorText())
        }
        self.path = path
        self.temporaryPath = temporaryPath
        self.stream = stream
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(OutputError) {
        let written = bytes.withUnsafeBufferPointer { buffer in
            fwrite(buffer.baseAddress, 1, buffer.count, stream)
        }
        guard written == bytes.count else {
            throw .cannotWrite(path: displayPath, reason: Self.lastErrorText())
        }
    }

    /// Flushes and closes the stream, then renames a file into place.
    consuming func finish() throws(OutputError) {
        let flushed = fflush(stream) == 0 && ferror(stream) == 0
        let flushError = Self.lastErrorText()
        let closed = fclose(stream) == 0
        guard flushed, closed else {
            if let temporaryPath { unlink(temporaryPath) }
            throw .cannotWrite(path: displayPath, reason: flushed ? Self.lastErrorText() : flushError)
        }
        if let temporaryPath, rename(temporaryPath, path) != 0 {
            let reason = Self.lastErrorText()
            unlink(temporaryPath)
            throw .cannotCreate(path: path, reason: reason)
        }
    }

    /// Closes the stream and removes a temporary file, after a failure.
    consuming func abandon() {
        fclose(stream)
        if let temporaryPath { unlink(temporaryPath) }
    }

    private var displayPath: String { path == "-" ? "standard output" : path }

    private static func lastErrorText() -> String { String(cString: strerror(errno)) }
}
