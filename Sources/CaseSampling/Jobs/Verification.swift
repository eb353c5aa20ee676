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

    /// Re-runs the draw recorded in `directory` on the long list at `longListPath` (`-`: standard input,
    /// read once), with the recorded sheet, `--column` mappings and `--date-order`.
    public init(directory: String, longListPath: String, toolVersion: String) throws {
        func read(_ name: String) throws -> [UInt8] {
            switch DirectoryFile.read(name, in: directory) {
            case .success(let bytes): return bytes
            case .failure(.missing):
                throw Failure(description: "\(directory)/\(name): cannot read it; is this a directory written by 'casesample draw'?")
            case .failure(let failure):
                throw Failure(description: "\(directory)/\(name): \(failure)")
            }
        }
        let recordBytes = try read(OutputFiles.drawRecord)
        let record: DrawRecord
        do {
            record = try DrawRecord.load(bytes: recordBytes, file: "\(directory)/\(OutputFiles.drawRecord)")
        } catch {
            throw Failure(description: error.description)
        }
        // An edited record is refused before the long list is read: a draw.json asking for 10^12
        // substitutes per case would otherwise run for ever.
        let inconsistencies = record.consistencyProblems
        guard inconsistencies.isEmpty else {
            throw Failure(description: "\(directory)/\(OutputFiles.drawRecord): does not agree with itself, so it is not the record casesample wrote; nothing was re-run:\n" + inconsistencies.map { "  " + $0 }.joined(separator: "\n"))
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
        let source = try LongListSource(path: longListPath, sheet: record.input.sheet)
        let spec = try SampleSpec.load(bytes: specBytes, file: "\(directory)/\(OutputFiles.spec)")
        var job = DrawJob(
            longListPath: longListPath, spec: spec, specBytes: specBytes,
            size: record.draw.sizeCalculation.isFromCommandLine ? record.draw.size : nil, seed: record.draw.seed,
            substitutesPerCase: record.draw.substitutesPerCase, delimiter: delimiter, toolVersion: toolVersion,
            recordedInputName: record.input.file, units: record.units.requested.map { UnitSelection(entries: $0) },
            minimumPerUnit: record.units.minimumPerUnit, maximumPerOfficer: record.officerLimit?.limit)
        job.source = source
        job.balancesUnits = record.units.balanced ?? true
        job.officerLimitRepetitions = record.officerLimit?.inclusionProbabilities?.repetitions ?? OfficerLimitProbabilities.drawRepetitions
        job.recordedAsStandardInput = record.input.standardInput ?? false
        job.writesWorkbook = record.outputs[OutputFiles.provisionalWorkbook] != nil
        job.input = try Self.inputOptions(of: record, file: "\(directory)/\(OutputFiles.drawRecord)")
        job.specSource = record.spec.source
        job.title = record.title
        job.fieldworkStart = record.period?.fieldworkStart
        job.windowWeeks = record.period?.windowWeeks
        job.shiftWeeks = record.period?.shiftWeeks ?? 0
        // excluded.csv is compared as the re-run writes it, never held whole; the input's digest is the
        // one the re-run computes, alongside its parse.
        let excluded = ComparingSink(comparingWith: OutputFiles.excluded, in: directory)
        let (_, outputs) = try job.run(excludedTo: excluded)
        let digest = outputs.record.input.sha256
        if digest != record.input.sha256 {
            differences.append("\(source.name): SHA-256 \(digest) is not the recorded \(record.input.sha256) (\(record.input.file)): this is not the long list that was drawn from")
        }
        var compared: [String] = []
        for (name, bytes) in outputs.files {
            compared.append(name)
            switch Self.file(named: name, in: directory, holds: bytes) {
            case .failure(.missing):
                differences.append("\(name): missing from \(directory)")
            case .failure(let failure):
                differences.append("\(name): \(failure)")
            case .success(false):
                let existing = (try? DirectoryFile.read(name, in: directory).get()) ?? []
                differences.append("\(name): " + Self.describeDifference(existing, bytes))
            case .success(true):
                break
            }
            // excluded.csv comes after substitutes.csv, as in every draw directory.
            guard name == OutputFiles.substitutes else { continue }
            compared.append(OutputFiles.excluded)
            switch excluded.verdict {
            case .same: break
            case .differs(let text): differences.append("\(OutputFiles.excluded): \(text)")
            case .failure(.missing): differences.append("\(OutputFiles.excluded): missing from \(directory)")
            case .failure(let failure): differences.append("\(OutputFiles.excluded): \(failure)")
            }
        }
        self.differences = differences
        comparedFiles = compared
    }

    /// The sheet, `--column` mappings and `--date-order` a record holds.
    static func inputOptions(of record: DrawRecord, file: String) throws -> InputOptions {
        var input = InputOptions(sheet: record.input.sheet)
        for entry in record.input.columns ?? [] {
            guard let mapping = ColumnMapping(argument: entry) else {
                throw Failure(description: "\(file): input.columns holds \"\(entry)\", which is not role=header")
            }
            input.columns.append(mapping)
        }
        if let order = record.input.dateOrder {
            guard let parsed = DateOrder(rawValue: order) else {
                throw Failure(description: "\(file): input.dateOrder is not one of \(DateOrder.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            input.dateOrder = parsed
        }
        return input
    }

    /// Whether `directory/name` holds exactly `expected`, compared a MiB at a time so that a large
    /// output is not read into memory whole; a failure when it is not a regular file inside the
    /// directory (a FIFO there is refused at once, not waited on) or cannot be read.
    static func file(named name: String, in directory: String, holds expected: [UInt8]) -> Result<Bool, DirectoryFile.Failure> {
        let handle: FileHandle
        switch DirectoryFile.open(name, in: directory) {
        case .success(let descriptor): handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        case .failure(let failure): return .failure(failure)
        }
        defer { try? handle.close() }
        var offset = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { return .failure(.unreadable(EIO)) }
            if chunk.isEmpty { return .success(offset == expected.count) }
            guard offset + chunk.count <= expected.count else { return .success(false) }
            let same = chunk.withUnsafeBytes { found in
                expected.withUnsafeBytes { memcmp(found.baseAddress!, $0.baseAddress! + offset, found.count) == 0 }
            }
            guard same else { return .success(false) }
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
