import Foundation
import Testing

@testable import CaseSampling

@Suite struct VerificationTests {
    /// A fresh scratch directory, removed by `body`'s end.
    static func withScratch(_ body: (String) throws -> Void) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("casesample-verify-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try body(scratch)
    }

    /// 2 MiB + 5 bytes, so that a comparison spans several reads.
    static let bytes = (0..<(2 << 20) + 5).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 11) }

    @Test func fileComparisonSpansReadsAndFindsEveryKindOfDifference() throws {
        try Self.withScratch { scratch in
            let path = scratch + "/file"
            func compare(_ name: String, _ expected: [UInt8]) -> Result<Bool, DirectoryFile.Failure> {
                Verification.file(named: name, in: scratch, holds: expected)
            }
            try Data(Self.bytes).write(to: URL(fileURLWithPath: path))
            #expect(compare("file", Self.bytes) == .success(true))
            #expect(compare("file", Array(Self.bytes.dropLast())) == .success(false))
            #expect(compare("file", Self.bytes + [0]) == .success(false))
            var changed = Self.bytes
            changed[(1 << 20) + 77] ^= 1
            #expect(compare("file", changed) == .success(false))
            #expect(compare("absent", []) == .failure(.missing))
            try FileManager.default.createDirectory(atPath: scratch + "/folder", withIntermediateDirectories: false)
            #expect(compare("folder", []) == .failure(.notRegular("a directory")))
            try Data().write(to: URL(fileURLWithPath: path))
            #expect(compare("file", []) == .success(true))
        }
    }

    /// The streaming comparison of excluded.csv says what the whole-file comparison says, for files that
    /// are equal, cut short, longer (by a line feed or more), or changed at a byte (to or from a line
    /// feed), however the expected bytes arrive.
    @Test func comparingSinkAgreesWithTheWholeFileComparison() throws {
        try Self.withScratch { scratch in
            var generator = Xoshiro256StarStar(seed: 15)
            for trial in 0..<48 {
                // Every sixteenth file is over a MiB (repeating a random 4 KiB), so that reads span chunks.
                let length = Int(generator.next() % 400) + (trial % 16 == 0 ? (1 << 20) + 4096 : 0)
                let pattern = (0..<min(length, 4096)).map { _ in generator.next() % 5 == 0 ? UInt8(0x0A) : UInt8(0x61 + generator.next() % 3) }
                var expected: [UInt8] = []
                while expected.count < length { expected.append(contentsOf: pattern.prefix(length - expected.count)) }
                var found = expected
                let at = length == 0 ? 0 : Int(generator.next() % UInt64(length))
                switch trial % 6 {
                case 0: break
                case 1: found = Array(found.prefix(at))
                case 2: found += [0x0A]
                case 3: found += [0x0A, 0x62, 0x0A].prefix(Int(generator.next() % 3) + 1)
                case 4: if length > 0 { found[at] = found[at] == 0x0A ? 0x61 : 0x0A }
                default: if length > 0 { found[at] = found[at] == 0x0A ? 0x0A : found[at] ^ 3 }
                }
                try Data(found).write(to: URL(fileURLWithPath: scratch + "/excluded.csv"))
                let sink = ComparingSink(comparingWith: "excluded.csv", in: scratch)
                var start = 0
                while start < expected.count {
                    let end = min(expected.count, start + Int(generator.next() % 300) + 1 + (length > 1 << 20 ? 1 << 19 : 0))
                    try sink.write(Array(expected[start..<end]))
                    start = end
                }
                try sink.finish()
                let whole = Verification.file(named: "excluded.csv", in: scratch, holds: expected)
                let wanted: ComparingSink.Verdict = whole == .success(true) ? .same : .differs(Verification.describeDifference(found, expected))
                #expect(sink.verdict == wanted, "trial \(trial): \(length) bytes, variant \(trial % 6) at \(at)")
            }
            #expect(ComparingSink(comparingWith: "absent.csv", in: scratch).verdict == .failure(.missing))
            try FileManager.default.createDirectory(atPath: scratch + "/folder", withIntermediateDirectories: false)
            #expect(ComparingSink(comparingWith: "folder", in: scratch).verdict == .failure(.notRegular("a directory")))
        }
    }

    /// Issue 15, item 7: a FIFO in place of an output made verify wait for ever for a writer.
    @Test func fifoInPlaceOfAnOutputIsRefusedAtOnce() throws {
        try Self.withScratch { scratch in
            let out = try Self.draw(in: scratch)
            try FileManager.default.removeItem(atPath: out + "/excluded.csv")
            #expect(mkfifo(out + "/excluded.csv", 0o644) == 0)
            let verification = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            #expect(verification.differences == ["excluded.csv: is a FIFO (named pipe), not a regular file"])
        }
    }

    /// Issue 15, item 8: files are read only when they are regular files inside the draw directory.
    @Test func symbolicLinkInPlaceOfAFileIsRefused() throws {
        try Self.withScratch { scratch in
            let out = try Self.draw(in: scratch)
            try FileManager.default.moveItem(atPath: out + "/spec.json", toPath: scratch + "/spec.json")
            try FileManager.default.createSymbolicLink(atPath: out + "/spec.json", withDestinationPath: scratch + "/spec.json")
            #expect(throws: Verification.Failure.self) {
                try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            }
            do {
                _ = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            } catch {
                #expect("\(error)".hasSuffix("spec.json: is a symbolic link; the files of a casesample directory must be regular files inside it"), "\(error)")
            }
        }
    }

    /// Issue 15, item 6: a draw.json edited to ask for 10^12 substitutes per case made verify run for ever.
    @Test func absurdSubstitutesInTheRecordAreRefusedBeforeAnyWork() throws {
        try Self.withScratch { scratch in
            let out = try Self.draw(in: scratch)
            let path = out + "/draw.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"substitutesPerCase\": 1,", with: "\"substitutesPerCase\": 1000000000000,")
                .write(toFile: path, atomically: false, encoding: .utf8)
            do {
                _ = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
                Issue.record("an edited record was verified")
            } catch {
                let message = "\(error)"
                #expect(message.contains("draw.json: does not agree with itself"), "\(message)")
                #expect(message.contains("draw.substitutesPerCase 1000000000000 is outside 0 to 100"), "\(message)")
                #expect(message.contains("recordSHA256 is not the SHA-256 of the rest of the record"), "\(message)")
            }
        }
    }

    /// Likewise a record asking `verify` for an endless Monte Carlo under the officer limit.
    @Test func absurdOfficerLimitRepetitionsInTheRecordAreRefusedBeforeAnyWork() throws {
        try Self.withScratch { scratch in
            let specBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Examples.domainTwoPath)))
            var job = DrawJob(
                longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: specBytes, size: 30, seed: 5,
                substitutesPerCase: 1, delimiter: nil, toolVersion: "test", maximumPerOfficer: 1)
            job.officerLimitRepetitions = 5
            let out = scratch + "/draw"
            try OutputDirectory.write(try job.run().outputs.files, to: out, replacingExisting: false, marker: "draw.json")
            let path = out + "/draw.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\"repetitions\": 5,"), "the limit must bind for this test")
            try text.replacingOccurrences(of: "\"repetitions\": 5,", with: "\"repetitions\": 1000000000000,")
                .write(toFile: path, atomically: false, encoding: .utf8)
            #expect(throws: Verification.Failure.self) {
                _ = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            }
            do {
                _ = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            } catch {
                #expect("\(error)".contains("officerLimit.inclusionProbabilities.repetitions 1000000000000 is outside 1 to 100000"), "\(error)")
            }
        }
    }

    /// A draw of the example in `scratch/draw`.
    static func draw(in scratch: String) throws -> String {
        let specBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Examples.domainTwoPath)))
        let job = DrawJob(
            longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: specBytes, size: 30, seed: 5,
            substitutesPerCase: 1, delimiter: nil, toolVersion: "test")
        let (_, outputs) = try job.run()
        let out = scratch + "/draw"
        try OutputDirectory.write(outputs.files, to: out, replacingExisting: false, marker: "draw.json")
        return out
    }

    @Test func truncatedExcludedFileIsReportedByLine() throws {
        try Self.withScratch { scratch in
            let out = try Self.draw(in: scratch)
            let untouched = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            #expect(untouched.matches)
            #expect(untouched.comparedFiles == OutputFiles.draw)

            let excluded = try readBytes(out + "/excluded.csv")
            let lines = excluded.split(separator: 0x0A, omittingEmptySubsequences: false).count
            try Data(excluded.prefix(excluded.count / 2)).write(to: URL(fileURLWithPath: out + "/excluded.csv"))
            let truncated = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            #expect(truncated.differences.count == 1)
            #expect(truncated.differences.first?.hasPrefix("excluded.csv: differs from a re-run of the draw, first at line") == true)
            #expect(truncated.differences.first?.hasSuffix("expected)") == true)
            #expect(truncated.differences.first?.contains("\(lines) expected") == true)
        }
    }
}
