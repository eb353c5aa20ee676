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

    /// `--fieldwork-start <date>`: places the spec's sample period.
    static let fieldworkStart = ArgumentDescription.option(
        "fieldwork-start", valueName: "date",
        help: "The first day of fieldwork (yyyy-mm-dd), which places the spec's sample period; needed by specs with a period ('casesample specs NAME' shows it).",
        occurrence: .optional)

    /// `--window-weeks <weeks>`: the period's length, for specs whose period is counted in weeks.
    static let windowWeeks = ArgumentDescription.option(
        "window-weeks", valueName: "weeks",
        help: "The sample period's length in weeks (1 or 2) instead of the spec's, for specs whose period is counted in weeks, such as pdu-census.",
        format: .wholeNumber(atLeast: 1, atMost: 2))

    /// `--shift-weeks <k>`: moves a period counted in weeks.
    static let shiftWeeks = ArgumentDescription.option(
        "shift-weeks", valueName: "k",
        help: "Move the sample period k weeks later (earlier when k is negative), when a week was unusual (a court closed, an IT system down).",
        format: .wholeNumber(atLeast: -8, atMost: 8))

    /// `--quiet`: no progress line.
    static let quiet = ArgumentDescription.flag(
        "quiet", help: "Show no progress while reading a long list (it is shown only on a terminal, for files over 100 MB).")

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
        "long-list", help: "The long list: a CSV file or an Excel workbook (.xlsx) of cases with a header row; - reads it from standard input.")

    /// `--sheet`, `--column` and `--date-order`: how to read a long list beyond its CSV dialect.
    static let longListReading: [ArgumentDescription] = [
        .option(
            "sheet", valueName: "name",
            help: "The worksheet of an .xlsx long list to read (default: the first visible one)."),
        .option(
            "column", valueName: "role=header",
            help: "Read this column for this role of the spec, e.g. caseReference=\"Case Reference Number\"; repeat for each role.",
            occurrence: .repeating),
        .option(
            "date-order", valueName: "order",
            help: "How the long list writes dates: dmy (18/12/2026), mdy (12/18/2026) or ymd. Detected per column when not given.",
            format: .custom("dmy, mdy or ymd") { DateOrder(rawValue: $0) != nil }),
    ]
}
