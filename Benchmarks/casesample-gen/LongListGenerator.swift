import CaseSampling

/// Writes a synthetic long list: a header, then one CRLF-terminated row per case.
///
/// Everything random comes from one ``Xoshiro256StarStar`` seeded with `--seed`: first the
/// organisation and the CRN keys (in ``init(seed:unitCount:)``), then, for each row in turn:
///
/// 1. team, then officer within the team;
/// 2. gender, forename (from the list for that gender), surname;
/// 3. sentence type, then RoSH given the sentence type;
/// 4. sentence date (days before the extract date), age band, age in days;
/// 5. release date, for Licence and Post Sentence Supervision only;
/// 6. requirements, for Community Orders and Suspended Sentence Orders only;
/// 7. the six flags in header order.
///
/// The CRN is not drawn: it is ``CRNPermutation`` applied to the row index. So the file depends
/// only on the seed, the unit count and the row count, on every machine.
///
/// All field values are encoded as CSV once, before the first row (``EncodedValues``); writing a
/// row copies bytes into one reusable buffer that goes to the output about every megabyte.
struct LongListGenerator {
    private typealias P = LongListParameters

    private var generator: Xoshiro256StarStar
    private let crns: CRNPermutation
    private let calendar = CalendarTable()
    private let extractDay: Int

    private let teamDraw: CategoricalTable
    private let officerDraws: [CategoricalTable]
    private let teamUnitNames: EncodedValues
    private let teamNames: EncodedValues
    private let officerNames: EncodedValues
    /// Officers of team `t` are `officerNames` `firstOfficer[t]...`.
    private let firstOfficer: [Int]

    private let genderDraw: CategoricalTable
    private let genders: EncodedValues
    private let forenameDraws: [CategoricalTable]
    private let forenames: [EncodedValues]
    private let surnameDraw: CategoricalTable
    private let surnames: EncodedValues

    private let sentenceTypeDraw: CategoricalTable
    private let sentenceTypes: EncodedValues
    private let isPostCustody: [Bool]
    private let roshDraws: [CategoricalTable]
    private let roshLevels: EncodedValues

    private let ageBandDraw: CategoricalTable
    /// Per age band: the fewest days of age, and how many more may be added.
    private let ageBandDays: [(minimum: Int, spread: Int)]

    private let requirementMixDraw: CategoricalTable
    private let excludingOnlyDraw: CategoricalTable
    private let excludingOnlySecond: BernoulliDraw
    private let qualifyingMainDraw: CategoricalTable
    private let qualifyingExtras: [BernoulliDraw]
    /// The `;`-joined text of every subset of requirements, indexed by its bit mask.
    private let requirementLists: EncodedValues

    private let flagDraws: [BernoulliDraw]

    private let showcaseSurnames: EncodedValues
    private let showcaseForenames: EncodedValues
    private let showcaseGenders: [Int]

    /// Flush the row buffer to the output once it holds this many bytes.
    private static let chunkSize = 1 << 20

