import Foundation
import Testing

@testable import CaseSampling

extension FinalizeTests {
    /// Each way a returned list or a draw directory can be wrong: a located error, no personal data.
    @Suite struct FinalizeErrorTests {
        static let draw = SubstitutionRuleTests.draw

        /// Runs finalize on `returned` (text, UTF-8) after `tamper` has its way with the draw
        /// directory, and returns the error.
        static func failure(
            _ returned: String, missingMeansKept: Bool = false, tamper: (String) throws -> Void = { _ in }
        ) throws -> FinalizeError? {
            var caught: FinalizeError?
            try withScratch { scratch in
                try draw.write(to: scratch + "/draw")
                try tamper(scratch + "/draw")
                try writeBytes(Array(returned.utf8), to: scratch + "/returned.csv")
                do throws(FinalizeError) {
                    _ = try FinalizeJob(drawDirectory: scratch + "/draw", returnedPath: scratch + "/returned.csv",
                                        missingMeansKept: missingMeansKept, toolVersion: "test").run()
                } catch {
                    caught = error
                    let text = error.description
                    #expect(!text.contains("Siân") && !text.contains(SyntheticDraw.dateOfBirth), "personal data in \(text)")
                }
            }
            return caught
        }

        static let header = "CRN,Surname,Exclude,Officer available\r\n"
        static func row(_ reference: String, _ exclusion: String = "", _ available: String = "Y") -> String {
            "\(reference),\"\(SyntheticDraw.surname)\",\(exclusion),\(available)\r\n"
        }
        static let rows = ["A100001", "B100002", "F100003", "G100004"].map { row($0) }

        @Test func unknownCaseReference_isLocated() throws {
            let error = try #require(try Self.failure(Self.header + Self.rows.joined() + Self.row("Z999999")))
            #expect(error.problems.count == 1)
            let problem = try #require(error.problems.first)
            #expect(problem.kind == .unknownCase)
            #expect(problem.line == 6)
            #expect(problem.description.contains("/returned.csv:6:1: error: this case reference is neither in "))
            #expect(problem.description.hasSuffix("/draw/provisional.csv nor in its substitutes.csv (column 1 \"CRN\")"))
            #expect(!error.description.contains("Z999999"))
        }

        @Test func missingProvisionalCase_isLocatedInProvisionalCSV_unlessMissingMeansKept() throws {
            let text = Self.header + Self.rows.prefix(3).joined()
            let error = try #require(try Self.failure(text))
            let problem = try #require(error.problems.first)
            #expect(problem.kind == .missingCase)
            #expect(problem.file.hasSuffix("/draw/provisional.csv"))
            #expect(problem.line == 5)
            #expect(problem.message.contains("--missing-means-kept"))
            #expect(try Self.failure(text, missingMeansKept: true) == nil)
        }

        @Test func unknownExclusionReason_listsTheValidOnes() throws {
            let error = try #require(try Self.failure(Self.header + Self.rows.dropLast().joined() + Self.row("G100004", "On holiday")))
            let problem = try #require(error.problems.first)
            #expect(problem.kind == .unknownValue)
            #expect(problem.description.hasSuffix(":5:3: error: not one of the spec's exclusion reasons (the valid ones are listed below); leave it blank to keep the case (column 3 \"Exclude\")"))
            #expect(error.description.hasSuffix("exclusion reasons (give the code or the text; case, spaces and punctuation do not matter):\n  yot-held             Held by a YOT\n  officer-unavailable  Responsible officer unavailable"))
            #expect(!error.description.contains("holiday"))
        }

        @Test func cellWithoutLetterOrDigit_keepsTheCase() throws {
            #expect(try Self.failure(Self.header + Self.row("A100001", "-") + Self.row("B100002", " ") + Self.rows.dropFirst(2).joined()) == nil)
        }

        @Test func unknownAvailability_listsTheValidOnes() throws {
            let error = try #require(try Self.failure(Self.header + Self.row("A100001", "", "Maybe") + Self.rows.dropFirst().joined()))
            let problem = try #require(error.problems.first)
            #expect(problem.line == 2)
            #expect(problem.column == 4)
            #expect(problem.message.contains("neither available (Y, Yes, Available, TRUE, 1, or blank) nor unavailable (N, No"))
        }

        @Test func everyProblemIsReported_atOnce() throws {
            let text = Self.header + Self.row("A100001", "Lost") + Self.row("Z1") + Self.row("Z2") + Self.row("F100003", "", "?")
            let error = try #require(try Self.failure(text))
            #expect(error.problems.map(\.kind) == [.unknownValue, .unknownCase, .unknownCase, .unknownValue, .missingCase, .missingCase])
        }

        @Test func listOfAnotherDraw_isRefusedAsSuch() throws {
            let error = try #require(try Self.failure(Self.header + Self.row("Z1", "yot-held") + Self.row("Z2")))
            #expect(error.problems.isEmpty)
            #expect(error.summary.contains("does not belong to the draw in"))
            #expect(error.summary.contains("none of its 2 case references are cases of that draw, and 0 of its 4 provisional cases are in the list"))
            let mostlyOthers = try #require(try Self.failure(Self.header + Self.row("A100001") + Self.row("Z1") + Self.row("Z2")))
            #expect(mostlyOthers.summary.contains("only 1 of its 3 case references is a case of that draw, and 1 of its 4 provisional cases is in the list"))
        }

        @Test func listWithNeitherColumn_isRefused() throws {
            let error = try #require(try Self.failure("CRN,Notes\r\nA100001,x\r\n"))
            #expect(error.summary.contains(":1: error: no exclusion or officer-availability column (looked for \"Exclusion reason\""))
        }

        @Test(arguments: [
            ("A100001,x,,Y,extra\r\n", ReadProblem.Kind.tooManyFields, 2),
            ("B100002,x\r\n", .tooFewFields, 2),
            ("a100001 ,x,,Y\r\n", .duplicateCaseReference, 3),
        ])
        func unreadableRow_isLocatedByTheReader(bad: String, kind: ReadProblem.Kind, line: Int) throws {
            let error = try #require(try Self.failure(Self.header + bad + Self.rows.joined()))
            #expect(error.problems.contains { $0.kind == kind && $0.line == line }, "\(error)")
        }

        @Test(arguments: ["provisional.csv", "substitutes.csv", "spec.json"])
        func editedDrawDirectory_isRefused(name: String) throws {
            let error = try #require(try Self.failure(Self.header + Self.rows.joined()) { draw in
                var bytes = try readBytes(draw + "/" + name)
                bytes.append(0x0A)
                try writeBytes(bytes, to: draw + "/" + name)
            })
            #expect(error.problems.map(\.kind) == [.changedOutput])
            #expect(error.problems.first?.file.hasSuffix("/" + name) == true)
            #expect(error.summary.contains("is not the draw as it was written"))
        }

        @Test func missingDrawRecord_isRefused() throws {
            let error = try #require(try Self.failure(Self.header + Self.rows.joined()) { draw in
                try FileManager.default.removeItem(atPath: draw + "/draw.json")
            })
            #expect(error.summary.contains("draw.json: error: cannot read it; is"))
        }
    }
}
