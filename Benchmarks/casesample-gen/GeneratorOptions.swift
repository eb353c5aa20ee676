/// The command line of `casesample-gen`, parsed by hand: the tool has four flags and must not
/// depend on the package's argument parser.
struct GeneratorOptions: Equatable {
    var rows: Int
    var seed: UInt64
    /// Tier-1 units; `nil` takes ``LongListParameters/defaultUnitCount(rows:)``.
    var units: Int?
    /// A file path, or `-` for standard output.
    var output: String

    static let usage = """
        usage: casesample-gen --rows N [--seed S] [--units U] --out PATH

        Writes a synthetic probation "long list" CSV (UTF-8, CRLF) for casesample's examples and
        benchmarks. The same flags give a byte-identical file on every machine.

          --rows N     number of cases, 0 to 26000000 (the number of distinct CRNs)
          --seed S     seed of the xoshiro256** generator, 0 to 18446744073709551615 (default 1)
          --units U    tier-1 units, 1 to 6 (default 3 up to 5,000 rows, 4 up to 100,000, else 6)
          --out PATH   file to write, replaced only once complete; - for standard output
          -h, --help   show this help

        example: casesample-gen --rows 1000000 --seed 1 --out /tmp/ll-1m.csv
        """

    /// A command line that asks for help rather than a file.
    struct HelpRequested: Error {}

    /// A command line that cannot be run; the message says why and what is allowed.
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses the arguments after the program name. Each flag takes its value as the next argument
    /// or after `=` (`--rows 10`, `--rows=10`), and may be given once.
    init(arguments: [String]) throws {
        var values: [String: String] = [:]
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "-h" || argument == "--help" { throw HelpRequested() }
            let flag: String, value: String
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                flag = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else {
                flag = argument
                guard Self.flags.contains(flag) else { throw Self.unknown(flag) }
                guard let next = remaining.popFirst() else {
                    throw UsageError(description: "\(flag) needs a value")
                }
                value = next
            }
            guard Self.flags.contains(flag) else { throw Self.unknown(flag) }
            guard values.updateValue(value, forKey: flag) == nil else {
                throw UsageError(description: "\(flag) is given more than once")
            }
        }

        guard let rowsText = values["--rows"] else { throw UsageError(description: "--rows is required") }
        guard let rows = Int(rowsText), (0...26_000_000).contains(rows) else {
            throw UsageError(description: "--rows must be a whole number from 0 to 26000000, not '\(rowsText)'")
        }
        let seedText = values["--seed"] ?? "1"
        guard let seed = UInt64(seedText) else {
            throw UsageError(description: "--seed must be a whole number from 0 to 18446744073709551615, not '\(seedText)'")
        }
        var units: Int?
        if let unitsText = values["--units"] {
            guard let count = Int(unitsText), (1...LongListParameters.tier1Units.count).contains(count) else {
                throw UsageError(description: "--units must be a whole number from 1 to \(LongListParameters.tier1Units.count), not '\(unitsText)'")
            }
            units = count
        }
        guard let output = values["--out"], !output.isEmpty else {
            throw UsageError(description: "--out is required: a file path, or - for standard output")
        }
        self.init(rows: rows, seed: seed, units: units, output: output)
    }

    init(rows: Int, seed: UInt64, units: Int?, output: String) {
        self.rows = rows
        self.seed = seed
        self.units = units
        self.output = output
    }

    private static let flags: Set<String> = ["--rows", "--seed", "--units", "--out"]

    private static func unknown(_ flag: String) -> UsageError {
        UsageError(description: "unknown argument '\(flag)'; the flags are --rows, --seed, --units, --out and --help")
    }
}
