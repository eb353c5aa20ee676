import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output directory built in a hidden temporary sibling of its target and moved into place whole:
/// ``OutputDirectory``'s way of writing, open to files that are written as they are made.
///
/// ```swift
/// let staged = try StagedOutput(directory: "draw-2024-06", replacingExisting: force, marker: "draw.json")
/// let excluded = try staged.createFile("excluded.csv")
/// try excluded.write(bytes)                // as often as needed, then:
/// try excluded.finish()
/// try staged.addFile("draw.json", bytes: record)
/// try staged.commit()
/// ```
///
/// Creating a staged output checks the target at once (so that a run learns before its work, not after,
/// that the target exists) and makes the temporary directory. Nothing appears at the target until
/// ``commit()``, which flushes everything to disk and renames the directory into place, replacing an
/// earlier output as ``OutputDirectory`` describes. ``discard()``, a failed commit, or releasing a staged
/// output that was never committed deletes the temporary directory; so does an interrupt, once
/// ``InterruptCleanup/install()`` was called. A temporary directory left by a process that was killed
/// outright is deleted by the next staged output for the same target.
package final class StagedOutput: @unchecked Sendable {
    // Used from one thread at a time: files may be written from other threads, but are created,
    // finished and committed by the owner.
    private let target: SplitPath
    private let replacingExisting: Bool
    private let marker: String
    /// The temporary directory's path.
    let temporary: String
    private var names: [String] = []
    private var openFiles: [File] = []
    private var isOpen = true

    /// Checks `directory` and creates the temporary directory beside it.
    ///
    /// - Throws: ``OutputError``: `alreadyExists` when `directory` exists and `replacingExisting` is
    ///   false; `unrecognisedDirectory`, `notADirectory`, `invalidName`, `missingParent` or
    ///   `systemCallFailed` as for ``OutputDirectory/write(_:to:replacingExisting:marker:)``.
    package init(directory: String, replacingExisting: Bool, marker: String) throws(OutputError) {
        target = try SplitPath(directory)
        self.replacingExisting = replacingExisting
        self.marker = marker
        if try OutputDirectory.isEarlierOutput(target, marker: marker), !replacingExisting {
            throw OutputError(.alreadyExists, path: target.path, message: "already exists")
        }
        Self.removeAbandonedTemporaries(of: target)
        // Registered before it exists, so that an interrupt arriving just after `mkdir` still finds it.
        temporary = try OutputDirectory.createUniqueSibling(of: target, kind: "tmp") { candidate in
            InterruptCleanup.register(candidate)
            if mkdir(candidate, 0o755) == 0 { return 0 }
            let failure = errno
            InterruptCleanup.unregister(candidate)
            return failure
        }
    }

    deinit {
        if isOpen { discard() }
    }

    /// Deletes the `.<name>.tmp-<pid>-<host>-…` siblings of `target` that this machine's processes
    /// left and that no longer run (killed, or crashed, while they built an output). Those of running
    /// processes, those of other machines (on a shared drive, where a pid means nothing here), and the
    /// `.<name>.old-…` directories, which may hold the only copy of an earlier output, are kept.
    static func removeAbandonedTemporaries(of target: SplitPath) {
        let prefix = ".\(target.name).tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: target.parent) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == OutputDirectory.hostTag, let pid = pid_t(parts[0]), pid > 0, pid != getpid()
            else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                OutputDirectory.removeTree(target.sibling(entry))
            }
        }
    }

    /// Creates file `name` in the staged directory, to be written with ``File/write(_:)`` and ended
    /// with ``File/finish()`` before ``commit()``.
    ///
    /// - Throws: ``OutputError``: `invalidName` for a name that is not one path component or was used
    ///   already; `systemCallFailed` when the file cannot be created.
    package func createFile(_ name: String) throws(OutputError) -> File {
        precondition(isOpen, "the staged output was committed or discarded")
        try OutputDirectory.validateNames(names + [name], directory: target.path)
        let path = temporary + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputDirectory.failure("cannot create the file", path: path, errorNumber: errno)
        }
        names.append(name)
        let file = File(descriptor: descriptor, path: path)
        openFiles.append(file)
        return file
    }

    /// Writes file `name` whole, flushed to disk.
    package func addFile(_ name: String, bytes: [UInt8]) throws(OutputError) {
        let file = try createFile(name)
        try file.write(bytes)
        try file.finish()
    }

    /// Moves the staged directory to the target, replacing an earlier output if that was allowed.
    ///
    /// Every file must be finished, and one of them must be the marker. On failure the temporary
    /// directory is deleted and the target is as it was.
    package func commit() throws(OutputError) {
        try commit(strategy: .exchange, after: { _ throws(OutputError) in })
    }

    /// Deletes the temporary directory and everything in it; the target is untouched.
    package func discard() {
        guard isOpen else { return }
        isOpen = false
        InterruptCleanup.exclusively {
            OutputDirectory.removeTree(temporary)
            InterruptCleanup.unregister(temporary)
        }
    }

    func commit(
        strategy: OutputDirectory.ReplaceStrategy, after step: (OutputDirectory.Step) throws(OutputError) -> Void
    ) throws(OutputError) {
        precondition(isOpen, "the staged output was committed or discarded")
        precondition(names.contains(marker), "the marker file must be one of the files written")
        precondition(openFiles.allSatisfy(\.isFinished), "every file must be finished before the commit")
        OutputDirectory.syncDirectory(temporary)
        // Moved into place, and unregistered, while no interrupt is handled (see InterruptCleanup).
        try InterruptCleanup.exclusively { () throws(OutputError) in
            do throws(OutputError) {
                // Checked again: the target may have appeared, or changed, since the check in `init`.
                let exists = try OutputDirectory.isEarlierOutput(target, marker: marker)
                if exists, !replacingExisting {
                    throw OutputError(.alreadyExists, path: target.path, message: "already exists")
                }
                if exists {
                    try OutputDirectory.replace(target, with: temporary, strategy: strategy, after: step)
                } else if rename(temporary, target.path) != 0 {
                    let code = errno
                    if code == EEXIST || code == ENOTEMPTY {
                        throw OutputError(.alreadyExists, path: target.path, message: "already exists")
                    }
                    throw OutputDirectory.failure("cannot move the new output into place", path: target.path, errorNumber: code)
                }
            } catch {
                discard()
                throw error
            }
            isOpen = false
            InterruptCleanup.unregister(temporary)
        }
        OutputDirectory.syncDirectory(target.parent)
    }

    /// A file of a staged output, written front to back.
    package final class File: ByteSink, @unchecked Sendable {
        // `descriptor` is used by one thread at a time (see ``ByteSink``), and closed by `finish` or deinit.
        private var descriptor: Int32
        /// The file's path in the temporary directory, for error messages.
        package let path: String

        fileprivate init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        deinit {
            if descriptor >= 0 { close(descriptor) }
        }

        fileprivate var isFinished: Bool { descriptor < 0 }

        /// Appends `bytes` to the file.
        package func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
            precondition(descriptor >= 0, "the file was finished")
            try OutputDirectory.writeAll(bytes, to: descriptor, path: path)
        }

        /// Flushes the file to disk and closes it; on failure it is closed too.
        package func finish() throws(OutputError) {
            precondition(descriptor >= 0, "the file was finished")
            let descriptor = self.descriptor
            self.descriptor = -1
            try OutputDirectory.flushAndClose(descriptor, path: path)
        }
    }
}