    init(seed: UInt64, unitCount: Int) {
        var generator = Xoshiro256StarStar(seed: seed)
        let organisation = Organisation(unitCount: unitCount, using: &generator)
        crns = CRNPermutation(using: &generator)
        self.generator = generator

        let extract = P.extractDate
        extractDay = calendar.dayNumber(year: extract.year, month: extract.month, day: extract.day)

        let teams = organisation.teams
        teamDraw = CategoricalTable(weights: organisation.teamShares)
        officerDraws = teams.map { CategoricalTable(weights: $0.officerWeights, bits: 8) }
        teamUnitNames = EncodedValues(teams.map { organisation.unitNames[$0.unitIndex] })
        teamNames = EncodedValues(teams.map(\.name))
        officerNames = EncodedValues(organisation.officers)
        firstOfficer = teams.map { $0.officerIndices[0] }

        genderDraw = CategoricalTable(weights: P.genders.map(\.weight))
        genders = EncodedValues(P.genders.map(\.value))
        // The line-break forename goes in the female list with the weight that makes it
        // `lineBreakForenameRate` of all rows: rate r within the list needs w = total × r / (1 − r).
        let femaleShare = P.genders[1].weight / P.genders.map(\.weight).reduce(0, +)
        let withinFemale = P.lineBreakForenameRate / femaleShare
        let femaleTotal = P.femaleForenames.map(\.weight).reduce(0, +)
        let female = P.femaleForenames
            + [(P.lineBreakForename, femaleTotal * withinFemale / (1 - withinFemale))]
        forenameDraws = [P.maleForenames, female].map { CategoricalTable(weights: $0.map(\.weight)) }
        forenames = [P.maleForenames, female].map { EncodedValues($0.map(\.value)) }
        surnameDraw = CategoricalTable(weights: P.surnames.map(\.weight))
        surnames = EncodedValues(P.surnames.map(\.value))

        sentenceTypeDraw = CategoricalTable(weights: P.sentenceTypes.map(\.weight))
        sentenceTypes = EncodedValues(P.sentenceTypes.map(\.value))
        isPostCustody = P.sentenceTypes.map(\.isPostCustody)
        roshDraws = P.roshGivenSentenceType.map { CategoricalTable(weights: $0) }
        roshLevels = EncodedValues(P.roshLevels)

        ageBandDraw = CategoricalTable(weights: P.ageBands.map(\.weight))
        // A year is 1461/4 days on average; rounding the minimum up keeps everyone 18 or over.
        ageBandDays = P.ageBands.map { band in
            (minimum: (band.from * 1461 + 3) / 4, spread: (band.to - band.from) * 1461 / 4)
        }

        let mix = P.requirementMix
        requirementMixDraw = CategoricalTable(weights: [mix.none, mix.excludingOnly, mix.qualifying])
        excludingOnlyDraw = CategoricalTable(weights: P.excludingOnlyFirst)
        excludingOnlySecond = BernoulliDraw(probability: P.excludingOnlySecondRate)
        qualifyingMainDraw = CategoricalTable(weights: P.qualifyingMain)
        qualifyingExtras = P.qualifyingExtraRates.map { BernoulliDraw(probability: $0) }
        requirementLists = EncodedValues((0..<(1 << P.requirements.count)).lazy.map { mask in
            P.requirements.indices
                .filter { mask & (1 << $0) != 0 }
                .map { P.requirements[$0] }
                .joined(separator: ";")
        })

        flagDraws = P.flagRates.map { BernoulliDraw(probability: $0) }

        showcaseSurnames = EncodedValues(ShowcaseRows.entries.map(\.surname))
        showcaseForenames = EncodedValues(ShowcaseRows.entries.map(\.forename))
        showcaseGenders = ShowcaseRows.entries.map { entry in
            P.genders.firstIndex { $0.value == entry.gender }!
        }
    }

    /// Writes the header and `rows` rows to `output`.
    ///
    /// - Precondition: `0 <= rows <= 26_000_000`, the number of distinct CRNs.
    /// - Complexity: O(`rows`), in memory independent of `rows`.
    mutating func write(rows: Int, to output: borrowing OutputFile) throws(OutputError) {
        precondition(rows >= 0 && UInt64(rows) <= CRNPermutation.domain, "0 to 26,000,000 rows")
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.chunkSize + 4096)
        buffer.append(contentsOf: P.header.joined(separator: ",").utf8)
        buffer.append(.cr)
        buffer.append(.lf)

        var nextShowcase = 0
        var showcaseRow = rows >= ShowcaseRows.minimumRows
            ? ShowcaseRows.rowIndex(ofEntry: 0, rows: rows) : -1

