import CScan
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
    /// False for `--no-unit-balance` (``DrawRequest/balancesUnits``).
    public var balancesUnits = true
    /// `--officer-limit-repetitions`: the Monte Carlo repetitions estimating inclusion probabilities
    /// when the officer limit binds.
    public var officerLimitRepetitions = OfficerLimitProbabilities.drawRepetitions
    /// `--sheet`, `--column` and `--date-order`.
    public var input = InputOptions()
    /// The long list already opened (as `verify` does, having hashed it); nil opens ``longListPath``
    /// (`-` for standard input) when the job runs.
    public var source: LongListSource?
    /// Whether `draw.json` says the list came from standard input; nil: whether ``source`` did. `verify`
    /// sets it from the record, so that a draw from standard input verifies against the same bytes in a file.
    public var recordedAsStandardInput: Bool?
    /// `--xlsx`: also write `provisional.xlsx` (the sample and, on a second sheet, the substitutes).
    public var writesWorkbook = false
    /// Where the spec came from, as `draw.json` records it (``SampleSpec/Source/recordValue``); nil
    /// records nothing.
    public var specSource: String?
    /// The inspection's name (`--title`), recorded and shown atop `report.html`; nil for none.
    public var title: String?
    /// The first day of fieldwork (`--fieldwork-start`), which places the spec's sample period; needed
    /// when the spec has one.
    public var fieldworkStart: String?
    /// `--window-weeks`: the period's length in weeks instead of the spec's; nil keeps the spec's.
    public var windowWeeks: Int?
    /// `--shift-weeks`: the period moved this many weeks later (earlier when negative).
    public var shiftWeeks = 0

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
        let (spec, period) = try specWithPeriodPlaced()
        // The input's digest is computed on a thread of its own from the moment the reader's parallel
        // parse ends (before that, it would only slow the parse down: it has both cores), while the
        // reader merges and checks, the rows are classified and the sample drawn. excluded.csv is built
        // and hashed on every core while the sample is drawn, written to its file as it goes.
        let source = try self.source ?? LongListSource(path: longListPath, sheet: input.sheet)
        let digest = BackgroundTask(startingNow: false) { try source.sha256() }
        var options = ReadOptions(delimiter: delimiter)
        options.whenParsed = { digest.start() }
        options.rowCodeRoles = { [spec] found in Population.rowCodeRoles(of: spec, found: found) }
        let (population, requestedUnits) = try population(from: source, spec: spec, options: options)
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
            let perCase = substitutesPerCase ?? spec.substitutesPerCase
            try Self.checkSubstitutes(perCase, size: n, eligible: population.eligibleCount)
            let request = DrawRequest(
                size: n, seed: seed, substitutesPerCase: perCase,
                minimumPerUnit: minimumPerUnit, maximumPerOfficer: maximumPerOfficer,
                officerLimitRepetitions: officerLimitRepetitions, balancesUnits: balancesUnits)
            result = try DrawResult.draw(from: population, request: request)
        } catch {
            // The sink is not the caller's again until nothing more is written to it.
            _ = try? excluded.value()
            throw error
        }
        var outputs = DrawOutputs(
            result: result, excluded: try excluded.value(), specBytes: specBytes,
            inputName: recordedInputName ?? (source.isStandardInput ? LongListSource.standardInputName : URL(fileURLWithPath: longListPath).lastPathComponent),
            inputSHA256: try digest.value(), toolVersion: toolVersion, sizeCalculation: calculation,
            requestedUnits: requestedUnits, specSource: specSource, title: title, period: period)
        outputs.recordInput(source, input, standardInput: recordedAsStandardInput ?? source.isStandardInput)
        if writesWorkbook { outputs.addWorkbook() }
        return (result, outputs)
    }

    /// Reads and classifies the long list by `spec` (the job's, its period placed); the list's reader
    /// state goes out of scope here, so that only the population keeps it.
    private func readPopulation(from source: LongListSource, spec: SampleSpec, options: ReadOptions) throws -> Population {
        let list = try source.read(for: spec, options: options, input: input)
        let errors = list.errors
        guard errors.isEmpty else {
            let rows = list.invalidRowCount
            let dateColumns = errors.filter { $0.kind == .dateFormat }.count
            var what: [String] = []
            if rows > 0 { what.append("\(rows) invalid row\(rows == 1 ? "" : "s")") }
            if dateColumns > 0 { what.append("\(dateColumns) date column\(dateColumns == 1 ? "" : "s") it cannot read") }
            if what.isEmpty { what.append("\(errors.count) error\(errors.count == 1 ? "" : "s")") }
            throw Failure(description: "the long list has \(what.joined(separator: " and ")); fix them and draw again (nothing was written):\n" + ReadProblem.summarise(errors))
        }
        // The parse's buffers, freed, stay with malloc (in each thread's arena) unless handed back;
        // the classification then adds 30 MB at 10 million rows on top of what the list holds.
        cscan_return_free_memory()
        // The list is handed over, so that classifying frees the row codes the draw does not read.
        return try Population.classify(consume list, by: spec, keepingRowCodesOf: Set(spec.responsibleOfficer.map { [$0] } ?? []))
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
        if replacingExisting, let problem = CompleteOutput.drawProblem(directory) {
            throw OutputError(.unrecognisedDirectory, path: directory, message: "is not a complete draw (\(problem)), so it is not replaced")
        }
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
        let (spec, _) = try specWithPeriodPlaced()
        let source = try self.source ?? LongListSource(path: longListPath, sheet: input.sheet)
        let (population, _) = try population(from: source, spec: spec, options: ReadOptions(delimiter: delimiter))
        let (n, _) = try sampleSize(eligible: population.eligibleCount)
        let request = DrawRequest(
            size: n, seed: firstSeed, substitutesPerCase: 0, minimumPerUnit: minimumPerUnit, maximumPerOfficer: maximumPerOfficer,
            balancesUnits: balancesUnits)
        return try Simulation.run(population: population, request: request, draws: draws, firstSeed: firstSeed)
    }

    /// The job's spec with its sample period placed by ``fieldworkStart``, and the period as
    /// `draw.json` records it (nil when the spec has none).
    ///
    /// - Throws: ``Failure`` when the spec has a period and no start of fieldwork is given; date errors.
    func specWithPeriodPlaced() throws -> (spec: SampleSpec, period: DrawRecord.Period?) {
        guard let unresolved = spec.period else {
            if windowWeeks != nil || shiftWeeks != 0 {
                throw Failure(description: "the spec \"\(spec.name)\" has no sample period, so --window-weeks and --shift-weeks do not apply")
            }
            return (spec, nil)
        }
        guard let fieldworkStart else {
            throw Failure(description: "the spec \"\(spec.name)\" samples a period placed by the start of fieldwork; give --fieldwork-start yyyy-mm-dd")
        }
        var spec = spec
        spec.period = try unresolved.adjusted(windowWeeks: windowWeeks, shiftWeeks: shiftWeeks)
        let resolved = try spec.resolvingPeriod(fieldworkStart: fieldworkStart)
        return (resolved.spec, resolved.period.map {
            DrawRecord.Period(column: unresolved.column, resolved: $0, windowWeeks: windowWeeks, shiftWeeks: shiftWeeks == 0 ? nil : shiftWeeks)
        })
    }

    /// Reads and classifies the long list and keeps the selected units: the population the draw
    /// samples, and the unit entries asked for.
    ///
    /// - Throws: ``UnitSelectionError`` when a unit named in ``units`` is not in the long list;
    ///   ``Failure`` when the list has invalid rows or the units have no eligible cases; read and
    ///   classification errors.
    func population(from source: LongListSource, spec: SampleSpec, options: ReadOptions) throws -> (population: Population, requestedUnits: [String]?) {
        var population = try readPopulation(from: source, spec: spec, options: options)
        population.releaseRowCodes()
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

    /// Refuses more substitutes per case than ``DrawRecord/maximumSubstitutesPerCase``, and more than
    /// the population can give: the eligible cases left once the sample is drawn (one substitute per
    /// case is always allowed, so that a small population only notes the cases short of substitutes).
    /// The draw's time grows with the substitutes asked for, not with the data, so an unbounded number
    /// would run for ever (issue 15, item 6).
    static func checkSubstitutes(_ perCase: Int, size: Int, eligible: Int) throws(Failure) {
        let maximum = DrawRecord.maximumSubstitutesPerCase
        guard perCase >= 0 && perCase <= maximum else {
            throw Failure(description: "\(perCase) substitutes per case is more than casesample draws (at most \(maximum)); give --substitutes from 0 to \(maximum)")
        }
        let left = max(eligible - size, 0)
        guard perCase <= max(left, 1) else {
            throw Failure(description: "\(perCase) substitutes per case is more than the population can give: \(eligible) eligible case\(eligible == 1 ? "" : "s"), \(size) drawn, so at most \(max(left, 1)) substitute\(max(left, 1) == 1 ? "" : "s") per case; give --substitutes \(max(left, 1)) or less")
        }
    }

    /// The size and how it was set: `--size`, or the spec's rule on the eligible population.
    func sampleSize(eligible: Int) throws -> (Int, DrawRecord.SizeCalculation) {
        if let size { return (size, DrawRecord.SizeCalculation(source: DrawRecord.SizeCalculation.commandLineSource)) }
        return try Self.sampleSize(spec: spec, eligible: eligible)
    }

    /// The size `spec`'s rule gives for `eligible` cases (what a draw without `--size` would take).
    ///
    /// - Throws: ``Failure`` when the spec sets no size or a census has no case; ``SizingError``.
    public static func plannedSize(spec: SampleSpec, eligible: Int) throws -> Int {
        try sampleSize(spec: spec, eligible: eligible).0
    }

    static func sampleSize(spec: SampleSpec, eligible: Int) throws -> (Int, DrawRecord.SizeCalculation) {
        switch spec.size {
        case .fixed(let n):
            return (n, DrawRecord.SizeCalculation(source: "spec", fixed: n))
        case .marginOfError(let margin, let confidence, let proportion):
            let c = try SampleSizeCalculation.compute(population: eligible, margin: margin, confidence: confidence, proportion: proportion)
            var calculation = DrawRecord.SizeCalculation(
                source: "spec: margin of error with finite population correction (manual 4.2)",
                population: eligible, margin: margin, confidence: confidence, proportion: proportion, z: c.z, n0: c.n0,
                formula: "n0 = z^2 p (1 - p) / e^2; n = ceil(n0 / (1 + (n0 - 1) / N))", sampleSize: c.sampleSize)
            guard let bounds = spec.sizeBounds else { return (c.sampleSize, calculation) }
            let n = bounds.apply(to: c.sampleSize, eligible: eligible)
            calculation.minimum = bounds.minimum
            calculation.maximum = bounds.maximum
            calculation.unboundedSize = c.sampleSize
            calculation.sampleSize = n
            return (n, calculation)
        case .census(let confidence):
            guard eligible >= 1 else { throw Failure(description: "the census window holds no eligible case; check --fieldwork-start, --window-weeks and --shift-weeks") }
            let margin = try MarginOfError.achieved(sampleSize: eligible, population: nil, confidence: confidence)
            return (eligible, DrawRecord.SizeCalculation(
                source: "spec: census of every eligible case in the window (2021 approach, 3.15)",
                population: eligible, confidence: confidence, sampleSize: eligible, censusMargin: margin))
        case nil:
            throw Failure(description: "the spec \"\(spec.name)\" sets no size; give --size")
        }
    }
}
