/// Which substitute takes the place of a case that leaves the sample, at `finalize` and at `replace`.
///
/// A place in the sample belongs to a provisional case, its *slot*; a substitute that takes it keeps
/// the slot's stratum and units, even when it is replaced in turn. The candidates are the reserve:
/// listed substitutes not yet used and not marked excluded or unavailable in the returned list.
///
/// **Version 2** (``currentVersion``, written by `finalize` since issue 12): the places of a stratum
/// whose cases leave go to the reserve cases of the same stratum that come first in the stratum's
/// *order of remaining random numbers* (``Order``): a case's permanent random number u, rescaled
/// above the largest number t that the draw selected in the case's stratum and tier-2 unit,
/// (u − t)/(1 − t). Given the provisional sample, these rescaled numbers of the stratum's unselected
/// cases are independent and uniform, whatever their unit, so the cases that fill the places are a
/// simple random sample of the stratum's really eligible unselected cases among those listed (in a
/// stratum held by one tier-2 unit the order is the draw's own, and the final cases are the
/// stratum's lowest-numbered really eligible ones). Units do not choose *which* cases fill the places
/// (that would favour units with many exclusions); they only pair the chosen cases with the places:
/// each place, in `provisional.csv` order, takes among them one of its own tier-2 unit, else of its
/// tier-1 unit, else any, earliest in the order first.
///
/// With the draw's `--max-per-officer`, a case whose officer is at the limit in the sample as it
/// stands (``OfficerLoad``) is passed over for the next one; only when the stratum has no case under
/// the limit left is one taken over it (marked). A stratum with no reserve case left takes the
/// slot's own substitute from another stratum (the draw lists one when the slot's stratum ran out at
/// the draw), else the place stays empty. Each of these departures is recorded.
///
/// **Version 1** (finalize directories written before; `replace` keeps to the rule its directory
/// was made with): the slot's own substitutes by rank, also from another stratum; then the
/// stratum's reserve in the same tier-2 unit, the same tier-1 unit, anywhere, by permanent random
/// number.
public enum SubstitutionRule {
    /// The version `finalize` writes.
    public static let currentVersion = 2

    /// How a substitute's units relate to its place's.
    public enum UnitRelation: Sendable, Equatable, CaseIterable {
        case sameTier2Unit
        case sameTier1Unit
        case anotherTier1Unit

        static func between(_ a: Unit, _ b: Unit) -> UnitRelation {
            guard ValueMatching.key(a.tier1) == ValueMatching.key(b.tier1) else { return .anotherTier1Unit }
            return ValueMatching.key(a.tier2) == ValueMatching.key(b.tier2) ? .sameTier2Unit : .sameTier1Unit
        }
    }

    /// Where a promoted substitute came from.
    public enum Source: Sendable, Equatable {
        /// Version 1: the slot's own substitute.
        case ownSubstitute(rank: Int)
        /// Version 1: the stratum's reserve, by unit.
        case sameTier2Unit
        case sameTier1Unit
        case sameStratum
        /// Version 2: the next of the stratum's reserve in the order of remaining random numbers.
        case nextInStratum(UnitRelation)
        /// Version 2: the stratum's reserve had run out; the slot's own substitute from another stratum.
        case anotherStratum(rank: Int)

        /// How outputs describe it.
        public var description: String {
            switch self {
            case .ownSubstitute(let rank): "own substitute, rank \(rank)"
            case .sameTier2Unit: "same stratum and tier-2 unit"
            case .sameTier1Unit: "same stratum and tier-1 unit"
            case .sameStratum: "same stratum, another tier-1 unit"
            case .nextInStratum(.sameTier2Unit): "next in stratum, same tier-2 unit"
            case .nextInStratum(.sameTier1Unit): "next in stratum, same tier-1 unit"
            case .nextInStratum(.anotherTier1Unit): "next in stratum, another tier-1 unit"
            case .anotherStratum(let rank): "own substitute from another stratum, rank \(rank)"
            }
        }

        /// Every description but those with a rank, for reading records back.
        static let unranked: [Source] = [.sameTier2Unit, .sameTier1Unit, .sameStratum] + UnitRelation.allCases.map(Source.nextInStratum)
    }

    /// A substitute chosen for a place.
    struct Fill: Equatable {
        var substitute: ListedSubstitute
        var source: Source
        /// It took its officer over the draw's `--max-per-officer`.
        var overLimit = false
        /// Cases of the stratum passed over, after the previous case taken and before this one, because
        /// their officer was at the limit.
        var skippedForOfficerLimit = 0
    }

    /// The order of a stratum's unselected cases: their ``RemainingRandomNumber`` given the draw's
    /// provisional cases, the one order in which the draw lists them (Sampling.md, step 5).
    struct Order {
        typealias Key = RemainingRandomNumber
        let seed: UInt64
        /// Whether the draw spread each stratum over the units (``DrawRequest/balancesUnits``): the
        /// numbers then count from each (stratum, tier-2 unit)'s largest selected number, else from the
        /// stratum's.
        let unitsBalanced: Bool
        private var thresholds: [String: UInt64] = [:]

        /// The order for a draw with `seed` whose provisional cases are `provisional`.
        init(seed: UInt64, provisional: some Sequence<DrawnCase>, unitsBalanced: Bool = true) {
            self.seed = seed
            self.unitsBalanced = unitsBalanced
            for drawn in provisional {
                let key = group(drawn)
                thresholds[key] = max(thresholds[key] ?? 0, number(drawn))
            }
        }

        private func group(_ drawn: DrawnCase) -> String {
            guard unitsBalanced else { return drawn.stratum }
            return drawn.stratum + "\u{1F}" + ValueMatching.key(drawn.unit.tier1) + "\u{1F}" + ValueMatching.key(drawn.unit.tier2)
        }

