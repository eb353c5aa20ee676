import Testing
@testable import CaseSampling

/// Inputs the reader fuzzer (Fuzz/) found inconsistent, kept as regressions (also in Fuzz/regressions/).
@Suite struct FuzzRegressionTests {
    static let columns = [ColumnRequest(role: "gender", aliases: ["Gender", "x"])]

    /// The two-thread split dropped the second half's line-ending counts.
    @Test func parallelSplit_countsEveryLineEnding() throws {
        let bytes: [UInt8] = Array("x\n1\n2\n3\n".utf8)
        let serial = try LongListReader.read(bytes: bytes, file: "f", columns: Self.columns, options: ReadOptions(isParallel: false))
        let parallel = try LongListReader.read(bytes: bytes, file: "f", columns: Self.columns, options: ReadOptions(isParallel: true, chunkSize: 64))
        #expect(serial.lineEndings == LineEndings(lf: 4, crlf: 0, cr: 0))
        #expect(parallel.lineEndings == serial.lineEndings)
    }

    /// A UTF-16 file reported the size of its UTF-8 transcoding.
    @Test func utf16_byteCountIsTheFilesOwn() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x78, 0x00, 0x0A, 0x00, 0x31, 0x00]
        let list = try LongListReader.read(bytes: bytes, file: "f", columns: Self.columns)
        #expect(list.byteCount == bytes.count)
    }

    /// `F""` in an unquoted field (a stray-quote error) read as `F""` in the dictionary but `F"` when the
    /// record was fetched again.
    @Test func strayDoubledQuote_readsTheSameEverywhere() throws {
        let bytes: [UInt8] = Array(",Gender\n,F\"\"".utf8)
        let list = try LongListReader.read(bytes: bytes, file: "f", columns: Self.columns)
        #expect(list.problems.map(\.kind) == [.strayQuote])
        let gender = try #require(list.column("gender"))
        #expect(gender.values.map(\.value) == ["F\"\""])
        #expect(list.recordFields(row: 0)[1] == "F\"\"")
        var seen: [String] = []
        list.forEachRecord(rows: [0]) { _, fields in seen = fields }
        #expect(seen == ["", "F\"\""])
    }

    /// A valid UTF-8 sequence beside a Windows-1252 byte in one field, or in the header above
    /// Windows-1252 data, is a mix of encodings: refused, not read as Windows-1252.
    @Test(arguments: [
        ([0x78, 0x0A, 0xC3, 0xA9, 0xE9, 0x0A], 2),
        ([0xC3, 0xA9, 0x0A, 0xE9, 0x0A], 2),
    ] as [([UInt8], Int)])
    func utf8BesideWindows1252_isRefused(bytes: [UInt8], line: Int) throws {
        let columns = [ColumnRequest(role: "any", aliases: ["x"], isRequired: false)]
        #expect {
            try LongListReader.read(bytes: bytes, file: "f", columns: columns)
        } throws: { error in
            let problem = (error as! LongListError).problems[0]
            return problem.kind == .undecodableBytes && problem.line == line
        }
    }
}
