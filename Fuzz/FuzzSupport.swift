// Shared by the fuzz targets: invariant checks that libFuzzer reports as crashes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let skippedInvariants: Set<String> = {
    guard let raw = getenv("CASESAMPLE_FUZZ_SKIP") else { return [] }
    return Set(String(cString: raw).split(separator: ",").map(String.init))
}()

/// Checks an invariant unless it is in CASESAMPLE_FUZZ_SKIP.
func check(_ name: String, _ condition: @autoclosure () -> Bool, _ detail: @autoclosure () -> String = "") {
    guard !skippedInvariants.contains(name) else { return }
    if !condition() {
        // -O drops precondition messages, so print it first.
        let text = detail()
        let line = Array("invariant \(name) failed\(text.isEmpty ? "" : ": " + text)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        preconditionFailure("invariant \(name) failed")
    }
}

let isVerbose = getenv("CASESAMPLE_FUZZ_VERBOSE") != nil

/// With CASESAMPLE_FUZZ_VERBOSE set, says what happened to an input (for running single files).
func note(_ text: @autoclosure () -> String) {
    guard isVerbose else { return }
    let line = Array((text() + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
