@testable import CaseSampling
import Testing

// The live-array counter exists in debug builds only (the release test run does without this check).
#if DEBUG

@Suite(.serialized) struct RawArrayTests {
    /// Every raw array the reader allocates (per chunk: key hashes, value tables) is freed when the
    /// read ends, however many chunks it used: a leak here grows with the file.
    @Test func readingALongListFreesEveryRawArray() throws {
        var text = "CRN,Gender,RoSH\n"
        for i in 0..<5_000 { text += "X\(100_000 + i),\(i % 2 == 0 ? "Male" : "Female"),\(["Low", "High"][i % 2])\n" }
        let columns = [
            ColumnRequest(role: "caseReference", aliases: ["CRN"], storage: .caseReference),
            ColumnRequest(role: "gender", aliases: ["Gender"]), ColumnRequest(role: "rosh", aliases: ["RoSH"]),
        ]
        // Other tests read lists at the same time, so the count moves by itself; ten reads of about
        // 25 chunks each would leave at least 250 arrays behind if chunks leaked.
        let before = liveRawArrays.load(ordering: .relaxed)
        for _ in 0..<10 {
            let list = try LongListReader.read(bytes: Array(text.utf8), file: "l.csv", columns: columns, options: ReadOptions(isParallel: true, chunkSize: 4096))
            #expect(list.rowCount == 5_000)
        }
        let after = liveRawArrays.load(ordering: .relaxed)
        #expect(after - before < 150, "\(after - before) raw arrays still allocated after 10 reads")
    }
}
#endif
