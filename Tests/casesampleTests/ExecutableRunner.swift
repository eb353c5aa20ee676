import Foundation
import Testing

/// What one run of the built `casesample` printed and how it exited.
struct CommandResult: CustomStringConvertible {
    let arguments: [String]
    let standardOutput: String
    let standardError: String
    let exitCode: Int32

    var description: String {
        """
        casesample \(arguments.joined(separator: " ")) exited \(exitCode)
        --- stdout ---
        \(standardOutput)
        --- stderr ---
        \(standardError)
        """
    }
}

/// Runs the `casesample` executable that `swift build` or `swift test` built,
/// as swift-argument-parser's `AssertExecuteCommand` does.
enum ExecutableRunner {
    struct NotFound: Error, CustomStringConvertible {
        let searched: [URL]
        var description: String {
            """
            Cannot find the built 'casesample' executable. Run 'swift build' first, or set \
            CASESAMPLE_EXECUTABLE to its path. Looked in:
            \(searched.map { "  " + $0.path }.joined(separator: "\n"))
            """
        }
    }

    /// Where the executable is: `$CASESAMPLE_EXECUTABLE` if set, else beside
    /// the test bundle (the products directory: on Linux the bundle is an
    /// executable there, on macOS a `.xctest` bundle there), else in the
    /// package's `.build/debug`.
    static func executableURL() throws -> URL {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["CASESAMPLE_EXECUTABLE"] {
            let url = URL(fileURLWithPath: path)
            guard fileManager.isExecutableFile(atPath: url.path) else { throw NotFound(searched: [url]) }
            return url
        }

        var directories: [URL] = []
        for bundle in [Bundle.main] + Bundle.allBundles {
            if let executable = bundle.executableURL { directories.append(executable.deletingLastPathComponent()) }
            directories.append(bundle.bundleURL)
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent(".build/debug"))

        var searched: [URL] = []
        for directory in directories {
            let candidate = directory.appendingPathComponent("casesample").standardizedFileURL
            guard !searched.contains(candidate) else { continue }
            searched.append(candidate)
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw NotFound(searched: searched)
    }

    /// Runs `casesample` with `arguments` and `standardInput` (none when nil), and waits for it.
    ///
    /// Output goes to temporary files rather than pipes, so a long output
    /// cannot fill a pipe and stall the child while the test waits; so does the input.
    ///
    /// - Parameters:
    ///   - standardInput: bytes for the child's standard input; nil for none.
    ///   - executable: another copy of the executable to run; nil for the built one.
    ///   - workingDirectory: the folder to run it in; nil for a new temporary one.
    static func run(_ arguments: [String], standardInput: [UInt8]? = nil, executable: URL? = nil, workingDirectory: URL? = nil) throws -> CommandResult {
        let fileManager = FileManager.default
        let directory = fileManager.temporaryDirectory
            .appendingPathComponent("casesampleTests-\(UUID().uuidString)", isDirectory: true)
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: directory) }
        let outputURL = directory.appendingPathComponent("stdout")
        let errorURL = directory.appendingPathComponent("stderr")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)

        let process = Process()
        process.executableURL = try executable ?? executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory ?? directory
        if let standardInput {
            let inputURL = directory.appendingPathComponent("stdin")
            try Data(standardInput).write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()

        return CommandResult(
            arguments: arguments,
            standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
            standardError: try String(contentsOf: errorURL, encoding: .utf8),
            exitCode: process.terminationStatus)
    }
}
