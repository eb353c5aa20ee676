import Foundation

/// Everything `casesample draw` and `casesample verify` do between reading the command line and
/// writing files: read, classify, size, draw, and build the outputs.
public struct DrawJob: Sendable {
    public var longListPath: String
    public var spec: SampleSpec
    public var specBytes: [UInt8]
    /// Nil: the spec's size rule.
    public var size: Int?
    public var seed: UInt64
    /// Nil: the spec's substitutes per case.
    public var substitutesPerCase: Int?
    public var delimiter: UInt8?
    /// The file name recorded in `draw.json`; by default the long list's last path component.
    public var recordedInputName: String?
    public var toolVersion: String
    /// The units to draw from (`--units`, `--units-file`); nil for all.
    public var units: UnitSelection?
    /// `--min-per-unit`.
    public var minimumPerUnit: Int?
    /// `--max-per-officer`.
    public var maximumPerOfficer: Int?

    public init(longListPath: String, spec: SampleSpec, specBytes: [UInt8], size: Int?, seed: UInt64,
                substitutesPerCase: Int?, delimiter: UInt8?, toolVersion: String, recordedInputName: String? = nil,
                units: UnitSelection? = nil, minimumPerUnit: Int? = nil, maximumPerOfficer: Int? = nil) {
        self.longListPath = longListPath
        self.spec = spec
        self.specBytes = specBytes
        self.size = size
        self.seed = seed
        self.substitutesPerCase = substitutesPerCase
        self.delimiter = delimiter
        self.toolVersion = toolVersion
        self.recordedInputName = recordedInputName
        self.units = units
        self.minimumPerUnit = minimumPerUnit
        self.maximumPerOfficer = maximumPerOfficer
    }

    /// Why a draw job stops.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Runs the job and returns the outputs.
    ///
    /// - Parameter excludedSink: where to write `excluded.csv` as it is made, leaving it out of the
    ///   returned ``DrawOutputs/files``; the job finishes the sink (``ByteSink/finish()``) when the
    ///   file is complete. Nil keeps the file in memory with the others. Nothing else is written here.
    /// - Throws: ``UnitSelectionError`` when a unit named in ``units`` is not in the long list (a
    ///   usage error); ``OutputError`` when `excludedSink` cannot be written; ``Failure``, read,
    ///   classification and draw errors otherwise.
    package func run(excludedTo excludedSink: (any ByteSink)? = nil) throws -> (result: DrawResult, outputs: DrawOutputs) {
        // The input's digest is computed on a thread of its own from the moment the reader's parallel
        // parse ends (before that, it would only slow the parse down: it has both cores), while the
        // reader merges and checks, the rows are classified and the sample drawn. excluded.csv is built
        // and hashed on every core while the sample is drawn, written to its file as it goes.
        let digest = BackgroundTask(startingNow: false) { [longListPath] in try SHA256.hexDigest(ofFileAt: longListPath) }
        var options = ReadOptions(delimiter: delimiter)
        options.whenParsed = { digest.start() }
        let (population, requestedUnits) = try population(options: options)
        let selected = population
        let excluded = BackgroundTask { () throws(OutputError) -> DrawOutputs.PreparedFile in
            guard let excludedSink else { return DrawOutputs.excludedInMemory(of: selected) }
            let digest = try ExcludedFile.write(of: selected, to: excludedSink)
            try excludedSink.finish()
            return DrawOutputs.PreparedFile(bytes: nil, sha256: digest)
        }
        let result: DrawResult, calculation: DrawRecord.SizeCalculation
        do {
            let n: Int
            (n, calculation) = try sampleSize(eligible: population.eligibleCount)
            let request = DrawRequest(
                size: n, seed: seed, substitutesPerCase: substitutesPerCase ?? spec.substitutesPerCase,
                minimumPerUnit: minimumPerUnit, maximumPerOfficer: maximumPerOfficer)
            result = try DrawResult.draw(from: population, request: request)
        } catch {
            // The sink is not the caller's again until nothing more is written to it.
            _ = try? excluded.value()
            throw error
        }
        let outputs = DrawOutputs(
            result: result, excluded: try excluded.value(), specBytes: specBytes,
            inputName: recordedInputName ?? URL(fileURLWithPath: longListPath).lastPathComponent,
            inputSHA256: try digest.value(), toolVersion: toolVersion, sizeCalculation: calculation,
            requestedUnits: requestedUnits)
        return (result, outputs)
    }

