import Foundation
import Testing

@testable import CaseSampling

/// Issue 15, items 6, 8 and 11: `finalize` and `replace` read only regular files inside the draw or
/// final-sample directory, and refuse a `draw.json` or `finalize.json` that does not agree with itself,
/// saying what differs; `--force` replaces only a complete output.
@Suite struct RecordIntegrityTests {
    /// A draw of the example (30 cases, one substitute each) in `scratch/draw`, and a returned list
    /// that keeps every case in `scratch/returned.csv`.
    static func drawWithReturnedList(in scratch: String) throws -> (draw: String, returned: String) {
        let specBytes = try readBytes(Examples.domainTwoPath)
        let job = DrawJob(
            longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: specBytes, size: 30, seed: 5,
            substitutesPerCase: 1, delimiter: nil, toolVersion: "test")
        let draw = scratch + "/draw"
        _ = try job.run(writingTo: draw, replacingExisting: false)
        let references = try FinalizeTests.rows(draw + "/provisional.csv").map { $0[0] }
        let returned = scratch + "/returned.csv"
        try writeBytes(Array(("CRN,Exclusion reason\n" + references.map { $0 + ",\n" }.joined()).utf8), to: returned)
        return (draw, returned)
    }

    /// The message of the error `body` throws, or nil when it throws none.
    static func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func finalize(_ draw: String, _ returned: String) -> String? {
        failure { _ = try FinalizeJob(drawDirectory: draw, returnedPath: returned, toolVersion: "test").run() }
    }

