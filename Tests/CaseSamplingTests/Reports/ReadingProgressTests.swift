import Testing

@testable import CaseSampling

@Suite struct ReadingProgressTests {
    @Test func line_givesBytesShareRateAndTimeLeft() {
        #expect(ReadingProgress.line(file: "list.csv", bytesRead: 412_000_000, totalBytes: 1_203_000_000, seconds: 2.0)
                == "Reading list.csv: 412 MB of 1,203 MB (34%), 206 MB/s, about 4 s left")
        #expect(ReadingProgress.line(file: "list.csv", bytesRead: 10_000_000, totalBytes: 1_000_000_000, seconds: 10)
                == "Reading list.csv: 10 MB of 1,000 MB (1%), 1 MB/s, about 17 min left")
    }

    @Test func line_atTheStart_hasNoRateYet_andAtTheEnd_saysWhatIsLeft() {
        #expect(ReadingProgress.line(file: "l.csv", bytesRead: 0, totalBytes: 200_000_000, seconds: 0.1) == "Reading l.csv: 0 MB of 200 MB (0%)")
        #expect(ReadingProgress.line(file: "l.csv", bytesRead: 450_000_000, totalBytes: 200_000_000, seconds: 3)
                == "Read l.csv: 200 MB; checking and drawing…")
    }
}
