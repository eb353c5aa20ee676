import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a run's output files so that a reader, or a crash, never sees half a set.
///
/// ``write(_:to:replacingExisting:marker:)`` writes every file into a fresh hidden sibling of the
/// target, `.<name>.tmp-<pid>-<random>`, flushes each to disk, and only then moves the whole directory
/// into place with `rename(2)`, which is atomic within a file system. An existing target is replaced
/// only when the caller allows it and only when it contains the marker file (such as `draw.json`) that
/// every output written this way contains, so a directory of someone's own files is never deleted.
///
/// ```swift
/// try OutputDirectory.write(
///     [(name: "draw.json", bytes: draw.serializedBytes()), (name: "sample.csv", bytes: csv.bytes)],
///     to: "results/2024-06", replacingExisting: force, marker: "draw.json")
/// ```
///
/// ### Replacing
///
/// On Linux the old and new directories are swapped in one step with `renameat2(RENAME_EXCHANGE)`, so
/// the target path always holds the complete old set or the complete new set, and the old set is then
/// deleted. Where that call is missing or the file system does not support it (and on other systems),
/// the old directory is first renamed aside to `.<name>.old-<pid>-<random>` and the new one renamed in:
/// for that moment the path is absent, but it never holds a mixture, and a crash in between leaves the
/// old set whole in the `.old-` directory.
///
/// On any failure before the swap the temporary directory is removed and the target is untouched. The
/// parent directory must already exist. Failing to delete the replaced set, or to flush a directory
/// entry, is not reported: by then the new set is in place.
struct OutputDirectory: Sendable {
    /// Writes `files` as the complete contents of `directory`, atomically.
    ///
    /// - Parameters:
    ///   - files: names (single path components, unique) and contents; one must be named `marker`.
    ///   - directory: the directory to create or replace.
    ///   - replacingExisting: whether an existing output at `directory` may be replaced.
    ///   - marker: a file name that identifies a directory as one this type wrote.
    /// - Throws: ``OutputError``: `alreadyExists` when `directory` exists and `replacingExisting` is
    ///   false; `unrecognisedDirectory` when it is a directory without `marker`; `notADirectory` when it is
    ///   a file or symbolic link; `invalidName`, `missingParent`, or `systemCallFailed` naming the path.
    static func write(
        _ files: [(name: String, bytes: [UInt8])], to directory: String, replacingExisting: Bool,
        marker: String
    ) throws(OutputError) {
        try write(
            files, to: directory, replacingExisting: replacingExisting, marker: marker, strategy: .exchange,
            after: { _ throws(OutputError) in })
    }

