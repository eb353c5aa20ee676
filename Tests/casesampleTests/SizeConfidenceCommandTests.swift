import CaseSampling
import Foundation
import Testing

/// `casesample size` and `casesample confidence`, run as the built executable.
///
/// Expected values were computed independently in Python 3.12 with the standard library
/// (`statistics.NormalDist().inv_cdf`, `math.ceil`), not with this package:
///
/// ```python
/// z = NormalDist().inv_cdf(1 - (1 - c) / 2)
/// n0 = z * z * 0.25 / 0.05 ** 2
/// n = n0 / (1 + (n0 - 1) / N)
/// ```
///
/// | N        | c    | n0                 | n                  | ⌈n⌉ |
/// |----------|------|--------------------|--------------------|-----|
/// | infinite | 0.80 | 164.2374415149817  | 164.2374415149817  | 165 |
/// | 500      | 0.80 | 164.2374415149817  | 123.81496522559618 | 124 |
/// | 500      | 0.90 | 270.554345409541   | 175.78638014548375 | 176 |
/// | 500      | 0.95 | 384.14588206941227 | 217.48721806258715 | 218 |
/// | 1000     | 0.80 | 164.2374415149817  | 141.18995456429042 | 142 |
/// | 1000     | 0.90 | 270.554345409541   | 213.10969978387482 | 214 |
/// | 1000     | 0.95 | 384.14588206941227 | 277.7334531731875  | 278 |
///
/// z at 80%, 90% and 95%: 1.2815515655446008, 1.6448536269514715, 1.9599639845400536.
@Suite("casesample size and confidence")
struct SizeConfidenceCommandTests {
    static let usage: Int32 = 64

    /// Runs the tool and parses its standard output as JSON, after checking it exited 0.
    static func json(_ arguments: [String]) throws -> JSONValue {
        let result = try ExecutableRunner.run(arguments)
        try #require(result.exitCode == 0, "\(result)")
        #expect(result.standardError.isEmpty, "\(result)")
        return try JSONValue.parse(Array(result.standardOutput.utf8))
    }

    static func number(_ value: JSONValue?) throws -> Double {
        try #require(value?.doubleValue)
    }

    // MARK: - size: the manual's worked example (section 4.2)

