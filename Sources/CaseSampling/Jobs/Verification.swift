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
        let recordBytes = try read(OutputFiles.drawRecord)
        let record: DrawRecord
        do {
            record = try DrawRecord.load(bytes: recordBytes, file: "\(directory)/\(OutputFiles.drawRecord)")
        } catch {
            throw Failure(description: error.description)
        }
        guard let delimiter = record.input.delimiter.utf8.first else {
            throw Failure(description: "\(directory)/\(OutputFiles.drawRecord): not a draw record (input.delimiter is empty)")
        }
        var differences: [String] = []
        if record.tool.version != toolVersion {
            differences.append("draw.json was written by casesample \(record.tool.version); this is \(toolVersion), so the record's version line will differ")
        }
        if record.draw.algorithmVersion != DrawResult.algorithmVersion {
            differences.append("draw.json records algorithm version \(record.draw.algorithmVersion); this casesample draws with version \(DrawResult.algorithmVersion), so the sample may differ (re-run with the casesample that made the draw)")
        }
        let specBytes = try read(OutputFiles.spec)
        if record.spec.sha256 != SHA256.hexDigest(specBytes) {
            differences.append("spec.json: its SHA-256 is not the one recorded in draw.json (the spec was edited)")
        }
        let digest = try SHA256.hexDigest(ofFileAt: longListPath)
        if digest != record.input.sha256 {
            differences.append("\(longListPath): SHA-256 \(digest) is not the recorded \(record.input.sha256) (\(record.input.file)): this is not the long list that was drawn from")
        }
        let spec = try SampleSpec.load(bytes: specBytes, file: "\(directory)/\(OutputFiles.spec)")
        let job = DrawJob(
            longListPath: longListPath, spec: spec, specBytes: specBytes,
            size: record.draw.sizeCalculation.isFromCommandLine ? record.draw.size : nil, seed: record.draw.seed,
            substitutesPerCase: record.draw.substitutesPerCase, delimiter: delimiter, toolVersion: toolVersion,
            recordedInputName: record.input.file, units: record.units.requested.map { UnitSelection(entries: $0) },
            minimumPerUnit: record.units.minimumPerUnit, maximumPerOfficer: record.officerLimit?.limit)
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
