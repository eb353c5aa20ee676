/// What the value of an option or positional argument must look like.
///
/// The parser checks every value against its format, so a bad value is a
/// ``UsageError`` before any work starts. The ``expectation`` completes the
/// sentence "`--size` must be …": `--size must be a whole number ≥ 1, got 'abc'`.
public struct ValueFormat: Sendable {
    /// What a valid value is, as a phrase: "a whole number ≥ 1"; `nil` when
    /// any value will do.
    public let expectation: String?

    /// The values allowed, when there is a fixed list; shown as
    /// `(values: …)` in help.
    public let allowedValues: [String]?

    private let acceptsValue: @Sendable (String) -> Bool

    private init(expectation: String?, allowedValues: [String]?, accepts: @escaping @Sendable (String) -> Bool) {
        self.expectation = expectation
        self.allowedValues = allowedValues
        self.acceptsValue = accepts
    }

    /// Whether `value` is valid.
    public func accepts(_ value: String) -> Bool {
        acceptsValue(value)
    }

    /// Any value.
    public static let any = ValueFormat(expectation: nil, allowedValues: nil) { _ in true }

    /// One of a fixed list of values, compared exactly.
    public static func oneOf(_ values: [String]) -> ValueFormat {
        ValueFormat(
            expectation: "one of \(values.joined(separator: ", "))",
            allowedValues: values
        ) { values.contains($0) }
    }

    /// A whole number in decimal digits, optionally bounded.
    public static func wholeNumber(atLeast minimum: Int? = nil, atMost maximum: Int? = nil) -> ValueFormat {
        let bounds = [minimum.map { "≥ \($0)" }, maximum.map { "≤ \($0)" }].compactMap { $0 }
        return ValueFormat(
            expectation: describe("a whole number", bounds),
            allowedValues: nil
        ) { text in
            guard let number = Int(text) else { return false }
            return number >= (minimum ?? .min) && number <= (maximum ?? .max)
        }
    }

    /// A finite decimal number, optionally bounded; `greaterThan` and
    /// `lessThan` exclude their bound, `atLeast` and `atMost` include it.
    public static func number(
        atLeast minimum: Double? = nil,
        greaterThan lowerLimit: Double? = nil,
        atMost maximum: Double? = nil,
        lessThan upperLimit: Double? = nil
    ) -> ValueFormat {
        let bounds = [
            minimum.map { "≥ \(formatted($0))" }, lowerLimit.map { "> \(formatted($0))" },
            maximum.map { "≤ \(formatted($0))" }, upperLimit.map { "< \(formatted($0))" },
        ].compactMap { $0 }
        return ValueFormat(
            expectation: describe("a number", bounds),
            allowedValues: nil
        ) { text in
            guard let number = Double(text), number.isFinite else { return false }
            if let minimum, number < minimum { return false }
            if let lowerLimit, number <= lowerLimit { return false }
            if let maximum, number > maximum { return false }
            if let upperLimit, number >= upperLimit { return false }
            return true
        }
    }

    /// A format checked by `accepts`, described by `expectation`.
    public static func custom(
        _ expectation: String,
        accepts: @escaping @Sendable (String) -> Bool
    ) -> ValueFormat {
        ValueFormat(expectation: expectation, allowedValues: nil, accepts: accepts)
    }

    private static func describe(_ noun: String, _ bounds: [String]) -> String {
        bounds.isEmpty ? noun : "\(noun) \(bounds.joined(separator: " and "))"
    }

    /// `1.0` as `1`, `0.05` as `0.05`.
    private static func formatted(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
