import Foundation
import Testing
@testable import CaseSampling

/// Values found only in invalid rows do not stop classification: such rows are refused by a draw
/// anyway, and a row whose fields are shifted would otherwise report a surname as an unknown gender.
@Suite struct InvalidRowClassificationTests {
    typealias Row = TestPopulations.Row

    static func list(_ text: String) throws -> LongList {
        try LongListReader.read(bytes: Array(text.utf8), file: "list.csv", columns: TestPopulations.spec.columnRequests)
    }

    @Test func shiftedAndTruncatedRows_doNotStopClassification() throws {
        var text = String(decoding: TestPopulations.csv([Row(crn: "A1"), Row(crn: "A2", yot: "Y")]), as: UTF8.self)
        text += "A3,Smith, Jr,Male,Community Order,Medium,North,Team 1,N\r\n"  // " Jr" lands in Gender
        text += "A4,Smith\r\n"  // blank gender, sentence type and RoSH, which the spec does not allow
        let population = try Population.classify(try Self.list(text), by: TestPopulations.spec)
        #expect(population.invalidCount == 2)
        #expect(population.eligibleCount == 1 && population.excludedCount == 1)
        #expect(population.warnings.isEmpty)
        #expect(population.variables[0].categories.map(\.code) == ["male", "female"])
    }

    @Test func valueInBothValidAndInvalidRows_isCountedOverValidRowsOnly() throws {
        var text = String(decoding: TestPopulations.csv([Row(crn: "A1", rosh: "Severe"), Row(crn: "A2")]), as: UTF8.self)
        text += "A3,Smith,Male,Community Order,Severe,North\r\n"
        #expect {
            try Population.classify(try Self.list(text), by: TestPopulations.spec)
        } throws: { error in
            (error as? ClassificationError)?.problems.map { "\($0.line ?? 0) \($0.header ?? "") \($0.message)" } == [
                "2 RoSH 1 row has a value the spec does not know (a value of 6 letters, first here); the spec accepts \"Low\", \"Medium\", \"High\", \"Very High\"",
            ]
        }
    }

    @Test func inspect_classifiesAListWithATruncatedRow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("casesample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("list.csv").path
        let text = String(decoding: TestPopulations.csv([Row(crn: "A1"), Row(crn: "A2")]), as: UTF8.self) + "A3,Smith\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let report = try InspectReport(path: path, spec: TestPopulations.spec, delimiter: nil)
        #expect(!report.isReadable)
        #expect(report.population?.eligibleCount == 2)
        #expect(report.problems.map(\.kind) == [.tooFewFields])
    }
}
