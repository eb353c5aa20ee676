/// How many cases of the sample each responsible officer holds, against the draw's
/// `--max-per-officer`: substitutions take a substitute whose officer is under the limit where the
/// stratum has one (see ``SubstitutionRule``).
///
/// Officers are compared as ``DrawnCase/officer`` (ignoring case and surrounding spaces); a case with
/// no officer recorded never counts against a limit, as in the draw.
struct OfficerLoad {
    /// Nil when the draw set no limit: every case is allowed.
    let limit: Int?
    private var counts: [String: Int] = [:]

    init(limit: Int?, members: some Sequence<DrawnCase>) {
        self.limit = limit
        for member in members { add(member) }
    }

    /// Whether `drawn` can join the sample without taking its officer over the limit.
    func allows(_ drawn: DrawnCase) -> Bool {
        guard let limit, !drawn.officer.isEmpty else { return true }
        return counts[drawn.officer, default: 0] < limit
    }

    mutating func add(_ drawn: DrawnCase) {
        if !drawn.officer.isEmpty { counts[drawn.officer, default: 0] += 1 }
    }

    mutating func remove(_ drawn: DrawnCase) {
        if !drawn.officer.isEmpty { counts[drawn.officer, default: 0] -= 1 }
    }
}
