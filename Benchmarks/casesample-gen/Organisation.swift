import CaseSampling

/// The inspected organisation, drawn from the seed: tier-1 units, their tier-2 teams, each team's
/// responsible officers, and how cases spread over them.
///
/// Unit `u` takes 4 to 8 of its team names (``LongListParameters/tier1Units``) and each team 6 to
/// 12 officers with names unique across the organisation. Units, teams and officers get random
/// weights, so caseloads differ, as they do in a real area.
struct Organisation {
    struct Team {
        var unitIndex: Int
        var name: String
        /// Indices into ``Organisation/officers``.
        var officerIndices: [Int]
        var officerWeights: [Double]
    }

    let unitNames: [String]
    let teams: [Team]
    /// `PO Jane Smith`, `PSO Imran Kaur`, ...
    let officers: [String]
    /// Each team's share of all cases: its unit's share times its share within the unit.
    let teamShares: [Double]

    /// - Parameter unitCount: 1 to ``LongListParameters/tier1Units``.count.
    init(unitCount: Int, using generator: inout Xoshiro256StarStar) {
        typealias P = LongListParameters
        precondition((1...P.tier1Units.count).contains(unitCount), "unsupported unit count")

        let grades = CategoricalTable(weights: P.officerGrades.map(\.weight))
        var usedOfficerNames: Set<String> = []
        var unitNames: [String] = []
        var teams: [Team] = []
        var officers: [String] = []
        var teamShares: [Double] = []

        let unitWeights = (0..<unitCount).map { _ in generator.uniform(in: P.unitWeightRange) }
        let unitTotal = unitWeights.reduce(0, +)
        for unitIndex in 0..<unitCount {
            let unit = P.tier1Units[unitIndex]
            unitNames.append(unit.name)
            var teamNames = unit.teams
            generator.shuffle(&teamNames)
            let teamCount = min(generator.uniform(in: P.teamsPerUnit), teamNames.count)
            let teamWeights = (0..<teamCount).map { _ in generator.uniform(in: P.teamWeightRange) }
            let teamTotal = teamWeights.reduce(0, +)
            for (teamName, teamWeight) in zip(teamNames, teamWeights) {
                var team = Team(unitIndex: unitIndex, name: teamName, officerIndices: [],
                                officerWeights: [])
                for _ in 0..<generator.uniform(in: P.officersPerTeam) {
                    // Redraw until the person is new: 24 × 36 names cover the 576 officers
                    // of six units at most.
                    var person: String
                    repeat {
                        let forename = P.officerForenames[generator.bounded(P.officerForenames.count)]
                        let surname = P.officerSurnames[generator.bounded(P.officerSurnames.count)]
                        person = "\(forename) \(surname)"
                    } while !usedOfficerNames.insert(person).inserted
                    let grade = P.officerGrades[grades.draw(using: &generator)].value
                    team.officerIndices.append(officers.count)
                    team.officerWeights.append(generator.uniform(in: P.officerWeightRange))
                    officers.append("\(grade) \(person)")
                }
                teams.append(team)
                teamShares.append(unitWeights[unitIndex] / unitTotal * (teamWeight / teamTotal))
            }
        }
        self.unitNames = unitNames
        self.teams = teams
        self.officers = officers
        self.teamShares = teamShares
    }
}
