import ArgumentParsing
import CaseSampling

/// Options that several subcommands share, declared once so that their names,
/// help and defaults agree.
enum SharedOptions {
    /// `--spec <spec>`: which sample spec to apply.
    static let spec = ArgumentDescription.option(
        "spec",
        help: "The sample spec: a built-in name or the path to a spec JSON file.",
        defaultValue: "domain-two")

    /// `--delimiter <delimiter>`: the long list's field separator.
    static let delimiter = delimiter(of: "long list")

    /// `--size n` of `draw` and `simulate`.
    static let size = ArgumentDescription.option(
        "size", valueName: "n",
        help: "The number of cases to sample, in place of the size the spec sets.",
        format: .wholeNumber(atLeast: 1))

    /// `--delimiter <delimiter>`: the field separator of `file`, such as `returned list`.
    static func delimiter(of file: String) -> ArgumentDescription {
        .option(
            "delimiter",
            help: "The \(file)'s field separator: comma, semicolon, tab, or a single character. Detected when not given.",
            format: .custom("comma, semicolon, tab, or a single character") { value in
                Delimiter.byte(named: value) != nil
            })
    }

    /// `--json`: machine-readable output.
    static let json = ArgumentDescription.flag(
        "json", help: "Print the result as JSON instead of text.")

    /// `--confidence <level>`: the confidence level for intervals and sizes.
    static let confidence = ArgumentDescription.option(
        "confidence",
        valueName: "level",
        help: "The confidence level, as a proportion.",
        defaultValue: "0.80",
        format: .number(greaterThan: 0, lessThan: 1))

    /// `--population <n>`: the number of eligible cases.
    static func population(help: String) -> ArgumentDescription {
        .option("population", valueName: "n", help: help, format: .wholeNumber(atLeast: 1))
    }

    /// `<long-list>`: the long list to read.
    static let longList = ArgumentDescription.positional(
        "long-list", help: "The long list: a CSV file of cases with a header row.")
}
