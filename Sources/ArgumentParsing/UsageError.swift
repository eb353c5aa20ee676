/// A command line that does not match its ``CommandDescription``.
///
/// The ``message`` says what is wrong and, where it can, what would be right:
///
/// ```
/// Unknown option '--seeed'. Did you mean '--seed'?
/// --size must be a whole number ≥ 1, got 'abc'
/// ```
///
/// ``report`` adds the usage line of the command concerned, as
/// swift-argument-parser prints it; tools print it on standard error and exit
/// with ``ExitCode/usage``.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong. Names are spelled as the user sees them (`--seed`,
    /// `<long-list>`, `--out <dir>`).
    public enum Kind: Equatable, Sendable {
        /// An option or flag the command does not declare, with the nearest
        /// declared one when it is close.
        case unknownOption(String, suggestion: String?)
        /// A subcommand that does not exist, with the nearest one when close.
        case unknownSubcommand(String, suggestion: String?)
        /// An option given last, or followed by another option, with no value.
        case missingValue(option: String)
        /// A required positional argument or option that was not given.
        case missingArgument(String)
        /// Positional values beyond those the command takes.
        case unexpectedArguments([String])
        /// A flag given a value with `=`.
        case unexpectedValue(flag: String, value: String)
        /// A value that does not match the argument's format.
        case invalidValue(argument: String, value: String, expected: String, suggestion: String?)
        /// A rule across arguments, checked by the command itself (see
        /// ``ParsedArguments/usageError(_:)``).
        case invalidCombination(String)
    }

    public let kind: Kind

    /// The names of the command concerned, from the root: `["casesample", "draw"]`.
    public let commandPath: [String]

    /// The usage synopsis of that command, unwrapped:
    /// `casesample draw <long-list> [--json]`.
    public let usage: String

    public init(_ kind: Kind, commandPath: [String], usage: String) {
        self.kind = kind
        self.commandPath = commandPath
        self.usage = usage
    }

    /// One sentence, without the `Error:` prefix.
    public var message: String {
        switch kind {
        case .unknownOption(let name, let suggestion):
            return "Unknown option '\(name)'" + Self.didYouMean(suggestion)
        case .unknownSubcommand(let name, let suggestion):
            return "Unknown subcommand '\(name)'" + Self.didYouMean(suggestion)
        case .missingValue(let option):
            return "Missing value for '\(option)'"
        case .missingArgument(let argument):
            return "Missing expected argument '\(argument)'"
        case .unexpectedArguments(let values):
            if values.count == 1 { return "Unexpected argument '\(values[0])'" }
            return "\(values.count) unexpected arguments: '\(values.joined(separator: "', '"))'"
        case .unexpectedValue(let flag, let value):
            return "\(flag) is a flag and takes no value, got '\(value)'"
        case .invalidValue(let argument, let value, let expected, let suggestion):
            return "\(argument) must be \(expected), got '\(value)'" + Self.didYouMean(suggestion)
        case .invalidCombination(let message):
            return message
        }
    }

    public var description: String { message }

    /// The full text for standard error, ending in a newline:
    ///
    /// ```
    /// Error: Missing expected argument '--out <dir>'
    /// Usage: casesample draw <long-list> [--spec <spec>] ... --out <dir>
    ///   See 'casesample draw --help' for more information.
    /// ```
    public var report: String {
        let usageLines = HelpFormatter.wrapUsage(usage, prefix: "Usage: ")
        return """
            Error: \(message)
            \(usageLines)
              See '\(commandPath.joined(separator: " ")) --help' for more information.

            """
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { ". Did you mean '\($0)'?" } ?? ""
    }
}
