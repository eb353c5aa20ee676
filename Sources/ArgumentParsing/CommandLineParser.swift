import NearMatch

extension CommandDescription {
    /// Parses a command line against this root command.
    ///
    /// Accepted forms, following swift-argument-parser:
    /// - `--option value`, `--option=value` and `-o value`. A value that starts
    ///   with `-` must use `=` unless it is a number (`--shift -2`).
    /// - Flags and options anywhere among positional values.
    /// - `--` ends options: every later word is a positional value.
    /// - `-h` or `--help` anywhere before `--`, `help` and
    ///   `help <subcommand>`: ``ParseOutcome/helpRequested(_:)``. With no
    ///   words at all, a command with subcommands also asks for help.
    /// - `--version` as the first word, when the root has a ``version``.
    ///
    /// - Parameter arguments: The command line without the program name
    ///   (`CommandLine.arguments.dropFirst()`).
    /// - Returns: The command to run with its arguments, or a request for help
    ///   or the version.
    /// - Throws: ``UsageError`` for the first problem found.
    public func parse(_ arguments: [String]) throws(UsageError) -> ParseOutcome {
        try CommandLineParser(stack: [self]).parse(arguments[...])
    }
}

/// The parsing work behind ``CommandDescription/parse(_:)``, for one command
/// and its ancestors.
struct CommandLineParser {
    /// The commands from the root to the one being parsed.
    let stack: [CommandDescription]

    private var command: CommandDescription { stack[stack.count - 1] }
    private var commandPath: [String] { stack.map(\.name) }

    private static let helpWords: Set<String> = ["-h", "--help"]

    func parse(_ words: ArraySlice<String>) throws(UsageError) -> ParseOutcome {
        assert(command.definitionProblems.isEmpty,
               "Invalid description of '\(commandPath.joined(separator: " "))': \(command.definitionProblems)")
        if command.subcommands.isEmpty {
            return try parseArguments(words)
        }
        return try parseSubcommand(words)
    }

    // MARK: - Commands with subcommands

    private func parseSubcommand(_ words: ArraySlice<String>) throws(UsageError) -> ParseOutcome {
        guard let first = words.first else { return .helpRequested(commandPath) }
        if Self.helpWords.contains(first) { return .helpRequested(commandPath) }
        if first == "--version", let version = command.version { return .versionRequested(version) }
        if first == "help" { return try parseHelpRequest(words.dropFirst()) }
        if first.count > 1, first.hasPrefix("-") {
            var longNames = ["help"]
            if command.version != nil { longNames.append("version") }
            throw unknownOption(first, longNames: longNames)
        }
        guard let subcommand = command.subcommands.first(where: { $0.name == first }) else {
            throw error(.unknownSubcommand(
                first, suggestion: EditDistance.nearest(to: first, among: command.subcommands.map(\.name))))
        }
        return try CommandLineParser(stack: stack + [subcommand]).parse(words.dropFirst())
    }

    /// `help`, `help draw`: the words name a path of subcommands; help flags
    /// among them are ignored, as in swift-argument-parser.
    private func parseHelpRequest(_ words: ArraySlice<String>) throws(UsageError) -> ParseOutcome {
        var parser = self
        for word in words where !Self.helpWords.contains(word) {
            guard !parser.command.subcommands.isEmpty else {
                throw parser.error(.unexpectedArguments([word]))
            }
            guard let next = parser.command.subcommands.first(where: { $0.name == word }) else {
                let names = parser.command.subcommands.map(\.name)
                throw parser.error(.unknownSubcommand(word, suggestion: EditDistance.nearest(to: word, among: names)))
            }
            parser = CommandLineParser(stack: parser.stack + [next])
        }
        return .helpRequested(parser.commandPath)
    }

    // MARK: - Commands with arguments

    private func parseArguments(_ words: ArraySlice<String>) throws(UsageError) -> ParseOutcome {
        if words.prefix(while: { $0 != "--" }).contains(where: Self.helpWords.contains) {
            return .helpRequested(commandPath)
        }

        var values: [String: [String]] = [:]
        var flags: Set<String> = []
        var positionalValues: [String] = []
        var remaining = words
        var hasSeenTerminator = false

        while let word = remaining.popFirst() {
            if hasSeenTerminator || !Self.isOptionLike(word) {
                positionalValues.append(word)
                continue
            }
            if word == "--" {
                hasSeenTerminator = true
                continue
            }

            let (spelling, inlineValue) = Self.splitAtEquals(word)
            let argument = try namedArgument(spelledAs: spelling)
            if argument.kind == .flag {
                if let inlineValue { throw error(.unexpectedValue(flag: argument.displayName, value: inlineValue)) }
                flags.insert(argument.name)
                continue
            }

            let value: String
            if let inlineValue {
                value = inlineValue
            } else if let next = remaining.first, !Self.isOptionLike(next) {
                value = next
                remaining.removeFirst()
            } else {
                throw error(.missingValue(option: argument.plainSynopsis))
            }
            guard !value.isEmpty else { throw error(.missingValue(option: argument.plainSynopsis)) }
            try check(value, for: argument)
            values[argument.name, default: []].append(value)
        }

        try assign(positionalValues, into: &values)
        for argument in command.arguments
        where argument.kind == .option && argument.occurrence == .required && values[argument.name] == nil {
            throw error(.missingArgument(argument.plainSynopsis))
        }

        return .command(ParsedArguments(
            commandPath: commandPath, command: command, givenValues: values, givenFlags: flags,
            usage: HelpFormatter.usage(for: stack)))
    }

