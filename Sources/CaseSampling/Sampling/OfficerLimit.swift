/// Selection within quotas such that no responsible officer has more than `limit` selected cases
/// (`--max-per-officer`).
///
/// Each candidate belongs to one group (a stratum within a unit, or a stratum) and to an officer, or
/// to none (a blank officer, which no limit applies to). Every group must get exactly its quota.
///
/// 1. *Greedy*: candidates in order of permanent random number; each is taken if its group still
///    needs cases and its officer is under the limit. Without a binding limit this is the plain draw.
/// 2. *Augmenting paths*: for each case a group still lacks, a breadth-first search over groups and
///    full officers finds the shortest exchange (take a case of a full officer, release another of
///    that officer's cases in another group, which then takes a case of another officer, …) ending at
///    an officer under the limit, trying candidates in order of permanent random number. This is
///    the augmenting-path step of bipartite b-matching, so it finds a selection whenever one exists;
///    when none exists the groups and officers the search reached show why (Hall's condition).
struct OfficerLimit {
    struct Candidate {
        var group: Int
        /// -1: no officer recorded; no limit applies.
        var officer: Int
    }

    /// Why no selection meets the limit: the groups the search reached need more cases than their
    /// candidates' officers can give.
    struct Shortfall: Error {
        var groups: [Int]
        var needed: Int
        var available: Int
        var officers: Int
    }

    /// Indices of the selected candidates, ascending.
    ///
    /// - Parameter candidates: in order of preference (permanent random number).
    static func select(candidates: [Candidate], quotas: [Int], limit: Int, officerCount: Int) -> Result<[Int], Shortfall> {
        var byGroup = [[Int]](repeating: [], count: quotas.count)
        var byOfficer = [[Int]](repeating: [], count: officerCount)
        for (i, c) in candidates.enumerated() {
            byGroup[c.group].append(i)
            if c.officer >= 0 { byOfficer[c.officer].append(i) }
        }
        var isSelected = [Bool](repeating: false, count: candidates.count)
        var filled = [Int](repeating: 0, count: quotas.count)
        var load = [Int](repeating: 0, count: officerCount)
        func hasRoom(_ officer: Int) -> Bool { officer < 0 || load[officer] < limit }
        func take(_ i: Int) {
            isSelected[i] = true
            filled[candidates[i].group] += 1
            if candidates[i].officer >= 0 { load[candidates[i].officer] += 1 }
        }
        func release(_ i: Int) {
            isSelected[i] = false
            filled[candidates[i].group] -= 1
            if candidates[i].officer >= 0 { load[candidates[i].officer] -= 1 }
        }

        for (i, c) in candidates.enumerated() where filled[c.group] < quotas[c.group] && hasRoom(c.officer) { take(i) }

        for start in quotas.indices {
            while filled[start] < quotas[start] {
                // Breadth-first search; `via[g]` is how group g was reached: (previous group, the
                // candidate taken there, the candidate released in g).
                var via: [Int: (group: Int, take: Int, release: Int)] = [:]
                var seenGroup: Set<Int> = [start], seenOfficer: Set<Int> = []
                var queue = [start], head = 0
                var end: (group: Int, take: Int)?
                search: while head < queue.count {
                    let g = queue[head]
                    head += 1
                    for i in byGroup[g] where !isSelected[i] {
                        let officer = candidates[i].officer
                        if hasRoom(officer) {
                            end = (g, i)
                            break search
                        }
                        guard seenOfficer.insert(officer).inserted else { continue }
                        for j in byOfficer[officer] where isSelected[j] {
                            let next = candidates[j].group
                            guard seenGroup.insert(next).inserted else { continue }
                            via[next] = (g, i, j)
                            queue.append(next)
                        }
                    }
                }
                guard var (group, candidate) = end else {
                    let groups = seenGroup.sorted()
                    let outside = groups.flatMap { byGroup[$0] }.filter { !seenOfficer.contains(candidates[$0].officer) }.count
                    return .failure(Shortfall(
                        groups: groups, needed: groups.reduce(0) { $0 + quotas[$1] },
                        available: seenOfficer.count * limit + outside, officers: seenOfficer.count))
                }
                take(candidate)
                while group != start, let step = via[group] {
                    release(step.release)
                    take(step.take)
                    (group, candidate) = (step.group, step.take)
                }
            }
        }
        return .success(isSelected.indices.filter { isSelected[$0] })
    }
}
