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
            try Data(Self.bytes).write(to: URL(fileURLWithPath: path))
            #expect(Verification.file(at: path, holds: Self.bytes) == true)
            #expect(Verification.file(at: path, holds: Array(Self.bytes.dropLast())) == false)
            #expect(Verification.file(at: path, holds: Self.bytes + [0]) == false)
            var changed = Self.bytes
            changed[(1 << 20) + 77] ^= 1
            #expect(Verification.file(at: path, holds: changed) == false)
            #expect(Verification.file(at: scratch + "/absent", holds: []) == nil)
            #expect(Verification.file(at: scratch, holds: []) == nil)
            try Data().write(to: URL(fileURLWithPath: path))
            #expect(Verification.file(at: path, holds: []) == true)
        }
    }

    @Test func truncatedExcludedFileIsReportedByLine() throws {
        try Self.withScratch { scratch in
            let specBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Examples.domainTwoPath)))
            let job = DrawJob(
                longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: specBytes, size: 30, seed: 5,
                substitutesPerCase: 1, delimiter: nil, toolVersion: "test")
            let (_, outputs) = try job.run()
            let out = scratch + "/draw"
            try OutputDirectory.write(outputs.files, to: out, replacingExisting: false, marker: "draw.json")
            let untouched = try Verification(directory: out, longListPath: Examples.longListPath, toolVersion: "test")
            #expect(untouched.matches)
            #expect(untouched.comparedFiles == OutputFiles.draw)

            let excluded = outputs.files[2].bytes
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