    /// Hands positional values to the declared positionals in order.
    private func assign(_ positionalValues: [String], into values: inout [String: [String]]) throws(UsageError) {
        var remaining = positionalValues[...]
        for argument in command.arguments where argument.kind == .positional {
            switch argument.occurrence {
            case .required:
                guard let value = remaining.popFirst() else { throw error(.missingArgument(argument.plainSynopsis)) }
                try check(value, for: argument)
                values[argument.name] = [value]
            case .optional:
                guard let value = remaining.popFirst() else { continue }
                try check(value, for: argument)
                values[argument.name] = [value]
            case .repeating:
                for value in remaining { try check(value, for: argument) }
                if !remaining.isEmpty { values[argument.name] = Array(remaining) }
                remaining = []
            }
        }
        if !remaining.isEmpty { throw error(.unexpectedArguments(Array(remaining))) }
    }

    /// The option or flag a word names: `--seed`, or `-s`.
    private func namedArgument(spelledAs spelling: String) throws(UsageError) -> ArgumentDescription {
        let named = command.arguments.filter { $0.kind != .positional }
        if spelling.hasPrefix("--") {
            let name = String(spelling.dropFirst(2))
            if let argument = named.first(where: { $0.name == name }) { return argument }
        } else if spelling.count == 2, let short = spelling.last {
            if let argument = named.first(where: { $0.shortName == short }) { return argument }
        }
        throw unknownOption(spelling, longNames: named.map(\.name) + ["help"])
    }

    private func check(_ value: String, for argument: ArgumentDescription) throws(UsageError) {
        guard !argument.format.accepts(value) else { return }
        let suggestion = argument.allowedValues.flatMap { EditDistance.nearest(to: value, among: $0) }
        throw error(.invalidValue(
            argument: argument.displayName, value: value,
            expected: argument.format.expectation ?? "valid", suggestion: suggestion))
    }

    /// An unknown `--name` or `-name` suggests the nearest long name; an
    /// unknown `-x` suggests nothing, as one letter is too little to go on.
    private func unknownOption(_ spelling: String, longNames: [String]) -> UsageError {
        let typed = spelling.drop { $0 == "-" }
        let isShort = !spelling.hasPrefix("--") && typed.count == 1
        let suggestion = isShort ? nil : EditDistance.nearest(to: String(typed), among: longNames)
        return error(.unknownOption(spelling, suggestion: suggestion.map { "--\($0)" }))
    }

    private func error(_ kind: UsageError.Kind) -> UsageError {
        UsageError(kind, commandPath: commandPath, usage: HelpFormatter.usage(for: stack))
    }

    // MARK: - Words

    /// Whether a word is an option or `--` rather than a value. A lone `-`
    /// (often "standard input") and negative numbers are values.
    private static func isOptionLike(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        return Double(word) == nil
    }

    /// `--out=dir` as (`--out`, `dir`); `--out` as (`--out`, nil).
    private static func splitAtEquals(_ word: String) -> (spelling: String, value: String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}

// MARK: - Checking descriptions

extension CommandDescription {
    /// Mistakes in this command's own description (not its subcommands'),
    /// checked by an assertion whenever a debug build parses it.
    var definitionProblems: [String] {
        var problems: [String] = []
        if !subcommands.isEmpty, !arguments.isEmpty {
            problems.append("a command with subcommands takes no arguments of its own")
        }
        var names: Set<String> = ["help"]
        var shortNames: Set<Character> = ["h"]
        for argument in arguments {
            if !names.insert(argument.name).inserted { problems.append("'\(argument.name)' is declared twice") }
            if let short = argument.shortName, !shortNames.insert(short).inserted {
                problems.append("'-\(short)' is declared twice")
            }
            if let defaultValue = argument.defaultValue {
                if argument.occurrence == .required { problems.append("\(argument.displayName) is required but has a default") }
                if !argument.format.accepts(defaultValue) {
                    problems.append("the default of \(argument.displayName) does not match its format")
                }
            }
        }
        let order: [ArgumentDescription.Occurrence] = [.required, .optional, .repeating]
        let positionals = arguments.filter { $0.kind == .positional }.map(\.occurrence)
        let ranks = positionals.compactMap { order.firstIndex(of: $0) }
        if ranks != ranks.sorted() || positionals.filter({ $0 == .repeating }).count > 1 {
            problems.append("positionals must be required, then optional, then at most one repeating")
        }
        return problems
    }
}
