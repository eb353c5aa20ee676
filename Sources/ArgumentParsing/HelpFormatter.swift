extension CommandDescription {
    /// The help text for the command at `commandPath`, ending in a newline.
    ///
    /// The layout follows swift-argument-parser, plus an `EXAMPLES:` section:
    ///
    /// ```
    /// OVERVIEW: <abstract>
    ///
    /// <discussion>
    ///
    /// USAGE: tool sub <input> [--count <n>] [--json]
    ///
    /// ARGUMENTS:
    ///   <input>                 The file to read.
    ///
    /// OPTIONS:
    ///   -c, --count <n>         How many. (default: 1)
    ///   --json                  Print JSON.
    ///   -h, --help              Show help information.
    ///
    /// EXAMPLES:
    ///   Read a file:
    ///     tool sub in.csv
    /// ```
    ///
    /// Text is wrapped at 80 columns, whatever the terminal's width, so the
    /// help reads the same everywhere; help texts start in column 27, on the
    /// next line when the label is too long.
    ///
    /// - Parameter commandPath: Names from the root, as in
    ///   ``ParseOutcome/helpRequested(_:)``; the root's alone by default.
    /// - Precondition: The path names this command and its subcommands.
    public func helpText(for commandPath: [String]? = nil) -> String {
        guard let stack = commandStack(for: commandPath ?? [name]) else {
            preconditionFailure("No command at \(commandPath ?? [])")
        }
        return HelpFormatter(stack: stack).helpText
    }
}

/// Renders help and usage text for a command, given the commands from the
/// root down to it.
struct HelpFormatter {
    static let screenWidth = 80
    static let indent = 2
    /// The column (0-based) where help texts start: a 2-space indent and a
    /// 24-character label column, as in swift-argument-parser.
    static let labelColumnWidth = 26

    let stack: [CommandDescription]

    private var command: CommandDescription { stack[stack.count - 1] }
    private var commandPath: String { stack.map(\.name).joined(separator: " ") }

    var helpText: String {
        var blocks: [String] = []
        if !command.abstract.isEmpty || !command.discussion.isEmpty {
            blocks.append(overview)
        }
        blocks.append(Self.wrapUsage(Self.usage(for: stack), prefix: "USAGE: "))

        let positionals = command.arguments.filter { $0.kind == .positional }
        if !positionals.isEmpty {
            blocks.append(section("ARGUMENTS", positionals.map { ($0.helpLabel, $0.helpAbstract) }))
        }

        var options = command.arguments.filter { $0.kind != .positional }.map { ($0.helpLabel, $0.helpAbstract) }
        if stack.count == 1, command.version != nil { options.append(("--version", "Show the version.")) }
        options.append(("-h, --help", "Show help information."))
        blocks.append(section("OPTIONS", options))

        if !command.subcommands.isEmpty {
            blocks.append(section("SUBCOMMANDS", command.subcommands.map { ($0.name, $0.abstract) }))
            blocks.append("  See '\(stack[0].name) help <subcommand>' for detailed help.")
        }
        if !command.examples.isEmpty {
            blocks.append(examples)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private var overview: String {
        var lines = Self.wrap("OVERVIEW: \(command.abstract)", indent: 0)
        if !command.discussion.isEmpty {
            lines.append("")
            for line in command.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
                let leadingSpaces = line.prefix { $0 == " " }.count
                lines += line.isEmpty ? [""] : Self.wrap(String(line.dropFirst(leadingSpaces)), indent: leadingSpaces)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A titled section of label and help rows.
    private func section(_ title: String, _ rows: [(label: String, help: String)]) -> String {
        var lines = ["\(title):"]
        for row in rows {
            let label = String(repeating: " ", count: Self.indent) + row.label
            let helpLines = row.help.isEmpty ? [] : Self.wrap(row.help, indent: Self.labelColumnWidth)
            if label.count < Self.labelColumnWidth, let first = helpLines.first {
                lines.append(label.padding(to: Self.labelColumnWidth) + first.dropFirst(Self.labelColumnWidth))
                lines += helpLines.dropFirst()
            } else {
                lines.append(label)
                lines += helpLines
            }
        }
        return lines.joined(separator: "\n")
    }

    private var examples: String {
        var lines = ["EXAMPLES:"]
        for (index, example) in command.examples.enumerated() {
            if index > 0 { lines.append("") }
            lines += Self.wrap(example.description, indent: Self.indent)
            lines.append(String(repeating: " ", count: 2 * Self.indent) + example.commandLine)
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Usage

    /// The usage synopsis, unwrapped: the command path and each argument in
    /// declaration order, or `<subcommand>` for a command with subcommands.
    static func usage(for stack: [CommandDescription]) -> String {
        let command = stack[stack.count - 1]
        var parts = stack.map(\.name)
        parts += command.arguments.map(\.usageSynopsis)
        if !command.subcommands.isEmpty { parts.append("<subcommand>") }
        return parts.joined(separator: " ")
    }

    /// `prefix` and the usage, wrapped at 80 columns between arguments (never
    /// inside `[--seed <seed>]`), continuation lines indented past the prefix.
    static func wrapUsage(_ usage: String, prefix: String) -> String {
        let continuation = String(repeating: " ", count: prefix.count)
        var lines: [String] = []
        var line = prefix
        var lineHasPiece = false
        for piece in usagePieces(usage) {
            if lineHasPiece, line.count + 1 + piece.count > screenWidth {
                lines.append(line)
                line = continuation
                lineHasPiece = false
            }
            line += (lineHasPiece ? " " : "") + piece
            lineHasPiece = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// Splits a usage synopsis into the words and bracketed groups that must
    /// stay on one line: `tool`, `<input>`, `[--count <n>]`, `--out <dir>`.
    private static func usagePieces(_ usage: String) -> [String] {
        var pieces: [String] = []
        var depth = 0
        for word in usage.split(separator: " ") {
            let startsPiece = depth == 0
                && !(word.hasPrefix("<") && pieces.last.map { $0.hasPrefix("--") && !$0.contains(" ") } == true)
            if startsPiece {
                pieces.append(String(word))
            } else {
                pieces[pieces.count - 1] += " " + word
            }
            depth += word.filter { $0 == "[" }.count - word.filter { $0 == "]" }.count
        }
        return pieces
    }

    // MARK: - Wrapping

    /// Word-wraps `text` to 80 columns, each line starting with `indent`
    /// spaces. A word longer than a line gets a line of its own.
    static func wrap(_ text: String, indent: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = margin + word
            } else if line.count + 1 + word.count <= screenWidth {
                line += " " + word
            } else {
                lines.append(line)
                line = margin + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
