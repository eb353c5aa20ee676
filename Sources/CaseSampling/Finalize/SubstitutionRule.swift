/// Which substitute takes the place of a case that leaves the sample, at `finalize` and at `replace`.
///
/// A place in the sample belongs to a provisional case, its *slot*; a substitute that takes it keeps
/// the slot's stratum and units, even when it is replaced in turn. The candidates are the reserve:
/// listed substitutes not yet used and not marked excluded or unavailable in the returned list. For a
/// slot whose case leaves, the first of:
///
/// 1. the slot's own substitutes (those `substitutes.csv` lists for it), lowest `Rank` first;
/// 2. a reserve substitute of the same stratum (the same `Stratum` text) in the same tier-2 unit
///    (the same tier-1 and tier-2 names);
/// 3. one of the same stratum in the same tier-1 unit;
/// 4. one of the same stratum anywhere;
///
/// within steps 2 to 4 in the draw's own order: ascending permanent random number
/// (``PermanentRandomNumber``, from the draw's seed and the case reference), ties by the reference's
/// hash. No substitute from another stratum is taken (stratification comes first, manual 4.4): the
/// slot is then short, and the outputs say so. An own substitute that the draw itself took from a
/// nearest stratum, because the slot's stratum had run out, is still used in step 1.
///
/// `finalize` applies step 1 to every slot that needs a substitute before any slot goes on to step 2,
/// so that no slot takes another's own substitute while that one might still need it.
///
/// When the draw had `--max-per-officer`, the rule runs first among the substitutes whose officer is
/// under the limit in the sample as it stands (``OfficerLoad``); only a slot that this leaves empty
/// runs it again among all, and the replacement is marked as over the limit. The stratum still comes
/// first: a place is never filled from another stratum to keep an officer's load down.
public enum SubstitutionRule {
    /// Where a promoted substitute came from.
    public enum Source: Sendable, Equatable {
        case ownSubstitute(rank: Int)
        case sameTier2Unit
        case sameTier1Unit
        case sameStratum

        /// How outputs describe it.
        public var description: String {
            switch self {
            case .ownSubstitute(let rank): "own substitute, rank \(rank)"
            case .sameTier2Unit: "same stratum and tier-2 unit"
            case .sameTier1Unit: "same stratum and tier-1 unit"
            case .sameStratum: "same stratum, another tier-1 unit"
            }
        }
    }

    /// Step 1: the index in `reserve` of the slot's own substitute with the lowest rank.
    static func ownSubstitute(
        forSlot key: String, in reserve: [ListedSubstitute], where allowed: (DrawnCase) -> Bool = { _ in true }
    ) -> (index: Int, source: Source)? {
        let own = reserve.indices.filter { reserve[$0].forKey == key && allowed(reserve[$0].drawn) }
        guard let best = own.min(by: { (reserve[$0].rank, $0) < (reserve[$1].rank, $1) }) else { return nil }
        return (best, .ownSubstitute(rank: reserve[best].rank))
    }

    /// Steps 2 to 4: the index in `reserve` of the first substitute of `slot`'s stratum, nearest unit first.
    static func stratumSubstitute(
        for slot: DrawnCase, in reserve: [ListedSubstitute], seed: UInt64, where allowed: (DrawnCase) -> Bool = { _ in true }
    ) -> (index: Int, source: Source)? {
        var best: (index: Int, tier: Int, order: (UInt64, UInt64))?
        for (index, candidate) in reserve.enumerated() where candidate.drawn.stratum == slot.stratum && allowed(candidate.drawn) {
            let unit = candidate.drawn.unit
            let tier = unit == slot.unit ? 0 : unit.tier1 == slot.unit.tier1 ? 1 : 2
            let hash = CaseReference.hash(candidate.drawn.reference)
            let order = (PermanentRandomNumber.value(seed: seed, caseHash: hash), hash)
            if best == nil || (tier, order.0, order.1) < (best!.tier, best!.order.0, best!.order.1) {
                best = (index, tier, order)
            }
        }
        guard let best else { return nil }
        return (best.index, [Source.sameTier2Unit, .sameTier1Unit, .sameStratum][best.tier])
    }

    /// Steps 1 to 4 for one slot, among the substitutes `allowed` accepts.
    static func next(
        for slot: DrawnCase, in reserve: [ListedSubstitute], seed: UInt64, where allowed: (DrawnCase) -> Bool = { _ in true }
    ) -> (index: Int, source: Source)? {
        ownSubstitute(forSlot: slot.key, in: reserve, where: allowed) ?? stratumSubstitute(for: slot, in: reserve, seed: seed, where: allowed)
    }

    /// Steps 1 to 4 for one slot, first among substitutes whose officer `load` allows, then, if the
    /// draw set a limit and none was found, among all; `overLimit` tells which.
    static func next(
        for slot: DrawnCase, in reserve: [ListedSubstitute], seed: UInt64, load: OfficerLoad
    ) -> (index: Int, source: Source, overLimit: Bool)? {
        if let (index, source) = next(for: slot, in: reserve, seed: seed, where: load.allows) { return (index, source, false) }
        guard load.limit != nil, let (index, source) = next(for: slot, in: reserve, seed: seed) else { return nil }
        return (index, source, true)
    }
}
