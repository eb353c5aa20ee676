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

    /// Each broken spec: the JSON path and message of its first problem.
    @Test(arguments: [
        ("\"version\": 1", "\"version\": 2", "$.version", "newer than this casesample reads"),
        ("\"name\": \"t\",", "\"name\": \"t\", \"colour\": 1,", "$.colour", "unknown key"),
        ("\"aliases\": [\"Gender\"]", "\"aliases\": [\"Gender\"], \"sceme\": \"g\"", "$.columns[1].sceme", "did you mean \"scheme\"?"),
        ("\"scheme\": \"g\"", "\"scheme\": \"gg\"", "$.columns[1].scheme", "no scheme named \"gg\""),
        ("\"stratification\": [\"g\"]", "\"stratification\": [\"rosh\"]", "$.stratification[0]", "no column with role \"rosh\""),
        ("\"stratification\": [\"g\"]", "\"stratification\": [\"t1\"]", "$.stratification[0]", "needs a categorical column with a scheme"),
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
