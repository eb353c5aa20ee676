/// The final sample (manual 4.4, stage 4) and everything needed to keep it up to date during
/// fieldwork: who is in it, which substitutes are left, who left and why.
///
/// Every provisional case and every listed substitute is in exactly one of ``members`` (`final.csv`),
/// ``reserve`` (`reserve.csv`) or ``removed`` (`removed.csv`). ``finalize(draw:match:)`` makes
/// it from a draw and the returned list; ``replacing(reference:reason:time:allowShortfall:)`` makes the
/// next state after a fieldwork replacement. Both follow ``SubstitutionRule``.
public struct FinalSample: Sendable {
    /// A case in the final sample.
    public struct Member: Sendable, Equatable {
        public var drawn: DrawnCase
        /// The provisional case whose place it holds, as written; its own reference when selected.
        public var slot: String

        /// `selected`, or `substitute for <provisional case>`.
        public var status: String { CaseReference.normalised(slot) == drawn.key ? "selected" : "substitute for \(slot)" }
    }

    /// A case that left the sample, or a substitute that can no longer be used.
    public struct Removal: Sendable, Equatable {
        public var drawn: DrawnCase
        /// Its status when it left: `selected`, `substitute for <reference>`, or `reserve` for a
        /// substitute that was never used.
        public var status: String
        public var reason: ExclusionReasonText
        /// The substitute that took its place, as written; empty when none did.
        public var replacedBy: String
        public var stage: Replacement.Stage
    }

    public var spec: SampleSpec
    public var specBytes: [UInt8]
    /// The long list's headers, as the draw wrote them.
    public var headers: [String]
    public var members: [Member]
    /// Usable substitutes not yet used, in `substitutes.csv` order.
    public var reserve: [ListedSubstitute]
    /// In the order they left.
    public var removed: [Removal]
    /// Every replacement, and every place left short, in order.
    public var replacements: [Replacement]
    /// The draw's seed, which orders substitutes by permanent random number.
    public var seed: UInt64
    /// The draw's `--max-per-officer`, kept to by substitutions where the stratum allows.
    public var officerLimit: Int?
    public var shares: PopulationShares
    /// The provisional sample's size.
    public var provisionalSize: Int
    /// The ``SubstitutionRule`` version the sample was made with, and that `replace` keeps to.
    public var ruleVersion: Int
    /// Whether the draw spread the sample over the units, which decides the order of the reserve.
    public var unitsBalanced = true

    /// Places with no case, because no substitute of their stratum was left.
    public var shortfall: [Replacement] { replacements.filter(\.isShortfall) }
}

extension FinalSample {
    /// Makes the final sample from a draw and the returned list matched with it.
    ///
    /// Kept provisional cases stay; a substitute marked in the returned list goes to ``removed``; each
    /// marked provisional case leaves and its place goes to a substitute by ``SubstitutionRule``
    /// (version 2: each stratum's places to its next reserve cases in the order of remaining random numbers).
    public static func finalize(draw: ProvisionalSample, match: ReturnedList.Match) -> FinalSample {
        var reserve: [ListedSubstitute] = []
        var reserveRemovals: [Removal] = []
        for substitute in draw.substitutes {
            if let mark = match.marks[substitute.drawn.key] {
                reserveRemovals.append(Removal(drawn: substitute.drawn, status: "reserve", reason: mark.reason, replacedBy: "", stage: .returnedList))
            } else {
                reserve.append(substitute)
            }
        }
        let leaving = draw.provisional.filter { match.marks[$0.key] != nil }
        var load = OfficerLoad(limit: draw.officerLimit, members: draw.provisional.filter { match.marks[$0.key] == nil })
        let order = SubstitutionRule.Order(seed: draw.seed, provisional: draw.provisional, unitsBalanced: draw.unitsBalanced)
        let fills = SubstitutionRule.fill(slots: leaving, reserve: &reserve, order: order, load: &load)

        var members = draw.provisional.filter { match.marks[$0.key] == nil }.map { Member(drawn: $0, slot: $0.reference) }
        var removed: [Removal] = []
        var replacements: [Replacement] = []
        for slot in leaving {
            let mark = match.marks[slot.key]!
            let fill = fills[slot.key]
            if let fill { members.append(Member(drawn: fill.substitute.drawn, slot: slot.reference)) }
            removed.append(Removal(
                drawn: slot, status: "selected", reason: mark.reason, replacedBy: fill?.substitute.drawn.reference ?? "",
                stage: .returnedList))
            replacements.append(Replacement(
                stage: .returnedList, time: nil, reference: slot.reference, status: "selected", slot: slot.reference,
                stratum: slot.stratum, reason: mark.reason, officerUnavailable: mark.officerUnavailable,
                substitute: fill?.substitute.drawn.reference, source: fill?.source, overOfficerLimit: fill?.overLimit ?? false,
                skippedForOfficerLimit: fill?.skippedForOfficerLimit ?? 0))
        }
        var sample = FinalSample(
            spec: draw.spec, specBytes: draw.specBytes, headers: draw.headers, members: members, reserve: reserve,
            removed: removed + reserveRemovals, replacements: replacements, seed: draw.seed, officerLimit: draw.officerLimit,
            shares: draw.shares,
            provisionalSize: draw.provisional.count, ruleVersion: SubstitutionRule.currentVersion, unitsBalanced: draw.unitsBalanced)
        sample.members.sort(by: FinalSample.precedes)
        return sample
    }

