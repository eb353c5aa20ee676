/// The result of parsing a command line.
public enum ParseOutcome: Equatable, Sendable {
    /// A command to run, with its arguments.
    case command(ParsedArguments)

    /// `--help`, `-h` or `help …`: print
    /// ``CommandDescription/helpText(for:)`` for this path and exit 0.
    case helpRequested([String])

    /// `--version` on the root: print this version and exit 0.
    case versionRequested(String)
}

/// The arguments given to one command, read by name.
///
/// Options with a default read as that default when absent. A value has
/// already matched its ``ValueFormat``; the typed accessors convert it.
/// Asking for a name the command does not declare is a programming error and
/// stops the program.
///
/// ```swift
/// let longList = arguments.requiredString("long-list")  // required: always present
/// let seed = try arguments.requiredInt("seed")           // has a default: always present
/// let size = try arguments.int("size")                   // optional, no default: Int?
/// let wantsJSON = arguments.flag("json")
/// ```
///
/// Two parsed commands are equal when they name the same command with the
/// same given values and flags.
public struct ParsedArguments: Equatable, Sendable {
    /// The command's names from the root: `["casesample", "draw"]`.
    public let commandPath: [String]

    /// The description of the command that was parsed.
    public let command: CommandDescription

    /// The values given, in order, by argument name.
    let givenValues: [String: [String]]

    /// The names of the flags given.
    let givenFlags: Set<String>

    /// The usage synopsis of the command, for errors.
    let usage: String

    init(commandPath: [String], command: CommandDescription, givenValues: [String: [String]],
         givenFlags: Set<String>, usage: String) {
        self.commandPath = commandPath
        self.command = command
        self.givenValues = givenValues
        self.givenFlags = givenFlags
        self.usage = usage
    }

    /// The name of the command: `"draw"`.
    public var commandName: String { commandPath[commandPath.count - 1] }

    public static func == (lhs: ParsedArguments, rhs: ParsedArguments) -> Bool {
        lhs.commandPath == rhs.commandPath && lhs.givenValues == rhs.givenValues
            && lhs.givenFlags == rhs.givenFlags
    }

    /// Whether the flag was given.
    public func flag(_ name: String) -> Bool {
        let argument = declared(name)
        precondition(argument.kind == .flag, "\(argument.displayName) is not a flag; read it with string(_:)")
        return givenFlags.contains(name)
    }

    /// Whether the argument was given on the command line, as opposed to
    /// taking its default.
    public func wasSpecified(_ name: String) -> Bool {
        let argument = declared(name)
        return argument.kind == .flag ? givenFlags.contains(name) : givenValues[name] != nil
    }

    /// The value of an option or positional argument: the last one given, or
    /// the default, or `nil`.
    public func string(_ name: String) -> String? {
        strings(name).last
    }

    /// Every value given for a repeating option or positional argument, in
    /// order; the default alone when none was given.
    public func strings(_ name: String) -> [String] {
        let argument = declared(name)
        precondition(argument.kind != .flag, "\(argument.displayName) is a flag; read it with flag(_:)")
        if let values = givenValues[name] { return values }
        return argument.defaultValue.map { [$0] } ?? []
    }

    /// The value as a whole number, or `nil` when absent.
    ///
    /// - Throws: ``UsageError`` naming the argument when the value is not a
    ///   whole number (possible only when its format allows non-numbers).
    public func int(_ name: String) throws(UsageError) -> Int? {
        try value(name, expected: "a whole number") { Int($0) }
    }

    /// The value as a finite decimal number, or `nil` when absent.
    ///
    /// - Throws: ``UsageError`` naming the argument when the value is not a
    ///   finite number.
    public func double(_ name: String) throws(UsageError) -> Double? {
        try value(name, expected: "a number") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }

    /// The value of an argument that is always present: one declared
    /// `.required` or with a default.
    ///
    /// - Precondition: The argument is required or has a default; asking for
    ///   any other is a programming error.
    public func requiredString(_ name: String) -> String {
        let argument = declared(name)
        precondition(
            argument.occurrence == .required || argument.defaultValue != nil,
            "\(argument.displayName) may be absent; read it with string(_:)")
        guard let value = string(name) else {
            preconditionFailure("\(argument.displayName) is required but has no value")
        }
        return value
    }

    /// ``requiredString(_:)`` as a whole number.
    ///
    /// - Throws: ``UsageError`` naming the argument when the value is not a
    ///   whole number.
    public func requiredInt(_ name: String) throws(UsageError) -> Int {
        try convert(requiredString(name), of: name, expected: "a whole number") { Int($0) }
    }

    /// ``requiredString(_:)`` as a finite decimal number.
    ///
    /// - Throws: ``UsageError`` naming the argument when the value is not a
    ///   finite number.
    public func requiredDouble(_ name: String) throws(UsageError) -> Double {
        try convert(requiredString(name), of: name, expected: "a number") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }

    /// The value converted by `convert`, or `nil` when absent.
    ///
    /// - Parameters:
    ///   - name: The argument's name.
    ///   - expected: What a valid value is, completing "`--x` must be …".
    ///   - convert: Returns `nil` for a value it rejects.
    /// - Throws: ``UsageError`` with ``UsageError/Kind/invalidValue(argument:value:expected:suggestion:)``
    ///   when `convert` rejects the value.
    public func value<Value>(
        _ name: String,
        expected: String,
        _ convert: (String) -> Value?
    ) throws(UsageError) -> Value? {
        guard let text = string(name) else { return nil }
        return try self.convert(text, of: name, expected: expected, convert)
    }

    private func convert<Value>(
        _ text: String, of name: String, expected: String, _ convert: (String) -> Value?
    ) throws(UsageError) -> Value {
        guard let converted = convert(text) else {
            throw error(.invalidValue(
                argument: declared(name).displayName, value: text, expected: expected, suggestion: nil))
        }
        return converted
    }

    /// A usage error about this command, for rules the parser cannot check
    /// (for example two options that exclude each other). Tools report it like
    /// any other usage error.
    public func usageError(_ message: String) -> UsageError {
        error(.invalidCombination(message))
    }

    private func error(_ kind: UsageError.Kind) -> UsageError {
        UsageError(kind, commandPath: commandPath, usage: usage)
    }

    private func declared(_ name: String) -> ArgumentDescription {
        guard let argument = command.argument(named: name) else {
            preconditionFailure("'\(commandPath.joined(separator: " "))' declares no argument named '\(name)'")
        }
        return argument
    }
}
