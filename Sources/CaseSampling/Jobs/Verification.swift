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
            let path = "\(directory)/\(name)"
            switch Self.file(at: path, holds: bytes) {
            case nil:
                differences.append("\(name): missing from \(directory)")
            case false?:
                let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
                differences.append("\(name): " + Self.describeDifference(existing, bytes))
            case true?:
                break
            }
        }
        self.differences = differences
        comparedFiles = outputs.files.map(\.name)
    }

    /// Whether the file at `path` holds exactly `expected`, compared a MiB at a time so that a large
    /// output is not read into memory whole; nil when the file cannot be opened or read.
    static func file(at path: String, holds expected: [UInt8]) -> Bool? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var offset = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { return nil }
            if chunk.isEmpty { return offset == expected.count }
            guard offset + chunk.count <= expected.count else { return false }
            let same = chunk.withUnsafeBytes { found in
                expected.withUnsafeBytes { memcmp(found.baseAddress!, $0.baseAddress! + offset, found.count) == 0 }
            }
            guard same else { return false }
            offset += chunk.count
        }
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
