import Foundation

/// How many repetitions the Monte Carlo checks run.
///
/// `swift test` runs each check with a twentieth of its repetitions (at least 200), so that the suite
/// stays fast enough to run before every commit; the bands are derived from the repetitions actually
/// run, so a quick run is an honest, weaker check. With `CASESAMPLE_STATISTICAL_CHECKS=1` every check
/// runs in full; CI does that in a release build (`.ci/run`):
///
/// ```
/// CASESAMPLE_STATISTICAL_CHECKS=1 swift test -c release -Xswiftc -enable-testing
/// ```
enum MonteCarlo {
    /// Whether the checks run in full.
    static let isFull = ProcessInfo.processInfo.environment["CASESAMPLE_STATISTICAL_CHECKS"] == "1"

    /// `full` when the checks run in full, else a twentieth of it, at least 200 (or `full` if smaller).
    static func repetitions(_ full: Int) -> Int {
        isFull ? full : min(full, max(200, full / 20))
    }

    /// `full` when the checks run in full, else `quick`: for checks whose every repetition is costly in
    /// a debug build (a whole draw of a small population solves its landing's linear programmes), so
    /// that `swift test` runs a few dozen and CI's release run all of them.
    static func repetitions(_ full: Int, quick: Int) -> Int {
        isFull ? full : min(full, quick)
    }
}
