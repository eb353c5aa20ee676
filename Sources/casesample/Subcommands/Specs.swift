import ArgumentParsing
import CaseSampling

/// `casesample specs [NAME]`: lists the built-in specs, or explains one.
enum Specs: Subcommand {
    static let description = CommandDescription(
        name: "specs",
        abstract: "List the built-in sample specs, or explain one.",
        discussion: """
            Without a name, lists the specs compiled into casesample with a line each. With a \
            name, explains that spec in plain words: the columns a long list needs and the \
            header names accepted, the exclusion rules, the strata, the units, the period and \
            the size. Any command's --spec takes the name; --spec FILE takes a spec file.
            """,
        arguments: [
            .positional("name", help: "A built-in spec's name.", occurrence: .optional, format: .oneOf(BuiltInSpecs.names)),
            SharedOptions.json,
        ],
        examples: [
            .init("List the built-in specs:", "casesample specs"),
            .init("Explain the domain two spec:", "casesample specs domain-two"),
            .init("Print the domain two spec's JSON, to start a spec of your own:", "casesample specs domain-two --json > my-spec.json"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        guard let name = arguments.string("name") else {
            if arguments.flag("json") { throw arguments.usageError("--json prints one spec's JSON; give its name") }
            print(SpecExplanation.list(BuiltInSpecs.all()), terminator: "")
            return
        }
        if arguments.flag("json") {
            print(String(decoding: BuiltInSpecs.bytes(named: name)!, as: UTF8.self), terminator: "")
        } else {
            print(SpecExplanation.text(try SampleSpec.load(nameOrPath: name).spec), terminator: "")
        }
    }
}
