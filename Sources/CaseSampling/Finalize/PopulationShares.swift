/// The eligible population a draw sampled from, by stratification variable and by stratum, as
/// `draw.json` records it: what the final sample's proportions are compared with.
///
/// Read from `draw.json` (`variables[].categories[]` and `strata[]`) by `finalize`, and from
/// `finalize.json` (`proportions`, written with the same keys) by `replace`.
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

    /// Reads the shares from a record's `variables` and `strata`; `provisionalKey` names the strata
    /// member holding the provisional count (`sample` in `draw.json`, `provisional` in `finalize.json`).
    static func read(from record: JSONValue, provisionalKey: String) -> PopulationShares? {
        guard let variables = record["variables"]?.arrayValue, !variables.isEmpty else { return nil }
        var result = PopulationShares(variables: [], strata: [])
        for variable in variables {
            guard let role = variable["variable"]?.stringValue, let categories = variable["categories"]?.arrayValue else { return nil }
            var parsed: [Category] = []
            for category in categories {
                guard let code = category["category"]?.stringValue, let population = category["population"]?.intValue else { return nil }
                parsed.append(Category(code: code, label: category["label"]?.stringValue ?? code, population: population))
            }
            result.variables.append(Variable(role: role, categories: parsed))
        }
        for stratum in record["strata"]?.arrayValue ?? [] {
            guard let code = stratum["stratum"]?.stringValue, let population = stratum["population"]?.intValue else { return nil }
            result.strata.append(Stratum(code: code, population: population, provisional: stratum[provisionalKey]?.intValue ?? 0))
        }
        return result
    }

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
