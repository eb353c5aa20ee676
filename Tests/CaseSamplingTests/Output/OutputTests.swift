import Testing

/// The tests of `Sources/CaseSampling/Output/`, gathered so that `swift test --filter OutputTests` runs
/// them all: CSV writing, the JSON model, writer and parser, and atomic output.
@Suite enum OutputTests {}
