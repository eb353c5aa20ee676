/// One positional argument, option or flag of a command.
///
/// Create them with ``positional(_:help:occurrence:format:)``,
/// ``option(_:short:valueName:help:occurrence:defaultValue:format:)`` and
/// ``flag(_:short:help:)``. The ``name`` is the key that
/// ``ParsedArguments`` accessors take: the long name without dashes for
/// options and flags (`"seed"` for `--seed`), the shown name for positionals
/// (`"long-list"` for `<long-list>`).
public struct ArgumentDescription: Sendable {
    /// What kind of argument this is.
    public enum Kind: Sendable, Equatable {
        /// A value given by position: `<long-list>`.
        case positional
        /// A named value: `--seed 7`, `--seed=7` or `-s 7`.
        case option
        /// A named switch without a value: `--json`.
        case flag
    }

    /// How often an argument may or must be given.
    public enum Occurrence: Sendable, Equatable {
        /// Exactly once; parsing fails without it.
        case required
        /// At most once (for an option given twice, the last value wins, as in
        /// swift-argument-parser).
        case optional
        /// Any number of times, including none; read with
        /// ``ParsedArguments/strings(_:)``. A repeating positional takes every
        /// remaining positional value.
        case repeating
    }

    public var kind: Kind

    /// The key for ``ParsedArguments`` and, for options and flags, the long
    /// name without its leading `--`.
    public var name: String

    /// The single-character name used as `-c`, if any.
    public var shortName: Character?

    /// The placeholder shown in usage and help: `<dir>` for `--out <dir>`.
    public var valueName: String

    /// The help text shown in the `ARGUMENTS:` or `OPTIONS:` section.
    public var help: String

    public var occurrence: Occurrence

    /// The value used when the option is not given; shown as
    /// `(default: …)` in help.
    public var defaultValue: String?

    /// What a value must look like; checked while parsing.
    public var format: ValueFormat

    /// A positional argument.
    ///
    /// Declare required positionals before optional ones, and a repeating one
    /// last.
    public static func positional(
        _ name: String,
        help: String,
        occurrence: Occurrence = .required,
        format: ValueFormat = .any
    ) -> ArgumentDescription {
        ArgumentDescription(
            kind: .positional, name: name, shortName: nil, valueName: name, help: help,
            occurrence: occurrence, defaultValue: nil, format: format)
    }

    /// An option that takes a value.
    ///
    /// - Parameters:
    ///   - name: The long name without dashes.
    ///   - short: An optional one-character name.
    ///   - valueName: The placeholder in usage and help; the name by default.
    ///   - help: The help text.
    ///   - occurrence: `.optional` by default.
    ///   - defaultValue: Used when the option is absent and shown in help. An
    ///     option with a default is never `.required`.
    ///   - format: What a value must look like.
    public static func option(
        _ name: String,
        short: Character? = nil,
        valueName: String? = nil,
        help: String,
        occurrence: Occurrence = .optional,
        defaultValue: String? = nil,
        format: ValueFormat = .any
    ) -> ArgumentDescription {
        ArgumentDescription(
            kind: .option, name: name, shortName: short, valueName: valueName ?? name, help: help,
            occurrence: occurrence, defaultValue: defaultValue, format: format)
    }

    /// A flag: present or absent, never with a value.
    public static func flag(_ name: String, short: Character? = nil, help: String) -> ArgumentDescription {
        ArgumentDescription(
            kind: .flag, name: name, shortName: short, valueName: name, help: help,
            occurrence: .optional, defaultValue: nil, format: .any)
    }

    /// The values allowed, when the format lists them.
    public var allowedValues: [String]? { format.allowedValues }

    /// The name as a user types it: `--seed`, or `<long-list>` for a
    /// positional.
    public var displayName: String {
        kind == .positional ? "<\(name)>" : "--\(name)"
    }
}

// MARK: - Synopses

extension ArgumentDescription {
    /// The argument as it appears once, without brackets: `--out <dir>`.
    var plainSynopsis: String {
        switch kind {
        case .positional: return "<\(valueName)>"
        case .option: return "--\(name) <\(valueName)>"
        case .flag: return "--\(name)"
        }
    }

    /// The argument as the usage line shows it: `[--seed <seed>]`.
    var usageSynopsis: String {
        switch occurrence {
        case .required: return plainSynopsis
        case .optional: return "[\(plainSynopsis)]"
        case .repeating: return "[\(plainSynopsis) ...]"
        }
    }

    /// The label in the help's left column: `-s, --size <n>`.
    var helpLabel: String {
        switch kind {
        case .positional:
            return "<\(valueName)>"
        case .option, .flag:
            let short = shortName.map { "-\($0), " } ?? ""
            return short + plainSynopsis
        }
    }

    /// The help text with `(values: …)` and `(default: …)` appended.
    var helpAbstract: String {
        var notes: [String] = []
        if let allowedValues { notes.append("values: \(allowedValues.joined(separator: ", "))") }
        if let defaultValue { notes.append("default: \(defaultValue)") }
        guard !notes.isEmpty else { return help }
        let annotation = "(\(notes.joined(separator: "; ")))"
        return help.isEmpty ? annotation : "\(help) \(annotation)"
    }
}
