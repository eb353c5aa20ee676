import Foundation
import Testing

import ArgumentParsing

/// Completion scripts name every subcommand, option and flag, list allowed values, and are valid
/// scripts of their shell.
@Suite struct CompletionScriptTests {
    @Test(arguments: CompletionShell.allCases)
    func script_namesEverySubcommandOptionAndAllowedValue(shell: CompletionShell) {
        let script = Fixtures.root.completionScript(for: shell)
        for command in Fixtures.root.subcommands {
            #expect(script.contains(command.name), "\(shell): \(command.name)")
            for argument in command.arguments where argument.kind != .positional {
                #expect(script.contains(shell == .fish ? "-l \(argument.name)" : "--\(argument.name)"), "\(shell): --\(argument.name)")
            }
        }
        #expect(script.contains("mean median mode"), "\(shell): the allowed values of --kind")
    }

    /// Each script passes its shell's syntax check: bash always (it is on every machine this builds on),
    /// zsh and fish where they are installed.
    @Test(arguments: CompletionShell.allCases)
    func script_isValidForItsShell(shell: CompletionShell) throws {
        let candidates = ["/bin/\(shell.rawValue)", "/usr/bin/\(shell.rawValue)"]
        guard let executable = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            #expect(shell != .bash, "bash is missing")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("completion-\(UUID().uuidString).\(shell.rawValue)")
        try Data(Fixtures.root.completionScript(for: shell).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-n", file.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(shell) -n rejects the script")
    }

    @Test func bashScript_completesSubcommandsOptionsAndValues() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("completion-\(UUID().uuidString).bash")
        try Data(Fixtures.root.completionScript(for: .bash).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        func complete(_ words: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            process.arguments = ["-c", "source '\(file.path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _tool; echo \"${COMPREPLY[*]}\""]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try complete(["tool", "cou"]) == "count")
        #expect(try complete(["tool", "count", "--si"]) == "--size")
        #expect(try complete(["tool", "count", "--kind", "me"]) == "mean median")
    }
}
