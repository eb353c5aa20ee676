import ArgumentParsing
import CaseSampling

/// `casesample verify`: re-runs a recorded draw and compares its outputs.
enum Verify: Subcommand {
    static let description = CommandDescription(
        name: "verify",
        abstract: "Re-run a recorded draw and check that every output matches byte for byte.",
        discussion: """
            Reads the draw record that 'casesample draw' wrote to <dir>, draws again from \
            <long-list> with the recorded spec, size and seed, and compares every file it \
            produces with the one in <dir>. Reports each file that differs or is missing.
            """,
        arguments: [
            .positional("dir", help: "The output directory of an earlier 'casesample draw'."),
            .positional("long-list", help: "The long list that draw read (CSV or .xlsx; - reads it from standard input). The sheet, --column mappings and --date-order are those draw.json records."),
        ],
        examples: [
            .init(
                "Check a recorded draw against the shipped example long list:",
                "casesample verify draw-2024-06 SampleSpecs/examples/long-list.csv"),
            .init(
                "Check a draw made from standard input, giving the same bytes again:",
                "casesample verify draw-2024-06 - < long-list.csv"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let directory = arguments.requiredString("dir")
        let verification = try Verification(
            directory: directory, longListPath: arguments.requiredString("long-list"), toolVersion: caseSampleVersion)
        if verification.matches {
            print("Verified: re-running the draw recorded in \(directory)/draw.json gives \(verification.comparedFiles.joined(separator: ", ")) byte for byte.")
        } else {
            throw VerificationFailed(directory: directory, differences: verification.differences)
        }
    }

    /// The outputs do not match a re-run: exit 1 with what differs.
    struct VerificationFailed: Error, CustomStringConvertible {
        var directory: String
        var differences: [String]
        var description: String {
            "\(directory) does not match a re-run of its recorded draw:\n" + differences.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
