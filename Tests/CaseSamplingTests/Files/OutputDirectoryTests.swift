import Foundation
import Testing

@testable import CaseSampling

/// Each test works in its own scratch directory and checks, besides the outcome, that no temporary
/// `.out.tmp-…` or `.out.old-…` sibling is left behind.
@Suite struct OutputDirectoryTests {
    typealias Files = [(name: String, bytes: [UInt8])]

    static let first: Files = [(name: "draw.json", bytes: Array("{}\n".utf8)), (name: "a.csv", bytes: [1, 2, 3])]
    static let second: Files = [(name: "draw.json", bytes: Array("[]\n".utf8)), (name: "b.csv", bytes: [])]

    /// A fresh directory under the system's temporary directory, removed by `body`'s end.
    func withScratch(_ body: (String) throws -> Void) throws {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("casesample-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try body(scratch)
    }

    func entries(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// The files in `directory`, by name.
    func contents(_ directory: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for name in try entries(directory) {
            result[name] = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        }
        return result
    }

    func expected(_ files: Files) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) })
    }

    @Test func createsNewDirectoryWithEveryFile() throws {
        try withScratch { scratch throws in
            try OutputDirectory.write(
                Self.first, to: scratch + "/out", replacingExisting: false, marker: "draw.json")
            #expect(try contents(scratch + "/out") == expected(Self.first))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test func acceptsTrailingSlashInTarget() throws {
        try withScratch { scratch throws in
            try OutputDirectory.write(
                Self.first, to: scratch + "/out/", replacingExisting: false, marker: "draw.json")
            #expect(try contents(scratch + "/out") == expected(Self.first))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test(arguments: [OutputDirectory.ReplaceStrategy.exchange, .renameAside])
    func replacesEarlierOutputWholeWhenAllowed(strategy: OutputDirectory.ReplaceStrategy) throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try OutputDirectory.write(Self.first, to: out, replacingExisting: false, marker: "draw.json")
            try OutputDirectory.write(
                Self.second, to: out, replacingExisting: true, marker: "draw.json", strategy: strategy,
                after: { _ in })
            #expect(try contents(out) == expected(Self.second))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test func refusesEarlierOutputWithoutReplacing() throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try OutputDirectory.write(Self.first, to: out, replacingExisting: false, marker: "draw.json")
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(Self.second, to: out, replacingExisting: false, marker: "draw.json")
            }
            #expect(error?.kind == .alreadyExists)
            #expect(error?.description == "\(out): already exists")
            #expect(try contents(out) == expected(Self.first))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test(arguments: [false, true])
    func refusesDirectoryWithoutMarker(replacing: Bool) throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(Self.second, to: out, replacingExisting: replacing, marker: "draw.json")
            }
            #expect(error?.kind == .unrecognisedDirectory)
            #expect(error?.message.contains("draw.json") == true)
            #expect(try contents(out) == ["notes.txt": Array("mine".utf8)])
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test func refusesDirectoryWhoseMarkerIsNotAFile() throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try FileManager.default.createDirectory(atPath: out + "/draw.json", withIntermediateDirectories: true)
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(Self.second, to: out, replacingExisting: true, marker: "draw.json")
            }
            #expect(error?.kind == .unrecognisedDirectory)
        }
    }

    @Test func refusesFileOrSymbolicLinkAtTarget() throws {
        try withScratch { scratch throws in
            try Data("x".utf8).write(to: URL(fileURLWithPath: scratch + "/file"))
            try OutputDirectory.write(
                Self.first, to: scratch + "/real", replacingExisting: false, marker: "draw.json")
            try FileManager.default.createSymbolicLink(atPath: scratch + "/link", withDestinationPath: "real")
            for name in ["file", "link"] {
                let error = #expect(throws: OutputError.self) {
                    try OutputDirectory.write(
                        Self.second, to: scratch + "/" + name, replacingExisting: true, marker: "draw.json")
                }
                #expect(error?.kind == .notADirectory)
                #expect(error?.path == scratch + "/" + name)
            }
            #expect(try contents(scratch + "/real") == expected(Self.first))
            #expect(try entries(scratch) == ["file", "link", "real"])
        }
    }

    @Test(arguments: ["sub/b.csv", "", ".", "..", "nul\0name"])
    func refusesFileNameThatIsNotOneComponent(name: String) throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try OutputDirectory.write(Self.first, to: out, replacingExisting: false, marker: "draw.json")
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(
                    Self.second + [(name: name, bytes: [9])], to: out, replacingExisting: true, marker: "draw.json")
            }
            #expect(error?.kind == .invalidName)
            #expect(try contents(out) == expected(Self.first))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test func refusesRepeatedFileName() throws {
        try withScratch { scratch throws in
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(
                    Self.first + [(name: "a.csv", bytes: [])], to: scratch + "/out", replacingExisting: false,
                    marker: "draw.json")
            }
            #expect(error?.kind == .invalidName)
            #expect(try entries(scratch) == [])
        }
    }

    @Test func systemFailureMidWayLeavesEarlierOutputAndNoTemporaryDirectory() throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try OutputDirectory.write(Self.first, to: out, replacingExisting: false, marker: "draw.json")
            // Longer than any file system's NAME_MAX, so creating it fails after draw.json is written.
            let tooLong = String(repeating: "n", count: 300) + ".csv"
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(
                    Self.second + [(name: tooLong, bytes: [1])], to: out, replacingExisting: true,
                    marker: "draw.json")
            }
            #expect(error?.kind == .systemCallFailed)
            #expect(error?.path.hasSuffix("/" + tooLong) == true)
            #expect(error?.message.hasPrefix("cannot create the file: ") == true)
            #expect(try contents(out) == expected(Self.first))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test(arguments: [OutputDirectory.ReplaceStrategy.exchange, .renameAside])
    func failureAfterSomeFilesLeavesEarlierOutput(strategy: OutputDirectory.ReplaceStrategy) throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try OutputDirectory.write(Self.first, to: out, replacingExisting: false, marker: "draw.json")
            let injected = OutputError(.systemCallFailed, path: out, message: "injected")
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(
                    Self.second, to: out, replacingExisting: true, marker: "draw.json", strategy: strategy,
                    after: { step throws(OutputError) in if step == .wroteFile(1) { throw injected } })
            }
            #expect(error == injected)
            #expect(try contents(out) == expected(Self.first))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test func failureWhileOldOutputIsAsidePutsItBack() throws {
        try withScratch { scratch throws in
            let out = scratch + "/out"
            try OutputDirectory.write(Self.first, to: out, replacingExisting: false, marker: "draw.json")
            let injected = OutputError(.systemCallFailed, path: out, message: "injected")
            var sawOldAside = false
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(
                    Self.second, to: out, replacingExisting: true, marker: "draw.json", strategy: .renameAside,
                    after: { step throws(OutputError) in
                        guard step == .movedOldAside else { return }
                        sawOldAside = !FileManager.default.fileExists(atPath: out)
                        throw injected
                    })
            }
            #expect(sawOldAside)
            #expect(error == injected)
            #expect(try contents(out) == expected(Self.first))
            #expect(try entries(scratch) == ["out"])
        }
    }

    @Test func refusesTargetWhoseParentIsMissing() throws {
        try withScratch { scratch throws in
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.write(
                    Self.first, to: scratch + "/missing/out", replacingExisting: false, marker: "draw.json")
            }
            #expect(error?.kind == .missingParent)
            #expect(try entries(scratch) == [])
        }
    }

    @Test func stopsWhenMarkerIsNotAmongTheFiles() async {
        await #expect(processExitsWith: .failure) {
            try? OutputDirectory.write(
                [(name: "a.csv", bytes: [])], to: "/nonexistent/out", replacingExisting: false, marker: "draw.json")
        }
    }

    // MARK: Single files

    @Test func writesAndReplacesSingleFile() throws {
        try withScratch { scratch throws in
            let path = scratch + "/report.html"
            try OutputDirectory.writeFileAtomically(Array("one".utf8), to: path)
            #expect(try contents(scratch) == ["report.html": Array("one".utf8)])
            try OutputDirectory.writeFileAtomically(Array("two".utf8), to: path)
            #expect(try contents(scratch) == ["report.html": Array("two".utf8)])
        }
    }

    @Test func refusesToReplaceDirectoryWithSingleFile() throws {
        try withScratch { scratch throws in
            try FileManager.default.createDirectory(atPath: scratch + "/dir", withIntermediateDirectories: false)
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.writeFileAtomically([1], to: scratch + "/dir")
            }
            #expect(error?.kind == .notAFile)
            #expect(try entries(scratch) == ["dir"])
            #expect(try entries(scratch + "/dir") == [])
        }
    }

    @Test func singleFileNeedsExistingParent() throws {
        try withScratch { scratch throws in
            let error = #expect(throws: OutputError.self) {
                try OutputDirectory.writeFileAtomically([1], to: scratch + "/missing/file.txt")
            }
            #expect(error?.kind == .missingParent)
        }
    }
}
