import Foundation
import Testing

@testable import CaseSampling

/// A staged output: files streamed into a hidden sibling, moved into place whole by `commit`, and
/// no trace left by anything else.
@Suite struct StagedOutputTests {
    func entries(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func streamedAndWholeFilesAppearTogetherOnCommit() throws {
        try withScratch { scratch in
            let staged = try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
            let big = try staged.createFile("big.csv")
            for chunk in 0..<5 { try big.write(Array(repeating: UInt8(chunk), count: 1000)) }
            try big.finish()
            try staged.addFile("draw.json", bytes: Array("{}".utf8))
            #expect(try entries(scratch).count == 1 && !FileManager.default.fileExists(atPath: scratch + "/out"),
                    "only the hidden temporary directory exists before the commit")
            try staged.commit()
            #expect(try entries(scratch) == ["out"])
            let files = try directoryContents(scratch + "/out")
            #expect(files["big.csv"] == (0..<5).flatMap { Array(repeating: UInt8($0), count: 1000) })
            #expect(files["draw.json"] == Array("{}".utf8))
        }
    }

    @Test func discardOrReleaseWithoutCommitLeavesNothing() throws {
        try withScratch { scratch in
            let staged = try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
            try staged.addFile("draw.json", bytes: [1])
            staged.discard()
            staged.discard()
            #expect(try entries(scratch) == [])
            do {
                let released = try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
                try released.createFile("half.csv").write([1, 2, 3])
            }
            #expect(try entries(scratch) == [])
        }
    }

    /// The target is checked when staging starts, so a long run learns at once that it would fail.
    @Test func anExistingTargetIsRefusedBeforeAnyWork() throws {
        try withScratch { scratch in
            try OutputDirectory.write([("draw.json", [1])], to: scratch + "/out", replacingExisting: false, marker: "draw.json")
            #expect(throws: OutputError.self) {
                try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
            }
            try FileManager.default.createDirectory(atPath: scratch + "/mine", withIntermediateDirectories: false)
            let error = #expect(throws: OutputError.self) {
                try StagedOutput(directory: scratch + "/mine", replacingExisting: true, marker: "draw.json")
            }
            #expect(error?.kind == .unrecognisedDirectory)
            #expect(try entries(scratch) == ["mine", "out"])
        }
    }

    /// A target that appears while the files are written is not overwritten.
    @Test func aTargetThatAppearsMeanwhileIsNotOverwritten() throws {
        try withScratch { scratch in
            let staged = try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
            try staged.addFile("draw.json", bytes: [2])
            try OutputDirectory.write([("draw.json", [1])], to: scratch + "/out", replacingExisting: false, marker: "draw.json")
            let error = #expect(throws: OutputError.self) { try staged.commit() }
            #expect(error?.kind == .alreadyExists)
            #expect(try entries(scratch) == ["out"])
            #expect(try directoryContents(scratch + "/out") == ["draw.json": [1]])
        }
    }

    @Test func replacesAnEarlierOutputWhenAllowed() throws {
        try withScratch { scratch in
            try OutputDirectory.write([("draw.json", [1]), ("old.csv", [1])], to: scratch + "/out", replacingExisting: false, marker: "draw.json")
            let staged = try StagedOutput(directory: scratch + "/out", replacingExisting: true, marker: "draw.json")
            try staged.addFile("draw.json", bytes: [2])
            try staged.commit()
            #expect(try entries(scratch) == ["out"])
            #expect(try directoryContents(scratch + "/out") == ["draw.json": [2]])
        }
    }

    /// A run that was killed outright (SIGKILL, a crash) leaves its temporary directory; the next
    /// staged output for the same target deletes it, and only it.
    @Test func temporariesOfEndedProcessesAreDeleted() throws {
        try withScratch { scratch in
            // A process that has ended: a child that exited and was waited for.
            let ended = Process()
            ended.executableURL = URL(fileURLWithPath: "/bin/sh")
            ended.arguments = ["-c", "exit 0"]
            try ended.run()
            ended.waitUntilExit()
            let host = OutputDirectory.hostTag, dead = ended.processIdentifier
            let kept = [
                ".out.tmp-\(getpid())-\(host)-1",  // this process: running
                ".out.tmp-1-\(host)-2",  // init: running
                ".out.old-\(dead)-\(host)-3",  // may hold the only copy of an earlier output
                ".other.tmp-\(dead)-\(host)-4",  // another target's
                ".out.tmp-x-\(host)-5",  // not a pid
                ".out.tmp-\(dead)-0badcafe-7",  // another machine's, on a shared drive
                ".out.tmp-\(dead)-8",  // no machine named
            ]
            let abandoned = ".out.tmp-\(dead)-\(host)-6"
            for name in kept + [abandoned] {
                try FileManager.default.createDirectory(atPath: scratch + "/" + name, withIntermediateDirectories: false)
                try writeBytes([1], to: scratch + "/" + name + "/excluded.csv")
            }
            let staged = try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
            try staged.addFile("draw.json", bytes: [1])
            try staged.commit()
            #expect(try entries(scratch) == (kept + ["out"]).sorted())
        }
    }

    /// The move into place waits while an interrupt could be handled (``InterruptCleanup``), so the
    /// handler never deletes a directory half-way through its commit.
    @Test func commitWaitsForTheInterruptLock() throws {
        try withScratch { scratch in
            let staged = try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
            try staged.addFile("draw.json", bytes: [1])
            let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), committed = DispatchSemaphore(value: 0)
            Thread {
                InterruptCleanup.exclusively {
                    holding.signal()
                    release.wait()
                }
            }.start()
            holding.wait()
            let box = UncheckedBox(staged)
            Thread {
                try? box.value.commit()
                committed.signal()
            }.start()
            #expect(committed.wait(timeout: .now() + 0.3) == .timedOut, "the commit waits for the lock")
            #expect(!FileManager.default.fileExists(atPath: scratch + "/out"))
            release.signal()
            #expect(committed.wait(timeout: .now() + 30) == .success)
            #expect(try directoryContents(scratch + "/out") == ["draw.json": [1]])
        }
    }

    /// A value handed to another thread by a test that orders the accesses itself.
    struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    @Test func aFileNameIsUsedOnce() throws {
        try withScratch { scratch in
            let staged = try StagedOutput(directory: scratch + "/out", replacingExisting: false, marker: "draw.json")
            try staged.addFile("a.csv", bytes: [1])
            for name in ["a.csv", "sub/b.csv", ".."] {
                let error = #expect(throws: OutputError.self) { try staged.createFile(name) }
                #expect(error?.kind == .invalidName, "\(name)")
            }
        }
    }
}
