import Foundation
import Testing

/// Issue 15, items 6, 7 and 13, as a user meets them: bounds on what the command line and a draw
/// directory may ask for, and the messages when they ask for too much.
@Suite struct BoundsCommandTests {
    static let example = DrawCommandTests.example

    /// Item 13: the whole UInt64 range is a seed, and the record of such a draw verifies.
    @Test func largestSeed_isAccepted_andVerifies() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let draw = try ExecutableRunner.run(["draw", Self.example, "--size", "20", "--seed", "18446744073709551615", "--out", out])
        #expect(draw.exitCode == 0, "\(draw)")
        let record = try String(contentsOfFile: out + "/draw.json", encoding: .utf8)
        // Beyond the records' 64-bit signed JSON integers, the seed is written as its digits.
        #expect(record.contains("\"seed\": \"18446744073709551615\","), "\(record.prefix(600))")
        let verify = try ExecutableRunner.run(["verify", out, Self.example])
        #expect(verify.exitCode == 0, "\(verify)")

        let tooLarge = try ExecutableRunner.run(["draw", Self.example, "--seed", "18446744073709551616", "--out", out + "2"])
        #expect(tooLarge.exitCode == 64, "\(tooLarge)")
        #expect(tooLarge.standardError.contains("--seed must be a whole number from 0 to 18446744073709551615, got '18446744073709551616'"), "\(tooLarge)")
    }

    /// Item 13: an empty units file said "cannot read it".
    @Test func emptyUnitsFile_saysItIsEmpty() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        for path in ["/dev/null", try DrawCommandTests.write("", "units.txt", in: parent)] {
            let result = try ExecutableRunner.run(["draw", Self.example, "--units-file", path, "--out", out])
            #expect(result.exitCode == 1, "\(result)")
            #expect(result.standardError.contains("\(path): the units file is empty; list the units to draw from, one a line"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    /// Item 6: --substitutes 1e9 never ended; now it is a usage error, and more substitutes than the
    /// population has is a data error, both before any drawing.
    @Test func substitutesBeyondTheBounds_areRefused() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let huge = try ExecutableRunner.run(["draw", Self.example, "--size", "20", "--substitutes", "1000000000", "--out", out])
        #expect(huge.exitCode == 64, "\(huge)")
        #expect(huge.standardError.contains("--substitutes must be a whole number ≥ 0 and ≤ 100, got '1000000000'"), "\(huge)")

        // Waltham Forest has 9 eligible cases: 5 drawn leave 4 to substitute.
        let small = try ExecutableRunner.run([
            "draw", Self.example, "--units", "East/Waltham Forest", "--size", "5", "--substitutes", "50", "--out", out,
        ])
        #expect(small.exitCode == 1, "\(small)")
        #expect(small.standardError.contains("50 substitutes per case is more than the population can give: 9 eligible cases, 5 drawn, so at most 4 substitutes per case"), "\(small)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let enough = try ExecutableRunner.run([
            "draw", Self.example, "--units", "East/Waltham Forest", "--size", "5", "--substitutes", "4", "--out", out,
        ])
        #expect(enough.exitCode == 0, "\(enough)")
    }

    /// Item 7: a FIFO in place of an output made verify wait for ever.
    @Test func verify_refusesAFifoAtOnce() throws {
        let (parent, out) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let draw = try ExecutableRunner.run(["draw", Self.example, "--size", "20", "--out", out])
        #expect(draw.exitCode == 0, "\(draw)")
        try FileManager.default.removeItem(atPath: out + "/excluded.csv")
        #expect(mkfifo(out + "/excluded.csv", 0o644) == 0)
        let verify = try ExecutableRunner.run(["verify", out, Self.example])
        #expect(verify.exitCode == 1, "\(verify)")
        #expect((verify.standardOutput + verify.standardError).contains("excluded.csv: is a FIFO (named pipe), not a regular file"), "\(verify)")
    }

    /// Item 13: "row has 1 fields".
    @Test func rowWithOneField_isSingular() throws {
        let (parent, _) = try DrawCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        let path = try DrawCommandTests.write(lines.prefix(21).joined(separator: "\n") + "\nX200001\n", "list.csv", in: parent)
        let result = try ExecutableRunner.run(["inspect", path])
        #expect(result.exitCode == 1, "\(result)")
        #expect(result.standardError.contains("list.csv:22:2: error: row has 1 field but the header has 19"), "\(result)")
    }
}
