import Foundation
import Testing
@testable import CaseSampling

@Suite struct SpecLoadingTests {
    static let minimal = """
        {"version": 1, "name": "t",
         "columns": [{"role": "ref", "kind": "caseReference", "aliases": ["CRN"]},
                     {"role": "g", "scheme": "g", "aliases": ["Gender"]},
                     {"role": "t1", "aliases": ["Tier1"]}, {"role": "t2", "aliases": ["Tier2"]}],
         "schemes": {"g": {"categories": [{"code": "m", "values": ["M"]}, {"code": "f", "values": ["F"]}]}},
         "stratification": ["g"], "units": {"tier1": "t1", "tier2": "t2"}}
        """

    @Test func domainTwo_loads() throws {
        let spec = try Examples.domainTwo()
        #expect(spec.name == "domain-two")
        #expect(spec.stratification == ["gender", "sentenceType", "rosh"])
        #expect(spec.rules.count == 10)
        #expect(spec.size == .marginOfError(margin: 0.05, confidence: 0.80, proportion: 0.5))
    }

    @Test func minimal_loadsWithDefaults() throws {
        let spec = try SampleSpec.load(bytes: Array(Self.minimal.utf8), file: "t.json")
        #expect(spec.substitutesPerCase == 1)
        #expect(spec.schemes["g"]!.missing == .error)
    }