    /// Runs the job and returns the outputs, in memory; nothing is written.
    ///
    /// - Throws: ``UnitSelectionError`` when a unit named in ``units`` is not in the long list; ``Failure``,
    ///   read, classification and draw errors otherwise.
    public func run() throws -> (result: DrawResult, outputs: DrawOutputs) {
        try run(excludedTo: nil)
    }

    /// Runs the job and writes its outputs to `directory`, whole (``StagedOutput``): the directory is
    /// checked before the long list is read, `excluded.csv` is written as it is made, and nothing
    /// appears at `directory` unless every file was written.
    ///
    /// - Parameter replacingExisting: replace an earlier draw's directory (one holding `draw.json`).
    /// - Throws: as ``run(excludedTo:)``, and ``OutputError`` when the directory cannot be written.
    public func run(writingTo directory: String, replacingExisting: Bool) throws -> (result: DrawResult, record: DrawRecord) {
        let staged = try StagedOutput(directory: directory, replacingExisting: replacingExisting, marker: OutputFiles.drawRecord)
        do {
            let excluded = try staged.createFile(OutputFiles.excluded)
            let (result, outputs) = try run(excludedTo: excluded)
            for file in outputs.files { try staged.addFile(file.name, bytes: file.bytes) }
            try staged.commit()
            return (result, outputs.record)
        } catch {
            staged.discard()
            throw error
        }
    }

    /// Reads the long list and repeats the draw `draws` times with seeds `firstSeed`, `firstSeed + 1`,
    /// … (``Simulation``); nothing is written.
    ///
    /// - Throws: as ``run()``.
    public func simulate(draws: Int, firstSeed: UInt64) throws -> Simulation {
        let (population, _) = try population(options: ReadOptions(delimiter: delimiter))
        let (n, _) = try sampleSize(eligible: population.eligibleCount)
        let request = DrawRequest(size: n, seed: firstSeed, substitutesPerCase: 0, minimumPerUnit: minimumPerUnit, maximumPerOfficer: maximumPerOfficer)
        return try Simulation.run(population: population, request: request, draws: draws, firstSeed: firstSeed)
    }

    /// Reads and classifies the long list and keeps the selected units: the population the draw
    /// samples, and the unit entries asked for.
    ///
    /// - Throws: ``UnitSelectionError`` when a unit named in ``units`` is not in the long list;
    ///   ``Failure`` when the list has invalid rows or the units have no eligible cases; read and
    ///   classification errors.
    func population(options: ReadOptions) throws -> (population: Population, requestedUnits: [String]?) {
        let list = try LongListReader.read(path: longListPath, columns: spec.columnRequests, options: options)
        let errors = list.errors
        guard errors.isEmpty else {
            throw Failure(description: "the long list has \(errors.count) invalid row\(errors.count == 1 ? "" : "s"); fix them and draw again (nothing was written):\n" + ReadProblem.summarise(errors))
        }
        var population = try Population.classify(list, by: spec)
        var requestedUnits: [String]?
        if let units {
            let resolved = try units.resolve(in: population.units)
            let all = population.eligibleCount
            population = population.restricted(toUnits: resolved.units)
            requestedUnits = resolved.entries
            if population.eligibleCount == 0 && all > 0 {
                throw Failure(description: "the selected units (\(resolved.units.prefix(8).map { population.units[$0].name }.joined(separator: ", "))\(resolved.units.count > 8 ? ", …" : "")) have no eligible cases; the long list's \(all) eligible cases are in other units ('casesample units' shows where)")
            }
        }
        return (population, requestedUnits)
    }

    /// The size and how it was set: `--size`, or the spec's rule on the eligible population.
    func sampleSize(eligible: Int) throws -> (Int, DrawRecord.SizeCalculation) {
        if let size { return (size, DrawRecord.SizeCalculation(source: DrawRecord.SizeCalculation.commandLineSource)) }
        switch spec.size {
        case .fixed(let n):
            return (n, DrawRecord.SizeCalculation(source: "spec", fixed: n))
        case .marginOfError(let margin, let confidence, let proportion):
            let c = try SampleSizeCalculation.compute(population: eligible, margin: margin, confidence: confidence, proportion: proportion)
            return (c.sampleSize, DrawRecord.SizeCalculation(
                source: "spec: margin of error with finite population correction (manual 4.2)",
                population: eligible, margin: margin, confidence: confidence, proportion: proportion, z: c.z, n0: c.n0,
                formula: "n0 = z^2 p (1 - p) / e^2; n = ceil(n0 / (1 + (n0 - 1) / N))", sampleSize: c.sampleSize))
        case nil:
            throw Failure(description: "the spec \"\(spec.name)\" sets no size; give --size")
        }
    }
}
