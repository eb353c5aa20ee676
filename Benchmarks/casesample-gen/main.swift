// casesample-gen: writes a synthetic long list for casesample's examples and benchmarks.
// See Benchmarks/README.md. Exit status: 0 done, 64 bad command line, 73 cannot create the
// output, 74 cannot write it (sysexits.h).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `message` and a newline to standard error.
func printError(_ message: String) {
    var text = message + "\n"
    text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
}

let options: GeneratorOptions
do {
    options = try GeneratorOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch is GeneratorOptions.HelpRequested {
    print(GeneratorOptions.usage)
    exit(0)
} catch {
    printError("casesample-gen: \(error)\n\n\(GeneratorOptions.usage)")
    exit(64)
}

var generator = LongListGenerator(
    seed: options.seed,
    unitCount: options.units ?? LongListParameters.defaultUnitCount(rows: options.rows))
do throws(OutputError) {
    let output = try OutputFile(path: options.output)
    do {
        try generator.write(rows: options.rows, to: output)
    } catch {
        output.abandon()
        throw error
    }
    try output.finish()
} catch {
    printError("casesample-gen: \(error)")
    exit(error.exitCode)
}
