import Foundation
import Testing

@testable import CaseSampling

/// The tests of `Sources/CaseSampling/Finalize/`, gathered so that `swift test --filter FinalizeTests`
/// runs them all: the returned list, the final sample, fieldwork replacement and their files.
@Suite enum FinalizeTests {
    /// The README's draw of the example long list (`--size 120 --seed 7`), written to `directory`.
    static func drawExample(to directory: String) throws {
        let spec = try Examples.domainTwo()
        let job = DrawJob(
            longListPath: Examples.longListPath, spec: spec, specBytes: try readBytes(Examples.domainTwoPath), size: 120, seed: 7,
            substitutesPerCase: nil, delimiter: nil, toolVersion: "test")
        try OutputDirectory.write(try job.run().outputs.files, to: directory, replacingExisting: false, marker: "draw.json")
    }

    static let examplePath = Examples.root.appendingPathComponent("SampleSpecs/examples/returned.csv").path

    /// Finalizes and writes; returns the outputs.
    @discardableResult
    static func finalize(draw: String, returned: String, out: String, missingMeansKept: Bool = false) throws -> FinalOutputs {
        let outputs = try FinalizeJob(
            drawDirectory: draw, returnedPath: returned, missingMeansKept: missingMeansKept, toolVersion: "test").run().outputs
        try outputs.write(to: out, replacingExisting: false)
        return outputs
    }

    /// The records of one of the output CSVs, without the header.
    static func rows(_ path: String) throws -> [[String]] {
        try CSVRecords.parse(readBytes(path), file: path).dropFirst().map(\.fields)
    }

    static func json(_ path: String) throws -> JSONValue { try JSONValue.parse(readBytes(path)) }
}
