import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An interrupted `draw` leaves nothing behind: not its output, not its hidden temporary directory.
///
/// The long list is a named pipe that nobody writes, so the draw is sure to be waiting in `open` with its
/// staged output already made when the signal comes.
@Suite struct InterruptTests {
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func interruptedDrawLeavesNothing(signalNumber: Int32) throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let pipe = parent.appendingPathComponent("list.csv").path
        #expect(mkfifo(pipe, 0o600) == 0)

        let process = Process()
        process.executableURL = try ExecutableRunner.executableURL()
        process.arguments = ["draw", pipe, "--size", "5", "--out", out]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        func entries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "list.csv" }
        }
        let deadline = Date().addingTimeInterval(60)
        while try entries().isEmpty && Date() < deadline { usleep(10_000) }
        let staged = try entries()
        #expect(staged.count == 1 && staged[0].hasPrefix(".sample.tmp-\(process.processIdentifier)-"), "\(staged)")

        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signalNumber)
        let left = try entries()
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// A signal the tool was started with ignored (`nohup`, or a shell's background job) stays ignored.
    @Test func aSignalIgnoredAtStartStaysIgnored() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let pipe = parent.appendingPathComponent("list.csv").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"trap "" HUP; exec "$0" draw "$1" --size 5 --out "$2""#, try ExecutableRunner.executableURL().path, pipe, out]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let deadline = Date().addingTimeInterval(60)
        func staged() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "list.csv" }
        }
        while try staged().isEmpty && Date() < deadline { usleep(10_000) }
        #expect(try staged().count == 1)
        kill(process.processIdentifier, SIGHUP)
        usleep(300_000)
        #expect(process.isRunning, "SIGHUP was ignored at start, so it must not end the run")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        let left = try staged()
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
