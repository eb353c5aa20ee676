import Foundation
import Testing
@testable import CaseSampling

/// `draw --xlsx`: `provisional.xlsx` holds the sample and the substitutes as text, is recorded in
/// `draw.json`, and is re-derived by `verify` and checked by `finalize`.
@Suite struct DrawOutputsWorkbookTests {
    static func job(longList: String = Examples.longListPath) throws -> DrawJob {
        var job = DrawJob(
            longListPath: longList, spec: try Examples.domainTwo(),
            specBytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Examples.domainTwoPath))), size: 120, seed: 7,
            substitutesPerCase: nil, delimiter: nil, toolVersion: "test")
        job.writesWorkbook = true
        return job
    }

    @Test func provisionalWorkbook_holdsTheSampleAndSubstitutesAsText_andIsRecorded() throws {
        let (_, outputs) = try Self.job().run()
        let file = try #require(outputs.files.first { $0.name == OutputFiles.provisionalWorkbook })
        #expect(outputs.record.outputs[OutputFiles.provisionalWorkbook] == SHA256.hexDigest(file.bytes))
        let workbook = try Workbook(bytes: file.bytes)
        #expect(workbook.sheets.map(\.name) == ["Sample", "Substitutes"])
        for (sheet, csvName) in [("Sample", OutputFiles.provisional), ("Substitutes", OutputFiles.substitutes)] {
            let rows = try workbook.rows(in: workbook.sheet(named: sheet)).map(\.cells)
            let csv = try CSVRecords.parse(outputs.files.first { $0.name == csvName }!.bytes, file: csvName).map(\.fields)
            #expect(rows.count == csv.count)
            // Case references, strata and every other cell agree with the CSV (whose rows run to the
            // header's width; a workbook row ends at its last value).
            for (row, line) in zip(rows, csv) {
                #expect(row == Array(line.prefix(row.count)))
                #expect(line.dropFirst(row.count).allSatisfy { $0.isEmpty })
            }
        }
        // The same inputs give the same bytes.
        let (_, again) = try Self.job().run()
        #expect(again.files.first { $0.name == OutputFiles.provisionalWorkbook }!.bytes == file.bytes)
    }

    @Test func caseReferencesThatLookLikeNumbers_stayText() throws {
        try withScratch { scratch in
            // C569662 is eligible, and with every eligible case drawn it is in the sample.
            let text = String(decoding: try Examples.exampleBytes(), as: UTF8.self).replacingOccurrences(of: "C569662,", with: "00012E5,")
            let path = scratch + "/numbers.csv"
            try writeBytes(Array(text.utf8), to: path)
            var job = try Self.job(longList: path)
            job.size = 1624
            let (_, outputs) = try job.run()
            let workbook = try Workbook(bytes: outputs.files.first { $0.name == OutputFiles.provisionalWorkbook }!.bytes)
            let references = try workbook.rows(in: workbook.sheet(named: "Sample")).map { $0.cells[0] }
            let found = references.contains("00012E5")
            #expect(found)
        }
    }

    @Test func verify_reDerivesTheWorkbook_andFindsItEdited() throws {
        try withScratch { scratch in
            let directory = scratch + "/sample"
            _ = try Self.job().run(writingTo: directory, replacingExisting: false)
            #expect(FileManager.default.fileExists(atPath: directory + "/" + OutputFiles.provisionalWorkbook))
            let verified = try Verification(directory: directory, longListPath: Examples.longListPath, toolVersion: "test")
            #expect(verified.matches, "\(verified.differences)")
            #expect(verified.comparedFiles.contains(OutputFiles.provisionalWorkbook))
            var bytes = try readBytes(directory + "/" + OutputFiles.provisionalWorkbook)
            bytes[bytes.count / 2] ^= 1
            try writeBytes(bytes, to: directory + "/" + OutputFiles.provisionalWorkbook)
            let edited = try Verification(directory: directory, longListPath: Examples.longListPath, toolVersion: "test")
            #expect(edited.differences.contains { $0.hasPrefix(OutputFiles.provisionalWorkbook) })
        }
    }
}