    /// A derived variable stratifies; a column without a scheme takes the values found; bounds load.
    @Test func derivedVariable_openColumn_andBounds_load() throws {
        let text = Self.minimal
            .replacingOccurrences(of: "\"stratification\": [\"g\"]", with: """
                "derived": [{"role": "d", "categories": [{"code": "a", "label": "A", "when": {"column": "g", "equals": "m"}}, {"code": "b"}]}],
                "size": {"margin": 0.1, "confidence": 0.8, "minimum": 20, "maximum": 80}, "stratification": ["d", "t1"]
                """)
        let spec = try SampleSpec.load(bytes: Array(text.utf8), file: "t.json")
        #expect(spec.stratification == ["d", "t1"])
        #expect(spec.derived == [DerivedVariable(role: "d", categories: [
            .init(code: "a", label: "A", when: .equals(column: "g", value: "m")), .init(code: "b", label: "b", when: nil)])])
        #expect(spec.declaredCategories(of: "d").map(\.code) == ["a", "b"])
        #expect(spec.sizeBounds == SizeBounds(minimum: 20, maximum: 80))
    }

    /// Each broken spec: the JSON path and message of its first problem.
    @Test(arguments: [
        ("\"version\": 1", "\"version\": 2", "$.version", "newer than this casesample reads"),
        ("\"name\": \"t\",", "\"name\": \"t\", \"colour\": 1,", "$.colour", "unknown key"),
        ("\"aliases\": [\"Gender\"]", "\"aliases\": [\"Gender\"], \"sceme\": \"g\"", "$.columns[1].sceme", "did you mean \"scheme\"?"),
        ("\"scheme\": \"g\"", "\"scheme\": \"gg\"", "$.columns[1].scheme", "no scheme named \"gg\""),
        ("\"stratification\": [\"g\"]", "\"stratification\": [\"rosh\"]", "$.stratification[0]", "no column with role \"rosh\""),
        ("\"stratification\": [\"g\"]", "\"stratification\": [\"ref\"]", "$.stratification[0]", "a stratification variable is a required categorical column"),
        // Derived variables: the last category takes the rest, only it goes without "when", rules read required columns.
        ("\"stratification\"", "\"derived\": [{\"role\": \"d\", \"categories\": [{\"code\": \"a\", \"when\": {\"column\": \"g\", \"equals\": \"m\"}}, {\"code\": \"b\", \"when\": {\"column\": \"g\", \"equals\": \"f\"}}]}], \"stratification\"", "$.derived[0].categories[1].when", "the last category has no \"when\""),
        ("\"stratification\"", "\"derived\": [{\"role\": \"d\", \"categories\": [{\"code\": \"a\"}, {\"code\": \"b\"}]}], \"stratification\"", "$.derived[0].categories[0]", "only the last category goes without one"),
        ("\"stratification\"", "\"derived\": [{\"role\": \"g\", \"categories\": [{\"code\": \"a\", \"when\": {\"column\": \"g\", \"equals\": \"m\"}}, {\"code\": \"b\"}]}], \"stratification\"", "$.derived[0].role", "already a column's role"),
        ("\"stratification\"", "\"derived\": [{\"role\": \"d\", \"categories\": [{\"code\": \"a\", \"when\": {\"column\": \"g\", \"equals\": \"x\"}}, {\"code\": \"b\"}]}], \"stratification\"", "$.derived[0].categories[0].when.equals", "\"x\" is not a category of scheme \"g\""),
        ("{\"role\": \"t2\", \"aliases\": [\"Tier2\"]}],", "{\"role\": \"t2\", \"aliases\": [\"Tier2\"]}, {\"role\": \"o\", \"scheme\": \"g\", \"required\": false, \"aliases\": [\"O\"]}], \"derived\": [{\"role\": \"d\", \"categories\": [{\"code\": \"a\", \"when\": {\"column\": \"o\", \"equals\": \"m\"}}, {\"code\": \"b\"}]}],", "$.derived[0].categories[0].when", "\"o\" is an optional column"),
        ("\"stratification\"", "\"derived\": [{\"role\": \"d\", \"categories\": [{\"code\": \"a\"}]}], \"stratification\"", "$.derived[0].categories", "at least two categories"),
        // Size bounds and the census.
        ("\"stratification\"", "\"size\": {\"margin\": 0.1, \"confidence\": 0.8, \"minimum\": 30, \"maximum\": 20}, \"stratification\"", "$.size.maximum", "below the minimum 30"),
        ("\"stratification\"", "\"size\": {\"census\": false, \"confidence\": 0.8}, \"stratification\"", "$.size.census", "\"census\" is true"),
        ("\"stratification\"", "\"size\": {\"census\": true, \"margin\": 0.1, \"confidence\": 0.8}, \"stratification\"", "$.size.margin", "unknown key"),
        ("{\"code\": \"f\", \"values\": [\"F\"]}", "{\"code\": \"f\", \"values\": [\"F\", \"m\"]}", "$.schemes.g.categories[1].values", "already means \"m\""),
        ("\"units\": {\"tier1\": \"t1\", \"tier2\": \"t2\"}", "\"units\": {\"tier1\": \"t1\"}", "$.units", "missing required key \"tier2\""),
        ("\"kind\": \"caseReference\"", "\"kind\": \"key\"", "$.columns[0].kind", "unknown kind \"key\""),
        ("\"stratification\"", "\"rules\": [{\"code\": \"x\", \"reason\": \"X\", \"when\": {\"column\": \"g\", \"equals\": \"male\"}}], \"stratification\"", "$.rules[0].when.equals", "\"male\" is not a category of scheme \"g\""),
        ("\"stratification\"", "\"rules\": [{\"code\": \"x\", \"reason\": \"X\", \"when\": {\"all\": [{\"column\": \"zz\", \"equals\": \"m\"}]}}], \"stratification\"", "$.rules[0].when.all[0].column", "no column with role \"zz\""),
        ("\"stratification\"", "\"rules\": [{\"code\": \"x\", \"reason\": \"X\", \"when\": {\"column\": \"g\", \"allItemsIn\": [\"m\"]}}], \"stratification\"", "$.rules[0].when.allItemsIn", "needs a list column"),
        ("\"version\": 1,", "\"version\": 1,,", "$", "not valid JSON"),
    ])
    func brokenSpec_namesThePath(find: String, replace: String, path: String, message: String) throws {
        let text = Self.minimal.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.minimal, "the test edit did not apply")
        do {
            _ = try SampleSpec.load(bytes: Array(text.utf8), file: "t.json")
            Issue.record("expected an error at \(path)")
        } catch {
            #expect(error.path == path, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("t.json: error: \(path): "))
        }
    }
}
