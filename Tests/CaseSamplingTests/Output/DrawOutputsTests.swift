import Foundation
import Testing

@testable import CaseSampling

extension OutputTests {
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
                sizeCalculation: .object([("source", "--size")]))
            #expect(outputs.files.map(\.name) == DrawOutputs.fileNames)
            #expect(outputs.files.map(\.name) == oneStep.files.map(\.name))
            for (mine, theirs) in zip(outputs.files, oneStep.files) {
                #expect(mine.bytes == theirs.bytes, "\(mine.name)")
            }
            #expect(outputs.record == oneStep.record)
        }

        @Test func recordGivesEachOutputsDigest() throws {
            let (_, outputs) = try Self.exampleJob(seed: 3).run()
            for (name, bytes) in outputs.files.prefix(3) {
                #expect(outputs.record["outputs"]?[name]?["sha256"]?.stringValue == SHA256.hexDigest(bytes), "\(name)")
            }
            #expect(outputs.files[2].name == "excluded.csv")
            #expect(outputs.files[2].bytes.count > 10_000)
        }

        @Test func excludedFileCarriesTheDigestOfItsBytes() throws {
            let prepared = DrawOutputs.excludedFile(of: try Examples.examplePopulation())
            #expect(prepared.sha256 == SHA256.hexDigest(prepared.bytes))
            #expect(prepared.bytes == DrawOutputs.excludedRows(of: try Examples.examplePopulation()).bytes)
        }

        @Test func recordHoldsTheDigestOfEveryOutputFile() throws {
            let population = try Examples.examplePopulation()
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 40, seed: 3))
            let outputs = DrawOutputs(
                result: result, excluded: DrawOutputs.excludedFile(of: population), specBytes: [], inputName: "x.csv",
                inputSHA256: "", toolVersion: "t", sizeCalculation: .null)
            for (name, bytes) in outputs.files where name.hasSuffix(".csv") {
                #expect(outputs.record["outputs"]?[name]?["sha256"]?.stringValue == SHA256.hexDigest(bytes), "\(name)")
            }
        }

        /// One unit spelt two ways is one block of provisional.csv, sorted by case reference.
        @Test func provisionalKeepsAUnitTogether_howeverItIsSpelt() throws {
            var rows = (0..<8).map { TestPopulations.Row(crn: "A\(100 + $0)", tier1: $0 % 2 == 0 ? "North" : "north", tier2: $0 % 2 == 0 ? "Durham" : " durham ") }
            rows += (0..<8).map { TestPopulations.Row(crn: "B\(100 + $0)", tier1: "North", tier2: "Stockton") }
            let population = try TestPopulations.population(rows)
            let result = try DrawResult.draw(from: population, request: DrawRequest(size: 16, seed: 1, substitutesPerCase: 0))
            let outputs = DrawOutputs(result: result, specBytes: [], inputName: "x.csv", inputSHA256: "", toolVersion: "t", sizeCalculation: .null)
            let csv = try CSVRecords.parse(Array(outputs.files[0].bytes.dropFirst(3)), file: "provisional.csv").dropFirst()
            #expect(csv.map { $0.fields[0] } == (0..<8).map { "A\(100 + $0)" } + (0..<8).map { "B\(100 + $0)" })
        }
    }
}
