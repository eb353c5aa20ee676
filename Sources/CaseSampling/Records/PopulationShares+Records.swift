extension PopulationShares {
    /// The shares a draw recorded: its variables' categories and its strata with their sample counts.
    init(_ record: DrawRecord) {
        self.init(
            variables: record.variables.map { variable in
                Variable(role: variable.variable, categories: variable.categories.map {
                    Category(code: $0.category, label: $0.label, population: $0.population)
                })
            },
            strata: record.strata.map { Stratum(code: $0.stratum, population: $0.population, provisional: $0.sample) })
    }

    /// The shares a final sample's record carries.
    init(_ proportions: FinalizeRecord.Proportions) {
        self.init(
            variables: proportions.variables.map { variable in
                Variable(role: variable.variable, categories: variable.categories.map {
                    Category(code: $0.category, label: $0.label, population: $0.population)
                })
            },
            strata: proportions.strata.map { Stratum(code: $0.stratum, population: $0.population, provisional: $0.provisional) })
    }
}
