import Foundation

/// A fresh directory under the system's temporary directory for one test, removed by `body`'s end.
func withScratch(_ body: (String) throws -> Void) throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("casesample-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try body(scratch)
}

/// The files of a directory, by name.
func directoryContents(_ directory: String) throws -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
        result[name] = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }
    return result
}

func readBytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

func writeBytes(_ bytes: [UInt8], to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
