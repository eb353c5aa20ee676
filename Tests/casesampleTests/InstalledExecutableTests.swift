import Foundation
import Testing

/// The executable copied alone to another folder (as to `/usr/local/bin`) still has its specs.
@Suite struct InstalledExecutableTests {
    @Test func copiedExecutable_drawsWithABuiltInSpec_fromAnEmptyFolder() throws {
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("casesample-installed-\(UUID().uuidString)")
        let bin = root.appendingPathComponent("bin"), work = root.appendingPathComponent("work")
        try fileManager.createDirectory(at: bin, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: root) }
        let installed = bin.appendingPathComponent("casesample")
        try fileManager.copyItem(at: try ExecutableRunner.executableURL(), to: installed)
        let longList = work.appendingPathComponent("long-list.csv")
        try fileManager.copyItem(atPath: DrawCommandTests.example, toPath: longList.path)
        #expect(try fileManager.contentsOfDirectory(atPath: work.path) == ["long-list.csv"])

        let draw = try ExecutableRunner.run(
            ["draw", "long-list.csv", "--spec", "domain-two", "--size", "40", "--seed", "7", "--out", "sample"],
            executable: installed, workingDirectory: work)
        #expect(draw.exitCode == 0, "\(draw)")
        #expect(draw.standardOutput.contains("Drew 40 of 1,624 eligible cases from long-list.csv (spec domain-two, seed 7)"), "\(draw)")
        let spec = try Data(contentsOf: work.appendingPathComponent("sample/spec.json"))
        let shipped = try Data(contentsOf: DrawCommandTests.root.appendingPathComponent("SampleSpecs/domain-two.json"))
        #expect(spec == shipped)
        let record = try String(contentsOf: work.appendingPathComponent("sample/draw.json"), encoding: .utf8)
        #expect(record.contains("\"source\": \"built-in\""), "\(record.prefix(400))")

        #expect(draw.standardError.isEmpty, "no progress line when standard error is not a terminal: \(draw)")

        let verify = try ExecutableRunner.run(["verify", "sample", "long-list.csv"], executable: installed, workingDirectory: work)
        #expect(verify.exitCode == 0, "\(verify)")

        // The default spec is built in too, and a spec file is read from its path and recorded as a file.
        let inspect = try ExecutableRunner.run(["inspect", "long-list.csv", "--quiet"], executable: installed, workingDirectory: work)
        #expect(inspect.exitCode == 0, "\(inspect)")
        try shipped.write(to: work.appendingPathComponent("mine.json"))
        let fromFile = try ExecutableRunner.run(
            ["draw", "long-list.csv", "--spec", "mine.json", "--size", "40", "--seed", "7", "--out", "sample-file"],
            executable: installed, workingDirectory: work)
        #expect(fromFile.exitCode == 0, "\(fromFile)")
        let fileRecord = try String(contentsOf: work.appendingPathComponent("sample-file/draw.json"), encoding: .utf8)
        #expect(fileRecord.contains("\"source\": \"file\""))
    }
}
