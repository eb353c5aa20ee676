import Foundation

@testable import CaseSampling

/// Purpose-built long lists classified by a built-in spec, and the shipped example of a spec run
/// through draw, verify, finalize and replace.
enum SpecFixtures {
    /// `header` and `rows` (CRLF-terminated CSV lines) classified by the built-in spec `name`, its
    /// period placed by `fieldworkStart`.
    static func population(spec name: String, header: String, rows: [String], fieldworkStart: String) throws -> Population {
        let spec = try SampleSpec.load(nameOrPath: name).spec.resolvingPeriod(fieldworkStart: fieldworkStart).spec
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).csv").path
        try writeBytes(Array((header + rows.joined()).utf8), to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Population.classify(try LongListReader.read(path: path, columns: spec.columnRequests), by: spec)
    }

    /// Each exclusion reason that excluded a row, with its count.
    static func reasons(_ population: Population) -> [String: Int] {
        Dictionary(population.reasons.filter { $0.count > 0 }.map { ($0.code, $0.count) }, uniquingKeysWith: +)
    }

    /// What the shipped example of spec `name` gave through the whole cycle.
    struct Cycle {
        var record: DrawRecord
        var verification: Verification
        var final: FinalizeRecord
        var afterReplace: FinalizeRecord
    }

    /// Draws the example with seed 7, verifies it, finalizes it with a returned list that marks the
    /// third provisional case with `returnedReason`, and replaces the first final case for `replaceReason`.
    static func cycle(spec name: String, example: String, fieldworkStart: String, returnedReason: String,
                      replaceReason: String, in scratch: String) throws -> Cycle {
        let path = Examples.root.appendingPathComponent("SampleSpecs/examples/\(example)").path
        let loaded = try SampleSpec.load(nameOrPath: name)
        var job = DrawJob(
            longListPath: path, spec: loaded.spec, specBytes: loaded.bytes, size: nil, seed: 7,
            substitutesPerCase: nil, delimiter: nil, toolVersion: "test")
        job.fieldworkStart = fieldworkStart
        let (_, record) = try job.run(writingTo: scratch + "/draw", replacingExisting: false)
        let verification = try Verification(directory: scratch + "/draw", longListPath: path, toolVersion: "test")

        let provisional = try CSVRecords.parse(try readBytes(scratch + "/draw/provisional.csv"), file: "p")
        var returned = provisional[0].fields.joined(separator: ",") + ",Exclusion reason\r\n"
        for (index, row) in provisional.dropFirst().enumerated() {
            returned += row.fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")
                + (index == 2 ? ",\(returnedReason)\r\n" : ",\r\n")
        }
        try writeBytes(Array(returned.utf8), to: scratch + "/returned.csv")
        let final = try FinalizeJob(drawDirectory: scratch + "/draw", returnedPath: scratch + "/returned.csv", toolVersion: "test")
            .run(writingTo: scratch + "/final", replacingExisting: false)
        let member = final.sample.members[0].drawn.reference
        let replaced = try ReplaceJob(directory: scratch + "/final", caseReference: member, reason: replaceReason, toolVersion: "test").runAndWrite()
        return Cycle(record: record, verification: verification, final: final.outputs.record, afterReplace: replaced.outputs.record)
    }
}