extension StagedOutput {
    /// Writes `files` as the complete contents of `directory`, whole: staged in a hidden sibling and
    /// moved into place, replacing an earlier output only as ``init(directory:replacingExisting:marker:)``
    /// allows.
    ///
    /// - Parameters:
    ///   - files: names (single path components, unique) and contents; one must be named `marker`.
    /// - Throws: ``OutputError`` as for ``init(directory:replacingExisting:marker:)`` and ``commit()``.
    package static func write(
        _ files: [(name: String, bytes: [UInt8])], to directory: String, replacingExisting: Bool, marker: String
    ) throws(OutputError) {
        try OutputDirectory.write(files, to: directory, replacingExisting: replacingExisting, marker: marker)
    }

    /// Writes one file whole: `bytes` go to a temporary file beside `path`, flushed to disk and renamed
    /// over `path`, so readers see the old file or the new one, never part of either; an interrupt
    /// deletes the temporary file.
    ///
    /// - Throws: ``OutputError``: `notAFile` when `path` holds a directory, a symbolic link or another
    ///   non-regular file; `invalidName`, `missingParent`, or `systemCallFailed` naming the path.
    package static func writeFile(_ bytes: [UInt8], to path: String) throws(OutputError) {
        try OutputDirectory.writeFileAtomically(bytes, to: path)
    }
}
