/// A declarative description of a command: its help, its arguments and its
/// subcommands.
///
/// A tool describes its root command, with one `CommandDescription` per
/// subcommand, and hands the command line to ``parse(_:)``:
///
/// ```swift
/// let root = CommandDescription(
///     name: "tool",
///     abstract: "Do the thing.",
///     version: "1.0.0",
///     subcommands: [
///         CommandDescription(
///             name: "run",
///             abstract: "Run it.",
///             arguments: [
///                 .positional("input", help: "The file to read."),
///                 .option("count", valueName: "n", help: "How many.",
///                         defaultValue: "1", format: .wholeNumber(atLeast: 1)),
///                 .flag("json", help: "Print JSON."),
///             ])
///     ])
///
/// switch try root.parse(["run", "in.csv", "--count=3"]) {
/// case .command(let arguments): ...  // arguments.int("count") == 3
/// case .helpRequested(let path): print(root.helpText(for: path), terminator: "")
/// case .versionRequested(let version): print(version)
/// }
/// ```
///
/// A command either has subcommands or arguments, never both: the first word
/// after a command with subcommands names the subcommand.
public struct CommandDescription: Sendable {
    /// One worked example shown in the help's `EXAMPLES:` section.
    public struct Example: Sendable, Equatable {
        /// A one-line description of what the example does.
        public var description: String

        /// The full command line, starting with the tool's name.
        public var commandLine: String

        public init(_ description: String, _ commandLine: String) {
            self.description = description
            self.commandLine = commandLine
        }
    }

    /// The word that selects this command, and the tool's name at the root.
    public var name: String

    /// A one-sentence summary, shown after `OVERVIEW:` and in the parent's
    /// `SUBCOMMANDS:` list.
    public var abstract: String

    /// Longer help, shown after the abstract. Line breaks are kept; each line
    /// is wrapped on its own.
    public var discussion: String

    /// The version printed for `--version`; only meaningful on the root.
    public var version: String?

    /// Positional arguments, options and flags, in the order the usage line
    /// and the help list them.
    public var arguments: [ArgumentDescription]

    /// Worked examples for the help's `EXAMPLES:` section.
    public var examples: [Example]

    /// The subcommands, in the order the help lists them.
    public var subcommands: [CommandDescription]

    public init(
        name: String,
        abstract: String = "",
        discussion: String = "",
        version: String? = nil,
        arguments: [ArgumentDescription] = [],
        examples: [Example] = [],
        subcommands: [CommandDescription] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.version = version
        self.arguments = arguments
        self.examples = examples
        self.subcommands = subcommands
    }

    /// The command reached by following `commandPath` from this command.
    ///
    /// - Parameter commandPath: Command names starting with this command's
    ///   own name, as in ``ParseOutcome/helpRequested(_:)``.
    /// - Returns: The commands along the path, this one first, or `nil` when a
    ///   name does not match.
    func commandStack(for commandPath: [String]) -> [CommandDescription]? {
        guard commandPath.first == name else { return nil }
        var stack = [self]
        for name in commandPath.dropFirst() {
            guard let next = stack[stack.count - 1].subcommands.first(where: { $0.name == name }) else {
                return nil
            }
            stack.append(next)
        }
        return stack
    }

    /// The argument declared under `name`, if any.
    func argument(named name: String) -> ArgumentDescription? {
        arguments.first { $0.name == name }
    }
}
