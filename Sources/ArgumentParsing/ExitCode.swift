/// The status a command-line tool exits with.
///
/// The values follow `sysexits.h` where one applies, as `ExitCode` does in
/// swift-argument-parser.
public enum ExitCode: Int32, Sendable, Equatable {
    /// The command did what was asked.
    case success = 0

    /// The command line was fine, but the input or data was not (for example a
    /// long list that cannot be read), or the work failed.
    case failure = 1

    /// The command line itself was wrong: an unknown option, a missing or
    /// invalid value, an extra argument (`EX_USAGE`).
    case usage = 64
}