        private func number(_ drawn: DrawnCase) -> UInt64 {
            PermanentRandomNumber.value(seed: seed, caseHash: CaseReference.hash(drawn.reference))
        }

        /// `drawn`'s place in its stratum's order.
        func key(_ drawn: DrawnCase) -> Key {
            let hash = CaseReference.hash(drawn.reference)
            return Key(PermanentRandomNumber.value(seed: seed, caseHash: hash), above: thresholds[group(drawn)] ?? 0, hash: hash)
        }
    }

    /// Version 2 for the places `slots` (in `provisional.csv` order), taking substitutes out of `reserve`
    /// and adding them to `load`; a slot missing from the result stays empty.
    static func fill(
        slots: [DrawnCase], reserve: inout [ListedSubstitute], order: Order, load: inout OfficerLoad
    ) -> [String: Fill] {
        var fills: [String: Fill] = [:]
        var strata: [String] = []
        for slot in slots where !strata.contains(slot.stratum) { strata.append(slot.stratum) }
        var taken = Set<String>()
        for stratum in strata {
            let places = slots.filter { $0.stratum == stratum }
            let candidates = reserve.filter { $0.drawn.stratum == stratum }
                .map { (substitute: $0, key: order.key($0.drawn)) }
                .sorted { $0.key < $1.key }
            // The cases that fill the places: the first in order, passing over officers at the limit.
            var chosen: [(substitute: ListedSubstitute, key: Order.Key, overLimit: Bool, skipped: Int)] = []
            var skipped = 0
            for candidate in candidates where chosen.count < places.count {
                if load.allows(candidate.substitute.drawn) {
                    chosen.append((candidate.substitute, candidate.key, false, skipped))
                    load.add(candidate.substitute.drawn)
                    skipped = 0
                } else {
                    skipped += 1
                }
            }
            if load.limit != nil {
                for candidate in candidates where chosen.count < places.count
                    && !chosen.contains(where: { $0.substitute.drawn.key == candidate.substitute.drawn.key }) {
                    chosen.append((candidate.substitute, candidate.key, true, 0))
                    load.add(candidate.substitute.drawn)
                }
            }
            // Pairing with the places: same tier-2 unit, then tier-1 unit, then any; earliest first.
            for place in places where !chosen.isEmpty {
                let best = chosen.indices.min { a, b in
                    let ra = UnitRelation.allCases.firstIndex(of: .between(chosen[a].substitute.drawn.unit, place.unit))!
                    let rb = UnitRelation.allCases.firstIndex(of: .between(chosen[b].substitute.drawn.unit, place.unit))!
                    return ra != rb ? ra < rb : chosen[a].key < chosen[b].key
                }!
                let pick = chosen.remove(at: best)
                fills[place.key] = Fill(
                    substitute: pick.substitute, source: .nextInStratum(.between(pick.substitute.drawn.unit, place.unit)),
                    overLimit: pick.overLimit, skippedForOfficerLimit: pick.skipped)
                taken.insert(pick.substitute.drawn.key)
            }
        }
        reserve.removeAll { taken.contains($0.drawn.key) }
        // A stratum that ran out: the slot's own substitute from another stratum, if one is left.
        for slot in slots where fills[slot.key] == nil {
            let own = reserve.indices.filter { reserve[$0].forKey == slot.key && reserve[$0].drawn.stratum != slot.stratum }
                .sorted { (reserve[$0].rank, $0) < (reserve[$1].rank, $1) }
            guard let index = own.first(where: { load.allows(reserve[$0].drawn) }) ?? own.first else { continue }
            let substitute = reserve.remove(at: index)
            fills[slot.key] = Fill(
                substitute: substitute, source: .anotherStratum(rank: substitute.rank), overLimit: !load.allows(substitute.drawn))
            load.add(substitute.drawn)
        }
        return fills
    }

    // MARK: - Version 1, for finalize directories written before version 2

    /// Version 1, step 1: the index in `reserve` of the slot's own substitute with the lowest rank.
    static func ownSubstitute(
        forSlot key: String, in reserve: [ListedSubstitute], where allowed: (DrawnCase) -> Bool = { _ in true }
    ) -> (index: Int, source: Source)? {
        let own = reserve.indices.filter { reserve[$0].forKey == key && allowed(reserve[$0].drawn) }
        guard let best = own.min(by: { (reserve[$0].rank, $0) < (reserve[$1].rank, $1) }) else { return nil }
        return (best, .ownSubstitute(rank: reserve[best].rank))
    }

    /// Version 1, steps 2 to 4: the index in `reserve` of the first substitute of `slot`'s stratum,
    /// nearest unit first.
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

    /// Version 1, steps 1 to 4 for one slot, among the substitutes `allowed` accepts.
    static func next(
        for slot: DrawnCase, in reserve: [ListedSubstitute], seed: UInt64, where allowed: (DrawnCase) -> Bool = { _ in true }
    ) -> (index: Int, source: Source)? {
        ownSubstitute(forSlot: slot.key, in: reserve, where: allowed) ?? stratumSubstitute(for: slot, in: reserve, seed: seed, where: allowed)
    }

    /// Version 1, steps 1 to 4 for one slot, first among substitutes whose officer `load` allows,
    /// then, if the draw set a limit and none was found, among all; `overLimit` tells which.
    static func next(
        for slot: DrawnCase, in reserve: [ListedSubstitute], seed: UInt64, load: OfficerLoad
    ) -> (index: Int, source: Source, overLimit: Bool)? {
        if let (index, source) = next(for: slot, in: reserve, seed: seed, where: load.allows) { return (index, source, false) }
        guard load.limit != nil, let (index, source) = next(for: slot, in: reserve, seed: seed) else { return nil }
        return (index, source, true)
    }
}