        for row in 0..<rows {
            if row == showcaseRow {
                appendRow(row, showcase: nextShowcase, to: &buffer)
                nextShowcase += 1
                showcaseRow = nextShowcase < ShowcaseRows.entries.count
                    ? ShowcaseRows.rowIndex(ofEntry: nextShowcase, rows: rows) : -1
            } else {
                appendRow(row, showcase: nil, to: &buffer)
            }
            if buffer.count >= Self.chunkSize {
                try output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try output.write(buffer)
    }

    /// Draws one row and appends it, CRLF included, to `buffer`.
    @inline(__always)
    private mutating func appendRow(_ row: Int, showcase: Int?, to buffer: inout [UInt8]) {
        let team = teamDraw.draw(using: &generator)
        let officer = firstOfficer[team] + officerDraws[team].draw(using: &generator)
        let drawnGender = genderDraw.draw(using: &generator)
        let forename = forenameDraws[drawnGender].draw(using: &generator)
        let surname = surnameDraw.draw(using: &generator)
        let sentenceType = sentenceTypeDraw.draw(using: &generator)
        let rosh = roshDraws[sentenceType].draw(using: &generator)
        let sentenceDay = extractDay - generator.bounded(365)
        let ageBand = ageBandDays[ageBandDraw.draw(using: &generator)]
        let birthDay = sentenceDay - ageBand.minimum - generator.bounded(ageBand.spread)

        // CRN, names, date of birth, gender
        appendCRN(crns.value(at: row), to: &buffer)
        buffer.append(.comma)
        let gender = showcase.map { showcaseGenders[$0] } ?? drawnGender
        if let showcase {
            Self.append(showcaseSurnames, showcase, to: &buffer)
            buffer.append(.comma)
            Self.append(showcaseForenames, showcase, to: &buffer)
        } else {
            Self.append(surnames, surname, to: &buffer)
            buffer.append(.comma)
            Self.append(forenames[drawnGender], forename, to: &buffer)
        }
        buffer.append(.comma)
        appendDate(birthDay, to: &buffer)
        buffer.append(.comma)
        Self.append(genders, gender, to: &buffer)
        buffer.append(.comma)

        // Units and officer
        Self.append(teamUnitNames, team, to: &buffer)
        buffer.append(.comma)
        Self.append(teamNames, team, to: &buffer)
        buffer.append(.comma)
        Self.append(officerNames, officer, to: &buffer)
        buffer.append(.comma)

        // Sentence, release, RoSH, requirements
        Self.append(sentenceTypes, sentenceType, to: &buffer)
        buffer.append(.comma)
        appendDate(sentenceDay, to: &buffer)
        buffer.append(.comma)
        if isPostCustody[sentenceType] {
            let delay = P.releaseDelay
            appendDate(sentenceDay + delay.minimum + generator.bounded(delay.spread), to: &buffer)
        }
        buffer.append(.comma)
        Self.append(roshLevels, rosh, to: &buffer)
        buffer.append(.comma)
        if !isPostCustody[sentenceType] {
            Self.append(requirementLists, drawRequirements(), to: &buffer)
        }

        // Flags
        for flag in flagDraws {
            buffer.append(.comma)
            buffer.append(flag.draw(using: &generator) ? UInt8(ascii: "Y") : UInt8(ascii: "N"))
        }
        buffer.append(.cr)
        buffer.append(.lf)
    }

    /// The bit mask of an order's requirements (bit `i` is ``LongListParameters/requirements``[i]).
    @inline(__always)
    private mutating func drawRequirements() -> Int {
        switch requirementMixDraw.draw(using: &generator) {
        case 0:
            return 0
        case 1:
            var mask = 1 << excludingOnlyDraw.draw(using: &generator)
            if excludingOnlySecond.draw(using: &generator) {
                mask |= 1 << excludingOnlyDraw.draw(using: &generator)
            }
            return mask
        default:
            var mask = 1 << qualifyingMainDraw.draw(using: &generator)
            for (index, extra) in qualifyingExtras.enumerated() where extra.draw(using: &generator) {
                mask |= 1 << index
            }
            return mask
        }
    }

    @inline(__always)
    private static func append(_ values: EncodedValues, _ index: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: values.bytes[values.starts[index]..<values.starts[index + 1]])
    }

    /// Appends `dd/mm/yyyy` for a day number of ``CalendarTable``.
    @inline(__always)
    private func appendDate(_ day: Int, to buffer: inout [UInt8]) {
        let start = day * CalendarTable.textLength
        buffer.append(contentsOf: calendar.text[start..<start + CalendarTable.textLength])
    }

    /// Appends a CRN value (`0..<26_000_000`) as a letter and six digits: 1,234,567 is `B234567`.
    @inline(__always)
    private func appendCRN(_ value: Int, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "A") + UInt8(value / 1_000_000))
        var digits = value % 1_000_000
        var divisor = 100_000
        while divisor > 0 {
            buffer.append(.zero + UInt8(digits / divisor))
            digits %= divisor
            divisor /= 10
        }
    }
}