    @Test func size_infinitePopulationAt80And5_is165_theManualsAbout164RoundedUp() throws {
        let result = try ExecutableRunner.run(["size"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.hasPrefix("Sample size: 165 cases\n"))
        #expect(result.standardOutput.contains("taken as infinite"))
        #expect(result.standardOutput.contains("The manual's \"about 164\" (section 4.2) is n0 = 164.24; a whole sample rounds it up to 165."))

        let json = try Self.json(["size", "--json"])
        #expect(json["sampleSize"] == .int(165))
        #expect(json["population"] == .null)
        #expect(abs(try Self.number(json["n0"]) - 164.2374415149817) < 1e-6)
        #expect(abs(try Self.number(json["z"]) - 1.2815515655446008) < 1e-6)
    }

    @Test func size_sample165Observed47_80PercentIntervalIs42To52() throws {
        let json = try Self.json(["size", "--sample", "165", "--observed", "0.47", "--json"])
        let wald = try #require(json["waldInterval"])
        // Python: 0.47 ± 1.2815515655446008 · √(0.47 · 0.53 / 165) = 0.4202055457138095 to 0.5197944542861904.
        #expect(abs(try Self.number(wald["lower"]) - 0.4202055457138095) < 1e-6)
        #expect(abs(try Self.number(wald["upper"]) - 0.5197944542861904) < 1e-6)
        #expect((100 * (try Self.number(wald["lower"]))).rounded() == 42)
        #expect((100 * (try Self.number(wald["upper"]))).rounded() == 52)

        let text = try ExecutableRunner.run(["size", "--sample", "165", "--observed", "0.47"])
        #expect(text.standardOutput.contains("  Wald interval    42.0% to 52.0% (47.0% ± 4.98 points)\n"), "\(text)")
    }

    // MARK: - size: finite population correction

    @Test(arguments: [
        (500, 124, 123.81496522559618, [124, 176, 218]),
        (1000, 142, 141.18995456429042, [142, 214, 278]),
    ])
    func size_withFinitePopulationCorrection_matchesPython(
        population: Int, sampleSize: Int, corrected: Double, table: [Int]
    ) throws {
        let json = try Self.json(["size", "--population", "\(population)", "--json"])
        #expect(json["sampleSize"] == .int(sampleSize))
        #expect(json["population"] == .int(population))
        #expect(abs(try Self.number(json["correctedSize"]) - corrected) < 1e-6)
        let rows = try #require(json["table"]?.arrayValue)
        #expect(rows.map { $0["confidence"]?.doubleValue } == [0.8, 0.9, 0.95])
        #expect(rows.map { $0["sampleSize"]?.intValue } == table)
    }

    @Test func size_tableAddsTheConfidenceAsked() throws {
        let json = try Self.json(["size", "--population", "1000", "--confidence", "0.85", "--json"])
        let rows = try #require(json["table"]?.arrayValue)
        #expect(rows.map { $0["confidence"]?.doubleValue } == [0.8, 0.85, 0.9, 0.95])
    }

    @Test func size_expectedExclusions_givesTheProvisionalList() throws {
        // Python: ⌈142 / (1 − 0.1)⌉ = 158.
        let json = try Self.json(["size", "--population", "1000", "--expected-exclusions", "0.1", "--json"])
        #expect(json["sampleSize"] == .int(142))
        #expect(json["provisionalListSize"] == .int(158))
        let text = try ExecutableRunner.run(["size", "--population", "1000", "--expected-exclusions", "0.1"])
        #expect(text.standardOutput.contains("  Provisional list    158 cases = 142 / (1 − 0.1), rounded up\n"), "\(text)")
    }

    @Test func sizeJSON_hasTheDocumentedKeysInOrder() throws {
        let json = try Self.json(["size", "--population", "300", "--json"])
        let keys = try #require(json.objectValue).map(\.0)
        #expect(keys == [
            "sampleSize", "n0", "z", "population", "margin", "confidence", "proportion",
            "correctedSize", "expectedExclusions", "provisionalListSize", "table",
        ])
        #expect(json["margin"] == .double(0.05))
        #expect(json["confidence"] == .double(0.8))
        #expect(json["proportion"] == .double(0.5))
    }

    @Test func size_sampleWithPopulation_appliesTheCorrectionToTheMargin() throws {
        // Python: 1.2815515655446008 · √(0.25 / 60) · √(240 / 299) = 0.07411404064391543.
        let json = try Self.json(["size", "--sample", "60", "--population", "300", "--json"])
        #expect(abs(try Self.number(json["margin"]) - 0.07411404064391543) < 1e-6)
        #expect(json["waldInterval"] == .null)
    }

    @Test func size_wilsonForAnObservedProportion_agreesWithConfidenceForTheSameCounts() throws {
        let size = try Self.json(["size", "--sample", "130", "--observed", "\(84.0 / 130.0)", "--json"])
        let confidence = try Self.json(["confidence", "--yes", "84", "--of", "130", "--json"])
        #expect(size["wilsonInterval"] == confidence["wilsonInterval"])
        #expect(size["waldInterval"] == confidence["waldInterval"])
    }

    // MARK: - confidence: one key question

    @Test func confidence_84Of130_isRequiresImprovementWithEveryFlag() throws {
        let result = try ExecutableRunner.run(["confidence", "--yes", "84", "--of", "130"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.standardOutput.hasPrefix("84 of 130 cases: 64.6%, Too few (50–64%): Requires improvement\n"))
        #expect(result.standardOutput.contains("Interval crosses a band boundary              yes: the Wald and Wilson intervals cross 65%\n"))
        #expect(result.standardOutput.contains("Within five points of a boundary              yes: 0.38 points below 65%\n"))
        #expect(result.standardOutput.contains("One case judged differently changes the band  yes: 85 of 130 (65.4%) would be Good\n"))
    }

    @Test(arguments: [
        // (yes, of, band, shown): the band is decided on the exact fraction; 64.95% is not shown as 65.0%.
        (84, 130, "requiresImprovement", "64.6%"),
        (13, 20, "good", "65.0%"),
        (1299, 2000, "requiresImprovement", "64.95%"),
        (1, 2, "requiresImprovement", "50.0%"),
        (4, 5, "outstanding", "80.0%"),
    ])
    func confidence_atABoundary_usesTheExactFraction(yes: Int, of: Int, band: String, shown: String) throws {
        let json = try Self.json(["confidence", "--yes", "\(yes)", "--of", "\(of)", "--json"])
        #expect(json["band"] == .string(band))
        let text = try ExecutableRunner.run(["confidence", "--yes", "\(yes)", "--of", "\(of)"])
        #expect(text.standardOutput.contains(": \(shown), "), "\(text)")
    }

    @Test func confidence_withPopulation_matchesPythonWaldWithCorrectionAndWilson() throws {
        let json = try Self.json(["confidence", "--yes", "34", "--of", "40", "--population", "300", "--json"])
        // Python: 0.85 ± z·√(0.85 · 0.15 / 40)·√(260 / 299) = 0.7825297589059022 to 0.9174702410940978;
        // Wilson (no correction) 0.7639523382286821 to 0.9084396757534356.
        #expect(abs(try Self.number(json["waldInterval"]?["lower"]) - 0.7825297589059022) < 1e-6)
        #expect(abs(try Self.number(json["waldInterval"]?["upper"]) - 0.9174702410940978) < 1e-6)
        #expect(abs(try Self.number(json["wilsonInterval"]?["lower"]) - 0.7639523382286821) < 1e-6)
        #expect(abs(try Self.number(json["wilsonInterval"]?["upper"]) - 0.9084396757534356) < 1e-6)
        #expect(json["band"] == .string("outstanding"))
        #expect(json["flags"] == .object([
            ("intervalCrossesBoundary", .bool(true)),
            ("withinFivePointsOfBoundary", .bool(true)),    // 85% is exactly five points above 80%
            ("oneCaseChangesBand", .bool(false)),           // 33 of 40 and 35 of 40 are Outstanding too
        ]))
    }

    // MARK: - confidence: a findings file

    static let tenStandards = """
        Standard,Key question,Yes,Applicable
        1.1,Leadership,9,10
        1.2,Staff,8,10
        1.3,Services,7,10
        1.4,Information and facilities,8,10
        2.1,Analysing offending,84,130
        2.1,Desistance,101,130
        2.1,Keeping other people safe,70,110
        2.2,Planning for engagement,99,130
        2.2,Planning to keep others safe,40,61
        2.3,Delivery,110,130
        2.4,Reviewing,60,130
        3.1,Unpaid work,30,35
        3.2,Through the Gate,19,24

        """

    /// A folder for one test's files, removed afterwards by `body`'s caller.
    static func withFile<Result>(_ contents: String, _ body: (String) throws -> Result) throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("SizeConfidenceCommandTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("findings.csv").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    @Test func findings_tenStandards_giveFlagsStandardRatingsAndAnOverallRating() throws {
        try Self.withFile(Self.tenStandards) { path in
            let json = try Self.json(["confidence", "--findings", path, "--population", "400", "--json"])
            let standards = try #require(json["standards"]?.arrayValue)
            // Lowest band per standard, worked by hand: 1.1 O, 1.2 O (8/10 = 80%), 1.3 G, 1.4 O,
            // 2.1 RI (84/130 = 64.6%), 2.2 G, 2.3 O, 2.4 I (60/130 = 46.2%), 3.1 O, 3.2 G (79.2%).
            #expect(standards.map { $0["score"]?.intValue } == [3, 3, 2, 3, 1, 2, 3, 0, 3, 2])
            #expect(json["overallRating"] == .object([
                ("totalScore", .int(22)), ("band", .string("good")), ("rating", .string("Good")),
            ]))
            let analysing = try #require(standards[4]["keyQuestions"]?.arrayValue?.first)
            #expect(analysing["line"] == .int(6))
            #expect(analysing["flags"] == .object([
                ("intervalCrossesBoundary", .bool(true)),
                ("withinFivePointsOfBoundary", .bool(true)),
                ("oneCaseChangesBand", .bool(true)),
            ]))

            let text = try ExecutableRunner.run(["confidence", "--findings", path, "--population", "400"])
            #expect(text.exitCode == 0, "\(text)")
            #expect(text.standardOutput.contains("13 key questions in 10 standards"))
            #expect(text.standardOutput.contains("Requires improvement  crosses, near, one case\n"), "\(text)")
            #expect(text.standardOutput.contains("Overall provider rating: Good (total score 22 of 30;"), "\(text)")
        }
    }

    @Test func findings_fewerThanTenStandards_giveNoOverallRating() throws {
        try Self.withFile("Standard,KQ,Met,Of\n2.1,A,9,10\n2.2,B,5,10\n") { path in
            let json = try Self.json(["confidence", "--findings", path, "--json"])
            #expect(json["overallRating"] == .null)
            let text = try ExecutableRunner.run(["confidence", "--findings", path])
            #expect(text.standardOutput.contains("Overall provider rating: not given: 2 standards are present, and it needs exactly ten.\n"))
        }
    }

    @Test(arguments: [
        ("Standard,Key question,Yes\n2.1,A,3\n", ":1: error: no applicable column (name it "),
        ("Standard,Key question,Yes,Applicable\n2.1,A,3,4\n2.1,B,x,4\n", ":3:3: error: the yes count is not a whole number"),
        ("Standard,Key question,Yes,Applicable\n2.1,A,5,4\n", ":2:3: error: 5 yes out of 4 applicable: yes cannot exceed applicable (column 3 \"Yes\")"),
        ("Standard,Key question,Yes,Applicable\n2.1,A,3,4\n2.1,B,3\n", ":3:4: error: 3 fields where the header has 4"),
        ("Standard,Key question,Yes,Applicable\n2.1,A,3,400\n", ":2:4: error: 400 applicable cases is more than the population of 300"),
    ])
    func findings_malformedFile_exits1NamingFileLineAndColumn(contents: String, message: String) throws {
        try Self.withFile(contents) { path in
            let result = try ExecutableRunner.run(["confidence", "--findings", path, "--population", "300"])
            #expect(result.exitCode == 1, "\(result)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.hasPrefix("Error: \(path)\(message)"), "\(result)")
        }
    }

    @Test func findings_missingFile_exits1() throws {
        let result = try ExecutableRunner.run(["confidence", "--findings", "no-such-findings.csv"])
        #expect(result.exitCode == 1, "\(result)")
        #expect(result.standardError == "Error: no-such-findings.csv: error: cannot read the findings file: check the path and that it is a readable file\n")
    }

    // MARK: - Bad command lines: exit 64

    @Test(arguments: [
        (["size", "--margin", "0"], "Error: --margin must be a number > 0 and < 1, got '0'\n"),
        (["size", "--margin", "1"], "Error: --margin must be a number > 0 and < 1, got '1'\n"),
        (["size", "--margin", "-0.05"], "Error: --margin must be a number > 0 and < 1, got '-0.05'\n"),
        (["size", "--confidence", "0"], "Error: --confidence must be a number > 0 and < 1, got '0'\n"),
        (["size", "--confidence", "1.2"], "Error: --confidence must be a number > 0 and < 1, got '1.2'\n"),
        (["size", "--proportion", "1"], "Error: --proportion must be a number > 0 and < 1, got '1'\n"),
        (["size", "--population", "0"], "Error: --population must be a whole number ≥ 1, got '0'\n"),
        (["size", "--expected-exclusions", "1"], "Error: --expected-exclusions must be a number ≥ 0 and < 1, got '1'\n"),
        (["size", "--sample", "400", "--population", "300"],
         "Error: --sample 400 is larger than --population 300: a sample is drawn from the population, so it can be at most the population\n"),
        (["size", "--sample", "10", "--margin", "0.1"],
         "Error: --margin sizes a sample and cannot be used with --sample, which shows the margin a sample achieves\n"),
        (["size", "--observed", "0.4"],
         "Error: --observed needs --sample: give the size of the sample the proportion was observed in\n"),
        (["size", "--margin", "0.0000000001"], "Error: A sample of "),
        (["confidence", "--yes", "5", "--of", "4"],
         "Error: --yes 5 is more than --of 4: the cases that met a key question are some of the cases it applied to\n"),
        (["confidence", "--yes", "3", "--of", "400", "--population", "300"],
         "Error: --of 400 is larger than --population 300: the cases assessed are drawn from the population\n"),
        (["confidence", "--yes", "3"], "Error: give --yes and --of for one key question, or --findings for a findings file\n"),
        (["confidence", "--findings", "f.csv", "--of", "4"],
         "Error: --of cannot be used with --findings, which reads the counts from the file\n"),
        (["confidence", "--yes", "3", "--of", "4", "--confidence", "0"],
         "Error: --confidence must be a number > 0 and < 1, got '0'\n"),
    ])
    func badCommandLine_exits64WithAClearMessage(arguments: [String], firstLine: String) throws {
        let result = try ExecutableRunner.run(arguments)
        #expect(result.exitCode == Self.usage, "\(result)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix(firstLine), "\(result)")
        #expect(result.standardError.contains("\nUsage: casesample \(arguments[0]) "), "\(result)")
    }

    @Test(arguments: ["size", "confidence"])
    func help_documentsTheBoundaryRuleAndExitCodes(name: String) throws {
        let result = try ExecutableRunner.run([name, "--help"])
        let help = result.standardOutput.replacingOccurrences(of: "\n", with: " ")
        #expect(help.contains("Exit status: 64"), "\(result)")
        if name == "confidence" {
            #expect(help.contains("84 of 130 is 64.6%"), "\(result)")
            #expect(help.contains("exact fraction"), "\(result)")
        } else {
            #expect(help.contains("about 164"), "\(result)")
        }
    }
}
