import CaseSampling
import Foundation

/// Shows ``ReadingProgress`` on standard error while a job reads a large long list, when standard
/// error is a terminal and `--quiet` was not given; silent otherwise (pipes, files, CI logs).
///
/// It counts the bytes the process has read (`rchar` in Linux's `/proc/self/io`; the reader reads
/// with `pread`), so it needs no hook in the reader. Where `/proc/self/io` is missing it shows nothing.
final class ProgressReporter: @unchecked Sendable {
    private let file: String, totalBytes: Int, startBytes: Int, start = Date()
    private let lock = NSLock()
    private var isDone = false, shownWidth = 0
    private var thread: Thread?

    /// Starts reporting on `path`, or returns nil when nothing should be shown.
    static func start(path: String, quiet: Bool) -> ProgressReporter? {
        guard !quiet, isatty(2) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb",
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
              size >= ReadingProgress.threshold, let bytes = bytesRead() else { return nil }
        let reporter = ProgressReporter(file: URL(fileURLWithPath: path).lastPathComponent, totalBytes: size, startBytes: bytes)
        let thread = Thread { reporter.loop() }
        reporter.thread = thread
        thread.start()
        return reporter
    }

    private init(file: String, totalBytes: Int, startBytes: Int) {
        self.file = file
        self.totalBytes = totalBytes
        self.startBytes = startBytes
    }

    /// Bytes read by this process so far, or nil where the kernel does not say.
    static func bytesRead() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("rchar:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private func loop() {
        while true {
            Thread.sleep(forTimeInterval: 0.25)
            lock.lock()
            defer { lock.unlock() }
            if isDone { return }
            let read = (Self.bytesRead() ?? startBytes) - startBytes
            let line = ReadingProgress.line(file: file, bytesRead: read, totalBytes: totalBytes, seconds: Date().timeIntervalSince(start))
            let padding = String(repeating: " ", count: max(0, shownWidth - line.count))
            shownWidth = line.count
            StandardError.write("\r" + line + padding)
        }
    }

    /// Stops and clears the line, so that what the command prints next starts on a clean line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard !isDone else { return }
        isDone = true
        if shownWidth > 0 { StandardError.write("\r" + String(repeating: " ", count: shownWidth) + "\r") }
    }
}