    /// Why a fieldwork replacement cannot be made; nothing is changed.
    public struct ReplaceError: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            case notInSample
            case alreadyRemoved
            case inReserve
            case noSubstituteLeft
        }

        public var kind: Kind
        public var description: String
    }

    /// The state after the case `reference` leaves the sample during fieldwork.
    ///
    /// The next substitute for the case's place comes by ``SubstitutionRule``.
    ///
    /// - Parameters:
    ///   - time: UTC, ISO 8601, such as `2026-11-24T10:05:00Z`.
    ///   - allowShortfall: when no substitute of the place's stratum is left, remove the case anyway
    ///     and record the place as short, rather than refusing.
    /// - Returns: the new state and the replacement made.
    /// - Throws: ``ReplaceError`` when the case is not in the final sample, or no substitute is left
    ///   and `allowShortfall` is false. Messages do not quote the reference.
    public func replacing(
        reference: String, reason: ExclusionReasonText, time: String, allowShortfall: Bool = false
    ) throws(ReplaceError) -> (sample: FinalSample, replacement: Replacement) {
        let key = CaseReference.normalised(reference)
        guard let index = members.firstIndex(where: { $0.drawn.key == key }) else {
            if removed.contains(where: { $0.drawn.key == key }) {
                throw ReplaceError(kind: .alreadyRemoved, description: "this case is no longer in the final sample: removed.csv lists it as removed already")
            }
            if reserve.contains(where: { $0.drawn.key == key }) {
                throw ReplaceError(kind: .inReserve, description: "this case is a substitute in reserve.csv, not in the final sample; only a case in final.csv can be replaced")
            }
            throw ReplaceError(kind: .notInSample, description: "no case with this reference in final.csv (references are compared ignoring case and surrounding spaces)")
        }
        let member = members[index]
        let slot = slotCase(member)
        var next = self
        var load = OfficerLoad(limit: officerLimit, members: members.map(\.drawn))
        load.remove(member.drawn)
        var reserveLeft = reserve
        var found: SubstitutionRule.Fill?
        if ruleVersion >= 2 {
            found = SubstitutionRule.fill(slots: [slot], reserve: &reserveLeft, order: provisionalOrder(), load: &load)[slot.key]
        } else if let (index, source, overLimit) = SubstitutionRule.next(for: slot, in: reserve, seed: seed, load: load) {
            found = SubstitutionRule.Fill(substitute: reserveLeft.remove(at: index), source: source, overLimit: overLimit)
        }
        guard found != nil || allowShortfall else {
            throw ReplaceError(
                kind: .noSubstituteLeft,
                description: "no substitute of this case's stratum (\(slot.stratum)) is left in reserve.csv, so nothing was changed; give --allow-shortfall to remove the case and leave its place empty")
        }
        next.members.remove(at: index)
        let substitute = found?.substitute
        if let substitute {
            next.reserve = reserveLeft
            next.members.append(Member(drawn: substitute.drawn, slot: member.slot))
            next.members.sort(by: FinalSample.precedes)
        }
        next.removed.append(Removal(
            drawn: member.drawn, status: member.status, reason: reason, replacedBy: substitute?.drawn.reference ?? "", stage: .fieldwork))
        let replacement = Replacement(
            stage: .fieldwork, time: time, reference: member.drawn.reference, status: member.status, slot: member.slot,
            stratum: slot.stratum, reason: reason, officerUnavailable: false, substitute: substitute?.drawn.reference,
            source: found?.source, overOfficerLimit: found?.overLimit ?? false,
            skippedForOfficerLimit: found?.skippedForOfficerLimit ?? 0)
        next.replacements.append(replacement)
        return (next, replacement)
    }

    /// The order of remaining random numbers (``SubstitutionRule/Order``) of the draw: its provisional
    /// cases are the selected members and the removed cases that were selected.
    func provisionalOrder() -> SubstitutionRule.Order {
        SubstitutionRule.Order(
            seed: seed, provisional: members.filter { $0.status == "selected" }.map(\.drawn) + removed.filter { $0.status == "selected" }.map(\.drawn),
            unitsBalanced: unitsBalanced)
    }

    /// The provisional case whose place `member` holds: the member itself when selected, else the
    /// case in ``removed`` that left the place first.
    func slotCase(_ member: Member) -> DrawnCase {
        let key = CaseReference.normalised(member.slot)
        if key == member.drawn.key { return member.drawn }
        return removed.first { $0.drawn.key == key && $0.status == "selected" }?.drawn ?? member.drawn
    }

    /// `final.csv` order: tier-1 unit, tier-2 unit, then normalised case reference, by UTF-8 bytes.
    static func precedes(_ a: Member, _ b: Member) -> Bool {
        let ka = [a.drawn.unit.tier1, a.drawn.unit.tier2, a.drawn.key], kb = [b.drawn.unit.tier1, b.drawn.unit.tier2, b.drawn.key]
        for (x, y) in zip(ka, kb) where x != y { return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) }
        return false
    }
}
