/// The eligible population a draw sampled from, by stratification variable and by stratum, as
/// `draw.json` records it: what the final sample's proportions are compared with.
///
/// Read from `draw.json` (``DrawRecord/variables`` and ``DrawRecord/strata``) by `finalize`, and from
/// `finalize.json` (``FinalizeRecord/proportions``) by `replace`.
public struct PopulationShares: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        public var code: String
        public var label: String
        public var population: Int
    }

    public struct Variable: Sendable, Equatable {
        /// The column role, such as `gender`.
        public var role: String
        public var categories: [Category]
    }

    public struct Stratum: Sendable, Equatable {
        /// Category codes joined by `/`, such as `male/community/low`.
        public var code: String
        public var population: Int
        /// Cases of the stratum in the provisional sample.
        public var provisional: Int
    }

    public var variables: [Variable]
    public var strata: [Stratum]

    /// N: the eligible cases the draw sampled from (the sum over the first variable's categories).
    public var total: Int { variables.first?.categories.reduce(0) { $0 + $1.population } ?? 0 }

    /// The stratum code (`male/community/low`) for a combination of category indices.
    func code(of categories: [Int]) -> String {
        zip(variables, categories).map { $0.categories[$1].code }.joined(separator: "/")
    }

    /// The `Stratum` text for a combination of category indices.
    func label(of categories: [Int]) -> String {
        zip(variables, categories).map { $0.categories[$1].label }.joined(separator: " / ")
    }

    /// The category index of each variable by `Stratum` text (labels joined by ` / `, as the draw
    /// writes them), for every combination of the categories.
    func categoriesByStratumLabel() -> [String: [Int]] {
        var combinations: [[Int]] = [[]]
        for variable in variables {
            combinations = combinations.flatMap { prefix in variable.categories.indices.map { prefix + [$0] } }
        }
        var index: [String: [Int]] = [:]
        for combination in combinations { index[label(of: combination)] = combination }
        return index
    }
}