    /// Replaces the first occurrence of `find` in the file at `path`.
    static func edit(_ path: String, _ find: String, _ replacement: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: find), "\(find) not in \(path)")
        try text.replacingCharacters(in: range, with: replacement).write(toFile: path, atomically: false, encoding: .utf8)
    }

    // MARK: - draw.json edited

    /// Each edit once let finalize write a final sample; now each is refused with what differs.
    @Test(arguments: [
        (#""seed": 5,"#, #""seed": 6,"#, "recordSHA256 is not the SHA-256 of the rest of the record"),
        (#""size": 30,"#, #""size": 31,"#, "strata's samples add up to 30, not draw.size 31"),
        ("\"algorithmVersion\": \(DrawResult.algorithmVersion),", #""algorithmVersion": 99,"#, "draw.algorithmVersion 99 is not a version casesample knows"),
        (#""substitutesPerCase": 1,"#, #""substitutesPerCase": 1000000000000,"#, "draw.substitutesPerCase 1000000000000 is outside 0 to 100"),
        (#""rowsRead": 2000,"#, #""rowsRead": 2001,"#, "counts.rowsRead 2001 is not invalid + excluded + eligible"),
        (#""eligible": 1624"#, #""eligible": 1625"#, "counts.rowsRead 2000 is not invalid + excluded + eligible"),
        (#""listed": 30,"#, #""listed": 29,"#, "recordSHA256 is not the SHA-256 of the rest of the record"),
    ])
    func editedDrawRecord_isRefusedSayingWhatDiffers(find: String, replacement: String, expected: String) throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            #expect(Self.finalize(draw, returned) == nil, "the untouched draw finalizes")
            try Self.edit(draw + "/draw.json", find, replacement)
            let message = try #require(Self.finalize(draw, returned), "an edited draw.json was finalized")
            #expect(message.contains("draw.json does not agree with itself"), "\(message)")
            #expect(message.contains(expected), "\(message)")
        }
    }

    /// A size too large for an integer is not a draw record at all.
    @Test func drawRecordWithAHugeSize_isNotARecord() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            try Self.edit(draw + "/draw.json", #""size": 30,"#, #""size": 1e30,"#)
            let message = try #require(Self.finalize(draw, returned))
            #expect(message.contains("not a draw record: $.draw.size"), "\(message)")
        }
    }

    /// A number casesample never writes (found while writing the records fuzz target): checking the
    /// digest wrote the record again, and writing 1e300 stops the program by design.
    @Test func drawRecordWithAnUnwritableNumber_isRefusedWithoutATrap() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            let path = draw + "/draw.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let range = try #require(text.range(of: #""share": [0-9.]+"#, options: .regularExpression))
            try text.replacingCharacters(in: range, with: #""share": 1e300"#).write(toFile: path, atomically: false, encoding: .utf8)
            let message = try #require(Self.finalize(draw, returned))
            #expect(message.contains("holds a number casesample never writes"), "\(message)")
        }
    }

    /// Re-indenting the record is not an edit: the digest is of its contents.
    @Test func reindentedDrawRecord_isAccepted() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            let document = try JSONValue.parse(readBytes(draw + "/draw.json"))
            try writeBytes(document.serializedBytes(indent: 0), to: draw + "/draw.json")
            #expect(Self.finalize(draw, returned) == nil)
        }
    }

    /// A record edited consistently but with its digest removed is checked for consistency only (as
    /// records from before the digest are): the counts must still agree with the files.
    @Test func unsealedRecord_mustStillAgreeWithTheFiles() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            var record = try DrawRecord.load(bytes: readBytes(draw + "/draw.json"), file: "draw.json")
            record.recordSHA256 = nil
            record.substitutes.listed -= 1
            try writeBytes(record.serializedBytes(), to: draw + "/draw.json")
            let message = try #require(Self.finalize(draw, returned))
            #expect(message.contains("substitutes.csv 30"), "\(message)")
        }
    }

    // MARK: - Files outside the directory

    /// Issue 15, item 8: `../../../../etc/passwd` as an output name was opened and hashed.
    @Test func outputNameOutsideTheDirectory_isNeverOpened() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            try writeBytes(Array("secret".utf8), to: scratch + "/outside.csv")
            var record = try DrawRecord.load(bytes: readBytes(draw + "/draw.json"), file: "draw.json")
            record.outputs.entries.append(.init(name: "../outside.csv", sha256: SHA256.hexDigest(Array("secret".utf8))))
            try writeBytes(record.sealed().serializedBytes(), to: draw + "/draw.json")
            let message = try #require(Self.finalize(draw, returned))
            #expect(message.contains("outputs names a file outside the draw directory"), "\(message)")
            #expect(DirectoryFile.read("../outside.csv", in: draw) == .failure(.invalidName))
            #expect(DirectoryFile.read("/etc/passwd", in: draw) == .failure(.invalidName))
        }
    }

    @Test func symbolicLinkOut_isRefused() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            try FileManager.default.moveItem(atPath: draw + "/provisional.csv", toPath: scratch + "/provisional.csv")
            try FileManager.default.createSymbolicLink(atPath: draw + "/provisional.csv", withDestinationPath: scratch + "/provisional.csv")
            let message = try #require(Self.finalize(draw, returned))
            #expect(message.contains("provisional.csv: error: is a symbolic link"), "\(message)")
        }
    }

    @Test func fifoInTheDrawDirectory_isRefusedAtOnce() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            try FileManager.default.removeItem(atPath: draw + "/spec.json")
            #expect(mkfifo(draw + "/spec.json", 0o644) == 0)
            let message = try #require(Self.finalize(draw, returned))
            #expect(message.contains("spec.json: error: is a FIFO (named pipe), not a regular file"), "\(message)")
        }
    }

    // MARK: - finalize.json edited

    /// Issue 15, item 11: replace accepted a finalize.json whose history was emptied.
    @Test(arguments: [
        ("emptied history", #"history": \[[^\]]*\]"#, #"history": []"#, "history does not begin with the one finalize entry"),
        ("edited count", #""final": 30,"#, #""final": 29,"#, "sample.final 29 is not selected + substitutes"),
        ("edited seed", #""seed": 5,"#, #""seed": 6,"#, "recordSHA256 is not the SHA-256 of the rest of the record"),
    ])
    func editedFinalizeRecord_isRefusedByReplace(name: String, pattern: String, replacement: String, expected: String) throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            let final = scratch + "/final"
            _ = try FinalizeJob(drawDirectory: draw, returnedPath: returned, toolVersion: "test").run(writingTo: final, replacingExisting: false)
            let reference = try FinalizeTests.rows(final + "/final.csv")[0][0]
            let path = final + "/finalize.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let range = try #require(text.range(of: pattern, options: .regularExpression), "\(name)")
            try text.replacingCharacters(in: range, with: replacement).write(toFile: path, atomically: false, encoding: .utf8)
            let message = try #require(Self.failure {
                _ = try ReplaceJob(directory: final, caseReference: reference, reason: "yot-held", toolVersion: "test").run()
            }, "\(name)")
            #expect(message.contains("finalize.json does not agree with itself"), "\(message)")
            #expect(message.contains(expected), "\(message)")
        }
    }

    // MARK: - --force

    /// Issue 15, item 11: `--force` deleted a directory whose only mark was a draw.json holding `{}`.
    @Test func forceOverADirectoryMarkedOnlyByAnEmptyRecord_isRefused() throws {
        try withScratch { scratch in
            let target = scratch + "/mine"
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
            try writeBytes(Array("{}".utf8), to: target + "/draw.json")
            try writeBytes(Array("my own notes".utf8), to: target + "/notes.txt")
            let job = DrawJob(
                longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: try readBytes(Examples.domainTwoPath),
                size: 10, seed: 5, substitutesPerCase: 1, delimiter: nil, toolVersion: "test")
            let message = try #require(Self.failure { _ = try job.run(writingTo: target, replacingExisting: true) })
            #expect(message.contains("is not a complete draw (its draw.json is not a draw record)"), "\(message)")
            #expect(try readBytes(target + "/notes.txt") == Array("my own notes".utf8))

            // A complete draw is replaced; one missing a file it lists is not.
            let (draw, _) = try Self.drawWithReturnedList(in: scratch)
            _ = try job.run(writingTo: draw, replacingExisting: true)
            try FileManager.default.removeItem(atPath: draw + "/excluded.csv")
            let incomplete = try #require(Self.failure { _ = try job.run(writingTo: draw, replacingExisting: true) })
            #expect(incomplete.contains("is not a complete draw (it lacks excluded.csv, which its draw.json lists)"), "\(incomplete)")
        }
    }

    @Test func forceOverAnIncompleteFinalSample_isRefused() throws {
        try withScratch { scratch in
            let (draw, returned) = try Self.drawWithReturnedList(in: scratch)
            let target = scratch + "/final"
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
            try writeBytes(Array("{}".utf8), to: target + "/finalize.json")
            let job = FinalizeJob(drawDirectory: draw, returnedPath: returned, toolVersion: "test")
            let message = try #require(Self.failure { _ = try job.run(writingTo: target, replacingExisting: true) })
            #expect(message.contains("is not a complete final sample"), "\(message)")
        }
    }

    // MARK: - Substitutes

    /// Issue 15, item 6: the draw's time grew with --substitutes, not with the data.
    @Test(arguments: [
        (101, "101 substitutes per case is more than casesample draws (at most 100)"),
        (95, "95 substitutes per case is more than the population can give: 100 eligible cases, 10 drawn, so at most 90"),
    ])
    func substitutesBeyondTheBounds_areRefused(perCase: Int, expected: String) throws {
        let message = try #require(Self.failure { try DrawJob.checkSubstitutes(perCase, size: 10, eligible: 100) })
        #expect(message == expected + (perCase == 101 ? "; give --substitutes from 0 to 100" : " substitutes per case; give --substitutes 90 or less"))
        #expect(Self.failure { try DrawJob.checkSubstitutes(90, size: 10, eligible: 100) } == nil)
        #expect(Self.failure { try DrawJob.checkSubstitutes(1, size: 10, eligible: 10) } == nil, "one substitute a case is always allowed")
    }
}
