import Foundation
import Testing

@testable import CaseSampling

@Suite struct ReadOptionsTests {
    /// Counts calls from any thread.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        var count: Int { lock.withLock { value } }
        func record() { lock.withLock { value += 1 } }
    }

    static let columns = [ColumnRequest(role: "caseReference", aliases: ["CRN"], storage: .caseReference)]
    static let text = "CRN,Name\n" + (0..<2000).map { "X\(100_000 + $0),Name \($0)\n" }.joined()

    /// Serial, split between two threads, and UTF-16 (read again after transcoding).
    static let inputs: [(String, [UInt8], ReadOptions)] = [
        ("serial", Array(text.utf8), ReadOptions(isParallel: false)),
        ("parallel", Array(text.utf8), ReadOptions(isParallel: true, chunkSize: 64)),
        ("UTF-16", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, ReadOptions(isParallel: true, chunkSize: 64)),
    ]

    @Test(arguments: 0..<3)
    func whenParsedIsCalledOnceAfterEveryRecordIsParsed(input: Int) throws {
        let (name, bytes, base) = Self.inputs[input]
        let calls = Calls()
        var options = base
        options.whenParsed = { calls.record() }
        let list = try LongListReader.read(bytes: bytes, file: "l.csv", columns: Self.columns, options: options)
        #expect(list.rowCount == 2000, "\(name)")
        #expect(calls.count == 1, "\(name)")
    }

    @Test func whenParsedIsNotCalledWhenReadingStopsAtTheHeader() {
        let calls = Calls()
        var options = ReadOptions()
        options.whenParsed = { calls.record() }
        #expect(throws: LongListError.self) {
            _ = try LongListReader.read(bytes: Array("Name\nSmith\n".utf8), file: "l.csv", columns: Self.columns, options: options)
        }
        #expect(calls.count == 0)
    }
}
