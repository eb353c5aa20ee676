import ArgumentParsing

/// One `casesample` subcommand: its description for parsing and help, and the
/// work it does.
protocol Subcommand: Sendable {
    /// The subcommand's name, help and arguments.
    static var description: CommandDescription { get }

    /// Does the work for parsed arguments, printing results to standard
    /// output.
    ///
    /// - Throws: ``UsageError`` (via ``ParsedArguments/usageError(_:)``) for
    ///   a rule across arguments, which exits 64; any other error for bad input
    ///   or data, which prints `Error: <description>` and exits 1. Give such
    ///   errors a `CustomStringConvertible` description that says what went
    ///   wrong and what is allowed.
    static func run(_ arguments: ParsedArguments) throws
}
