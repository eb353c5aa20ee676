/// A case as a draw wrote it: its original columns and its stratum, with the case reference and
/// units taken from those columns.
public struct DrawnCase: Sendable, Equatable {
    /// The long list's columns, as written in the draw's CSV files (already neutralised for Excel).
    public var fields: [String]
    /// The `Stratum` cell, such as `Male / Community / Low`.
    public var stratum: String
    /// The case reference as written, trimmed.
    public var reference: String
    /// The reference as compared: ``CaseReference/normalised(_:)``.
    public var key: String
    /// The tier-1 and tier-2 units, trimmed.
    public var unit: Unit
    /// The responsible officer as compared (``ValueMatching/key(_:)``); empty when blank or when the
    /// spec names no officer column.
    public var officer: String = ""
}

/// A substitute as `substitutes.csv` (and `reserve.csv`) lists it.
public struct ListedSubstitute: Sendable, Equatable {
    public var drawn: DrawnCase
    /// The selected case it was drawn for, as written.
    public var substituteFor: String
    /// ``CaseReference/normalised(_:)`` of ``substituteFor``.
    public var forKey: String
    /// 1 for that case's first substitute, 2 for its second, …
    public var rank: Int
    /// The draw's note on where it came from, such as `same stratum and tier-2 unit`.
    public var note: String
}

/// The positions of the columns finalize needs in a table whose first columns are a long list's.
struct CaseColumns: Sendable {
    /// The number of original columns.
    let width: Int
    let reference: Int
    let tier1: Int
    let tier2: Int
    /// The responsible officer's column, when the spec names one and the table has it.
    let officer: Int?

    /// Finds the case-reference, unit and (if any) officer columns among `headers[0..<width]` by the
    /// spec's aliases.
    init?(headers: [String], width: Int, spec: SampleSpec) {
        let keys = headers.prefix(width).map(HeaderName.key)
        func index(_ role: String?) -> Int? {
            guard let role, let column = spec.column(role) else { return nil }
            let wanted = Set(([column.role] + column.aliases).map(HeaderName.key))
            return keys.firstIndex { !$0.isEmpty && wanted.contains($0) }
        }
        guard let reference = index(spec.caseReferenceRole), let tier1 = index(spec.tier1Unit),
              let tier2 = index(spec.tier2Unit) else { return nil }
        self.width = width
        self.reference = reference
        self.tier1 = tier1
        self.tier2 = tier2
        officer = index(spec.responsibleOfficer)
    }

    /// The case in `fields`: its first ``width`` fields (padded), and `stratum`.
    func drawnCase(_ fields: [String], stratum: String) -> DrawnCase {
        let original = fields.count >= width ? Array(fields.prefix(width)) : fields + Array(repeating: "", count: width - fields.count)
        let reference = original[self.reference].trimmingSpaces()
        return DrawnCase(
            fields: original, stratum: stratum, reference: reference, key: CaseReference.normalised(reference),
            unit: Unit(tier1: original[tier1].trimmingSpaces(), tier2: original[tier2].trimmingSpaces()),
            officer: officer.map { ValueMatching.key(original[$0]) } ?? "")
    }

    /// The substitute in a record of `substitutes.csv` or `reserve.csv`: the original columns, then
    /// `Stratum`, `SubstituteFor`, `Rank` and `Note`.
    func listedSubstitute(_ fields: [String]) -> ListedSubstitute {
        let forReference = (fields[safe: width + 1] ?? "").trimmingSpaces()
        return ListedSubstitute(
            drawn: drawnCase(fields, stratum: fields[safe: width] ?? ""), substituteFor: forReference,
            forKey: CaseReference.normalised(forReference), rank: Int(fields[safe: width + 2] ?? "") ?? 1,
            note: fields[safe: width + 3] ?? "")
    }
}