    /// Writes `bytes` to `path` through a temporary file in the same directory, flushed to disk and then
    /// renamed over `path`, so readers see the old file or the new one, never part of either.
    ///
    /// The new file has mode 0644 less the umask; an existing file's permissions are not kept.
    ///
    /// - Throws: ``OutputError``: `notAFile` when `path` holds a directory, a symbolic link or another
    ///   non-regular file; `invalidName`, `missingParent`, or `systemCallFailed` naming the path.
    static func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let target = try SplitPath(path)
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw OutputError(
                    .notAFile, path: path, message: "exists and is not a regular file; refusing to replace it")
            }
        } else {
            try checkAbsence(of: target, errorNumber: errno)
        }
        var descriptor: Int32 = -1
        let temporary = try createUniqueSibling(of: target, kind: "tmp") { candidate in
            descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            return descriptor >= 0 ? 0 : errno
        }
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(temporary) }
        do throws(OutputError) {
            try writeAndClose(bytes, to: descriptor, path: temporary)
            try InterruptCleanup.exclusively { () throws(OutputError) in
                guard rename(temporary, path) == 0 else {
                    throw failure("cannot move the new file into place", path: path, errorNumber: errno)
                }
            }
        } catch {
            unlink(temporary)
            throw error
        }
        syncDirectory(target.parent)
    }

    // MARK: Implementation

    /// How an existing target is replaced; tests force the fallback.
    enum ReplaceStrategy {
        /// Swap with `renameat2(RENAME_EXCHANGE)` where available, else rename aside.
        case exchange
        /// Rename the old directory aside, then the new one in.
        case renameAside
    }

    /// Points at which tests may inject a failure.
    enum Step: Equatable {
        case wroteFile(Int)
        case movedOldAside
    }

    static func write(
        _ files: [(name: String, bytes: [UInt8])], to directory: String, replacingExisting: Bool,
        marker: String, strategy: ReplaceStrategy, after step: (Step) throws(OutputError) -> Void
    ) throws(OutputError) {
        precondition(files.contains { $0.name == marker }, "the marker file must be one of the files written")
        _ = try SplitPath(directory)
        try validateNames(files.map(\.name), directory: directory)
        let staged = try StagedOutput(directory: directory, replacingExisting: replacingExisting, marker: marker)
        do throws(OutputError) {
            for (index, file) in files.enumerated() {
                try staged.addFile(file.name, bytes: file.bytes)
                try step(.wroteFile(index))
            }
        } catch {
            staged.discard()
            throw error
        }
        try staged.commit(strategy: strategy, after: step)
    }

    /// Puts the complete directory at `temporary` where `target` is, then deletes the old set.
    static func replace(
        _ target: SplitPath, with temporary: String, strategy: ReplaceStrategy,
        after step: (Step) throws(OutputError) -> Void
    ) throws(OutputError) {
        if strategy == .exchange, let exchange = renameExchange {
            if exchange(AT_FDCWD, temporary, AT_FDCWD, target.path, renameExchangeFlag) == 0 {
                removeTree(temporary)  // now the old set
                return
            }
            let code = errno
            guard code == EINVAL || code == ENOSYS || code == EOPNOTSUPP else {
                throw failure("cannot swap in the new output", path: target.path, errorNumber: code)
            }
        }
        // An empty directory reserves the name; renaming a directory onto an empty one replaces it.
        let aside = try createUniqueSibling(of: target, kind: "old") { candidate in
            mkdir(candidate, 0o700) == 0 ? 0 : errno
        }
        guard rename(target.path, aside) == 0 else {
            let code = errno
            rmdir(aside)
            throw failure("cannot move the earlier output aside", path: target.path, errorNumber: code)
        }
        do throws(OutputError) {
            try step(.movedOldAside)
            guard rename(temporary, target.path) == 0 else {
                throw failure("cannot move the new output into place", path: target.path, errorNumber: errno)
            }
        } catch {
            rename(aside, target.path)
            throw error
        }
        removeTree(aside)
    }

    /// Whether `target` is an earlier output; false when nothing is there.
    static func isEarlierOutput(_ target: SplitPath, marker: String) throws(OutputError) -> Bool {
        var info = stat()
        guard lstat(target.path, &info) == 0 else {
            try checkAbsence(of: target, errorNumber: errno)
            return false
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            break
        case S_IFLNK:
            throw OutputError(
                .notADirectory, path: target.path,
                message: "is a symbolic link, not a directory; refusing to replace it")
        default:
            throw OutputError(
                .notADirectory, path: target.path, message: "exists and is not a directory; refusing to replace it")
        }
        var markerInfo = stat()
        guard lstat(target.path + "/" + marker, &markerInfo) == 0, markerInfo.st_mode & S_IFMT == S_IFREG else {
            throw OutputError(
                .unrecognisedDirectory, path: target.path,
                message: "is a directory without \(marker), so it is not an earlier output; refusing to replace it")
        }
        return true
    }

    /// Throws unless `lstat` failed because the target is absent and its parent directory exists.
    static func checkAbsence(of target: SplitPath, errorNumber: Int32) throws(OutputError) {
        guard errorNumber == ENOENT else {
            throw failure("cannot inspect the path", path: target.path, errorNumber: errorNumber)
        }
        var info = stat()
        guard stat(target.parent, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError(
                .missingParent, path: target.path,
                message: "the directory \(target.parent) that should hold it does not exist")
        }
    }

    static func validateNames(_ names: [String], directory: String) throws(OutputError) {
        var seen: Set<String> = []
        for name in names {
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0") else {
                throw OutputError(
                    .invalidName, path: directory + "/" + name,
                    message: "file names must be one path component, without '/' or NUL, and not '.' or '..'")
            }
            guard seen.insert(name).inserted else {
                throw OutputError(
                    .invalidName, path: directory + "/" + name, message: "the same file name is given twice")
            }
        }
    }

    /// Creates `.<name>.<kind>-<pid>-<host>-<random>` beside the target with `create`, which returns 0
    /// or an errno; a name already taken is retried with another random part. `<host>` is
    /// ``hostTag``, so that a process can tell its own machine's entries from another's on a shared drive.
    static func createUniqueSibling(
        of target: SplitPath, kind: String, _ create: (String) -> Int32
    ) throws(OutputError) -> String {
        var code: Int32 = EEXIST
        var candidate = ""
        for _ in 0..<16 where code == EEXIST {
            let random = String(UInt32.random(in: .min ... .max), radix: 16)
            candidate = target.sibling(".\(target.name).\(kind)-\(getpid())-\(hostTag)-\(random)")
            code = create(candidate)
        }
        guard code == 0 else {
            throw failure("cannot create a temporary entry", path: candidate, errorNumber: code)
        }
        return candidate
    }

    /// This machine's name as 8 hexadecimal digits (FNV-1a of `gethostname`), for temporary names.
    static let hostTag: String = {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count - 1) == 0 ? name.prefix { $0 != 0 } : []
        var hash: UInt32 = 0x811C_9DC5
        for byte in host { hash = (hash ^ UInt32(UInt8(bitPattern: byte))) &* 0x0100_0193 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }()

    /// Writes all of `bytes`, flushes them to disk and closes the descriptor, which is closed on failure too.
    private static func writeAndClose(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(OutputError) {
        var failure: OutputError?
        bytes.withUnsafeBytes { buffer in
            do throws(OutputError) { try writeAll(buffer, to: descriptor, path: path) } catch { failure = error }
        }
        if let failure {
            close(descriptor)
            throw failure
        }
        try flushAndClose(descriptor, path: path)
    }

    /// Writes all of `bytes` to `descriptor`, retrying after interruptions.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write the file", path: path, errorNumber: errno)
            }
            offset += written
        }
    }

    /// Flushes `descriptor` to disk and closes it; it is closed on failure too.
    static func flushAndClose(_ descriptor: Int32, path: String) throws(OutputError) {
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw failure("cannot flush the file to disk", path: path, errorNumber: code)
        }
        guard close(descriptor) == 0 else {
            throw failure("cannot close the file", path: path, errorNumber: errno)
        }
    }

    /// Flushes a directory's entries to disk; best effort, as some file systems refuse it.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Deletes a directory this type created or replaced, with everything in it; best effort.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func failure(_ action: String, path: String, errorNumber: Int32) -> OutputError {
        OutputError(.systemCallFailed, path: path, message: "\(action): \(String(cString: strerror(errorNumber)))")
    }
}

/// A target path split into its parent directory and last component; trailing slashes are ignored.
struct SplitPath {
    let path: String
    let parent: String
    let name: String

    init(_ raw: String) throws(OutputError) {
        var path = raw
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if let slash = path.lastIndex(of: "/") {
            parent = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            parent = "."
            name = path
        }
        guard !name.isEmpty, name != ".", name != ".." else {
            throw OutputError(
                .invalidName, path: raw, message: "does not name a file or directory that can be replaced")
        }
        self.path = path
    }

    func sibling(_ name: String) -> String {
        parent == "/" ? "/" + name : parent + "/" + name
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}

/// `renameat2`, looked up at run time because Swift's Glibc module does not declare it; nil elsewhere
/// or on a C library older than glibc 2.28.
private typealias RenameAt2 =
    @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

/// `RENAME_EXCHANGE` from `<linux/fs.h>`.
private let renameExchangeFlag: UInt32 = 1 << 1

private let renameExchange: RenameAt2? = {
    #if os(Linux)
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: RenameAt2.self)
    #else
    return nil
    #endif
}()
