import ArgumentParsing

/// `casesample completions SHELL`: prints a shell completion script.
enum Completions: Subcommand {
    static let description = CommandDescription(
        name: "completions",
        abstract: "Print a completion script for bash, zsh or fish.",
        discussion: """
            Prints a script that completes casesample's subcommands, options and their values \
            in the shell named. Install it where the shell looks for completions:

            \(CompletionShell.allCases.map { "  " + $0.installationHint(for: "casesample") }.joined(separator: "\n"))
            """,
        arguments: [
            .positional("shell", help: "The shell: bash, zsh or fish.", format: .oneOf(CompletionShell.allCases.map(\.rawValue))),
        ],
        examples: [
            .init("Complete casesample in bash from now on:", "casesample completions bash > /etc/bash_completion.d/casesample"),
            .init("Complete casesample in fish:", "casesample completions fish > ~/.config/fish/completions/casesample.fish"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let shell = CompletionShell(rawValue: arguments.requiredString("shell"))!
        print(CaseSampleCommand.description.completionScript(for: shell), terminator: "")
    }
}
