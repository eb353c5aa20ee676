import Testing
@testable import CaseSampling

/// The fast path of ``RecordScanner`` (field boundaries from ``StructuralIndex``) gives exactly what
/// the byte-by-byte scan gives, record after record, on random text made of the bytes that matter.
@Suite struct StructuralScanTests {
    struct Field: Equatable {
        var start: Int, end: Int, flags: UInt8
    }

    struct Scanned: Equatable {
        var outcome: RecordScanner.Outcome
        var fields: [Field]
        var faults: [RecordScanner.Fault]
        var terminator: RecordScanner.Terminator?
        var lineBreaks: Int
    }

    /// Every record of `bytes` (padded as ScanBuffer pads), scanned with or without the index.
    static func records(_ bytes: [UInt8], delimiter: UInt8, fast: Bool, isFinal: Bool = true) -> [Scanned] {
        let padded = bytes + [UInt8](repeating: 0, count: 8)
        return padded.withUnsafeBytes { all in
            let data = UnsafeRawBufferPointer(rebasing: all[0..<bytes.count])
            var scanner = RecordScanner(delimiter: delimiter)
            var index = StructuralIndex()
            index.delimiter = delimiter
            index.reset(to: 0)
            var result: [Scanned] = []
            var position = 0
            while position < data.count {
                let outcome = fast ? scanner.scan(data, from: position, isFinal: isFinal, index: &index) : scanner.scan(data, from: position, isFinal: isFinal)
                var scanned = Scanned(outcome: outcome, fields: [], faults: [], terminator: nil, lineBreaks: 0)
                guard case .record(let next) = outcome else { result.append(scanned); break }
                scanned.fields = (0..<scanner.fieldCount).map { Field(start: scanner.starts[$0], end: scanner.ends[$0], flags: scanner.flags[$0].rawValue) }
                scanned.faults = scanner.faults
                scanned.terminator = scanner.terminator
                scanned.lineBreaks = scanner.embeddedLineBreaks
                result.append(scanned)
                position = next
            }
            return result
        }
    }

    @Test(arguments: [UInt8(0x2C), 0x3B, 0x09])
    func fastScan_equalsByteScan_onRandomText(delimiter: UInt8) {
        let alphabet: [UInt8] = [delimiter, 0x22, 0x0A, 0x0D, 0x61, 0x62, 0x20, 0xC3, 0xA9, 0x80]
        let weights = [12, 2, 4, 2, 40, 20, 5, 2, 2, 1]
        var generator = Xoshiro256StarStar(seed: UInt64(delimiter))
        for trial in 0..<MonteCarlo.repetitions(4_000) {
            let length = Int(generator.bounded(300))
            var bytes: [UInt8] = []
            for _ in 0..<length {
                var pick = Int(generator.bounded(UInt64(weights.reduce(0, +))))
                var k = 0
                while pick >= weights[k] { pick -= weights[k]; k += 1 }
                bytes.append(alphabet[k])
            }
            let isFinal = trial % 3 != 0
            #expect(
                Self.records(bytes, delimiter: delimiter, fast: true, isFinal: isFinal)
                    == Self.records(bytes, delimiter: delimiter, fast: false, isFinal: isFinal),
                "trial \(trial): \(bytes)")
        }
    }

    /// Records longer than the index's stretch, and positions that cross stretches.
    @Test func longRecords_crossStretches() {
        let field = [UInt8](repeating: 0x61, count: StructuralIndex.stretch / 3 + 7)
        var bytes: [UInt8] = []
        for row in 0..<5 {
            bytes += field + [0x2C] + [UInt8](repeating: 0x62, count: row * 997) + [0x2C, 0xC3, 0xA9, 0x0D, 0x0A]
        }
        #expect(Self.records(bytes, delimiter: 0x2C, fast: true) == Self.records(bytes, delimiter: 0x2C, fast: false))
        #expect(Self.records(bytes, delimiter: 0x2C, fast: true).count == 5)
    }
}
