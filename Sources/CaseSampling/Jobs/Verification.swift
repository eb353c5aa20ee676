import Foundation

/// Re-runs the draw recorded in a directory and compares every output byte for byte.
public struct Verification: Sendable {
    /// What differs; empty when everything matches.
    public var differences: [String]
    public var comparedFiles: [String]

    public var matches: Bool { differences.isEmpty }

    /// Why a directory cannot be verified at all.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(directory: String, longListPath: String, toolVersion: String) throws {
        func read(_ name: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(name)") else {
                throw Failure(description: "\(directory)/\(name): cannot read it; is this a directory written by 'casesample draw'?")
            }
            return [UInt8](data)
        }
        let recordBytes = try read("draw.json")
        let record: JSONValue
        do { record = try JSONValue.parse(recordBytes) } catch {
            throw Failure(description: "\(directory)/draw.json: not valid JSON: \(error)")
        }
        guard let seed = record["draw"]?["seed"]?.intValue, let size = record["draw"]?["size"]?.intValue,
              let substitutes = record["draw"]?["substitutesPerCase"]?.intValue,
              let inputName = record["input"]?["file"]?.stringValue, let inputDigest = record["input"]?["sha256"]?.stringValue,
              let delimiter = record["input"]?["delimiter"]?.stringValue?.utf8.first
        else { throw Failure(description: "\(directory)/draw.json: not a draw record (seed, size or input missing)") }
        var differences: [String] = []
        if let recorded = record["tool"]?["version"]?.stringValue, recorded != toolVersion {
            differences.append("draw.json was written by casesample \(recorded); this is \(toolVersion), so the record's version line will differ")
        }
        let specBytes = try read("spec.json")
        if let recorded = record["spec"]?["sha256"]?.stringValue, recorded != SHA256.hexDigest(specBytes) {
            differences.append("spec.json: its SHA-256 is not the one recorded in draw.json (the spec was edited)")
        }
        let digest = try SHA256.hexDigest(ofFileAt: longListPath)
        if digest != inputDigest {
            differences.append("\(longListPath): SHA-256 \(digest) is not the recorded \(inputDigest) (\(inputName)): this is not the long list that was drawn from")
        }
        let spec = try SampleSpec.load(bytes: specBytes, file: "\(directory)/spec.json")
        let fromSize = record["draw"]?["sizeCalculation"]?["source"]?.stringValue == "--size"
        let units = record["units"]?["requested"]?.arrayValue.map { UnitSelection(entries: $0.compactMap(\.stringValue)) }
        let job = DrawJob(
            longListPath: longListPath, spec: spec, specBytes: specBytes, size: fromSize ? size : nil, seed: UInt64(truncatingIfNeeded: seed),
            substitutesPerCase: substitutes, delimiter: delimiter, toolVersion: toolVersion, recordedInputName: inputName,
            units: units, minimumPerUnit: record["units"]?["minimumPerUnit"]?.intValue,
            maximumPerOfficer: record["officerLimit"]?["limit"]?.intValue)
        let (_, outputs) = try job.run()
        for (name, bytes) in outputs.files {
            guard let existing = FileManager.default.contents(atPath: "\(directory)/\(name)") else {
                differences.append("\(name): missing from \(directory)")
                continue
            }
            if [UInt8](existing) != bytes { differences.append("\(name): " + Self.describeDifference([UInt8](existing), bytes)) }
        }
        self.differences = differences
        comparedFiles = outputs.files.map(\.name)
    }

    /// Where two files first differ, by line.
    static func describeDifference(_ found: [UInt8], _ expected: [UInt8]) -> String {
        let a = found.split(separator: 0x0A, omittingEmptySubsequences: false)
        let b = expected.split(separator: 0x0A, omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) where a[safe: i] != b[safe: i] {
            return "differs from a re-run of the draw, first at line \(i + 1) (\(a.count) lines found, \(b.count) expected)"
        }
        return "differs from a re-run of the draw"
    }
}
