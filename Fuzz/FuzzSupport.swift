// Shared by the fuzz targets: invariant checks that libFuzzer reports as crashes.

@testable import CaseSampling

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

/// Whether every double in `value` has a text: finite and below 2^63 in magnitude (writing any other
/// stops the program by design).
func isWritable(_ value: JSONValue) -> Bool {
    switch value {
    case .double(let d): d.isFinite && d.magnitude < 0x1p63
    case .array(let elements): elements.allSatisfy(isWritable)
    case .object(let members): members.allSatisfy { isWritable($0.1) }
    default: true
    }
}

/// The bytes of a file, for fixtures read once at start-up.
func readWholeFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw FuzzSetupError(description: "cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

struct FuzzSetupError: Error, CustomStringConvertible {
    var description: String
}
