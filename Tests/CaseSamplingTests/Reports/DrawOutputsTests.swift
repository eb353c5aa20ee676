import Foundation
import Testing

@testable import CaseSampling

/// How `draw` builds its outputs: `excluded.csv` built and hashed ahead, while the draw runs, must
/// give the files the one-step build gives, and the record the digest of every file.
@Suite struct DrawOutputsTests {
    static func exampleJob(seed: UInt64) throws -> DrawJob {
        let specBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Examples.domainTwoPath)))
        return DrawJob(
            longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: specBytes, size: 60, seed: seed,
            substitutesPerCase: 2, delimiter: nil, toolVersion: "test")
    }

    @Test(arguments: [UInt64(7), 11])
    func jobOutputsEqualTheOneStepBuild(seed: UInt64) throws {
        let job = try Self.exampleJob(seed: seed)
        let (result, outputs) = try job.run()
        let oneStep = DrawOutputs(
            result: result, specBytes: job.specBytes, inputName: "long-list.csv",
            inputSHA256: try SHA256.hexDigest(ofFileAt: job.longListPath), toolVersion: "test",
            sizeCalculation: DrawRecord.SizeCalculation(source: "--size"))
        #expect(outputs.files.map(\.name) == OutputFiles.draw)
        #expect(outputs.files.map(\.name) == oneStep.files.map(\.name))
        for (mine, theirs) in zip(outputs.files, oneStep.files) {
            #expect(mine.bytes == theirs.bytes, "\(mine.name)")
        }
        #expect(outputs.record == oneStep.record)
    }

    @Test func recordGivesEachOutputsDigest() throws {
        let (_, outputs) = try Self.exampleJob(seed: 3).run()
        for (name, bytes) in outputs.files.prefix(3) {
            #expect(outputs.record.document["outputs"]?[name]?["sha256"]?.stringValue == SHA256.hexDigest(bytes), "\(name)")
        }
        #expect(outputs.files[2].name == "excluded.csv")
        #expect(outputs.files[2].bytes.count > 10_000)
    }

    /// `excluded.csv` made in parts of a few rows each, consumed in order, is the file made in one
    /// part, and its digest is the digest of its bytes.
    @Test(arguments: [1, 300, 5_000])
    func excludedFileInSmallPartsIsTheWholeFile(partSize: Int) throws {
        let population = try Examples.examplePopulation()
        let whole = MemorySink(), inParts = MemorySink()
        let wholeDigest = try ExcludedFile.write(of: population, to: whole, partSize: 1 << 30)
        let digest = try ExcludedFile.write(of: population, to: inParts, partSize: partSize)
        let parts = ExcludedFile.parts(of: population, size: partSize)
        #expect(parts.count > (partSize == 1 ? 300 : 2), "the file is made in many parts")
        #expect(parts.flatMap(\.rows) == (0..<population.rowCount).filter { population.exclusionReason(of: $0) != nil })
        #expect(inParts.bytes == whole.bytes)
        #expect(digest == wholeDigest)
        #expect(digest == SHA256.hexDigest(whole.bytes))
        #expect(whole.bytes.starts(with: CSVWriter.byteOrderMark))
        #expect(whole.bytes.dropFirst(3).firstRange(of: CSVWriter.byteOrderMark) == nil, "one byte order mark, at the start")
    }

    /// A long list with nothing excluded gives the header alone.
    @Test func excludedFileWithNoExcludedRowsIsTheHeader() throws {
        let population = try TestPopulations.population((0..<6).map { TestPopulations.Row(crn: "A\($0)", tier1: "North", tier2: "Durham") })
        #expect(population.excludedCount == 0)
        let sink = MemorySink()
        let digest = try ExcludedFile.write(of: population, to: sink, partSize: 1)
        var header = CSVWriter()
        header.append(record: population.list.headers + ["Reason"])
        #expect(sink.bytes == header.bytes)
        #expect(digest == SHA256.hexDigest(header.bytes))
    }

    /// With a sink, the job streams `excluded.csv` into it, finishes it, and leaves it out of the
    /// files it returns; the record still holds its digest.
    @Test func jobStreamsExcludedIntoTheSink() throws {
        let job = try Self.exampleJob(seed: 5)
        let sink = RecordingSink()
        let (_, streamed) = try job.run(excludedTo: sink)
        let (_, inMemory) = try job.run()
        #expect(streamed.files.map(\.name) == OutputFiles.draw.filter { $0 != "excluded.csv" })
        let excluded = try #require(inMemory.files.first { $0.name == "excluded.csv" })
        #expect(sink.bytes == excluded.bytes)
        #expect(sink.finishCount == 1)
        #expect(streamed.record == inMemory.record)
        #expect(streamed.record.document["outputs"]?["excluded.csv"]?["sha256"]?.stringValue == SHA256.hexDigest(excluded.bytes))
    }

    /// A sink that fails (a full disk) fails the job with its error, and nothing more is written.
    @Test func jobFailsWhenTheSinkFails() throws {
        let sink = RecordingSink(failingAfter: 1)
        #expect(throws: OutputError.self) { try Self.exampleJob(seed: 5).run(excludedTo: sink) }
        #expect(sink.writeCount == 2, "the header, then the rows, which fail; nothing after")
        #expect(sink.finishCount == 0)
    }

    @Test func recordHoldsTheDigestOfEveryOutputFile() throws {
        let population = try Examples.examplePopulation()
        let result = try DrawResult.draw(from: population, request: DrawRequest(size: 40, seed: 3))
        let outputs = DrawOutputs(
            result: result, excluded: DrawOutputs.excludedInMemory(of: population), specBytes: [], inputName: "x.csv",
            inputSHA256: "", toolVersion: "t", sizeCalculation: DrawRecord.SizeCalculation(source: "--size"))
        for (name, bytes) in outputs.files where name.hasSuffix(".csv") {
            #expect(outputs.record.document["outputs"]?[name]?["sha256"]?.stringValue == SHA256.hexDigest(bytes), "\(name)")
        }
    }

    /// One unit spelt two ways is one block of provisional.csv, sorted by case reference.
    @Test func provisionalKeepsAUnitTogether_howeverItIsSpelt() throws {
        var rows = (0..<8).map { TestPopulations.Row(crn: "A\(100 + $0)", tier1: $0 % 2 == 0 ? "North" : "north", tier2: $0 % 2 == 0 ? "Durham" : " durham ") }
        rows += (0..<8).map { TestPopulations.Row(crn: "B\(100 + $0)", tier1: "North", tier2: "Stockton") }
        let population = try TestPopulations.population(rows)
        let result = try DrawResult.draw(from: population, request: DrawRequest(size: 16, seed: 1, substitutesPerCase: 0))
        let outputs = DrawOutputs(result: result, specBytes: [], inputName: "x.csv", inputSHA256: "", toolVersion: "t", sizeCalculation: DrawRecord.SizeCalculation(source: "--size"))
        let csv = try CSVRecords.parse(Array(outputs.files[0].bytes.dropFirst(3)), file: "provisional.csv").dropFirst()
        #expect(csv.map { $0.fields[0] } == (0..<8).map { "A\(100 + $0)" } + (0..<8).map { "B\(100 + $0)" })
    }
}

/// A sink that keeps its bytes, counts calls, and can fail from a given write on.
final class RecordingSink: ByteSink, @unchecked Sendable {
    // Written by one thread at a time (the ``ByteSink`` contract); read after the job.
    private(set) var bytes: [UInt8] = []
    private(set) var writeCount = 0
    private(set) var finishCount = 0
    let failingAfter: Int

    init(failingAfter: Int = .max) {
        self.failingAfter = failingAfter
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        precondition(finishCount == 0, "written after finish")
        writeCount += 1
        if writeCount > failingAfter {
            throw OutputError(.systemCallFailed, path: "excluded.csv", message: "cannot write the file: No space left on device")
        }
        self.bytes.append(contentsOf: bytes)
    }

    func finish() {
        finishCount += 1
    }
}
