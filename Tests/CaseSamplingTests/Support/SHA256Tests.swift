import Foundation
import Testing

@testable import CaseSampling
import CSHA256

/// Expected digests are the NIST examples for SHA-256 ("SHA256.pdf" in NIST CSRC's "Examples with
/// intermediate values", and the one-million-'a' vector of FIPS 180-2 appendix B.3), each confirmed
/// with `python3 -c 'import hashlib; print(hashlib.sha256(MESSAGE).hexdigest())'`.
@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "NIST example messages hash to the published digests",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ],
        SHA256.Implementation.usable
    )
    func nistVector(vector: (message: String, expected: String), implementation: SHA256.Implementation) {
        var hasher = SHA256(implementation: implementation)
        hasher.update(Array(vector.message.utf8))
        #expect(hasher.hexDigest() == vector.expected)
        if implementation == .fastest {
            #expect(SHA256.hexDigest(Array(vector.message.utf8)) == vector.expected)
        }
    }

    @Test("One million 'a' bytes hash to the FIPS 180-2 B.3 digest", arguments: SHA256.Implementation.usable)
    func oneMillionA(implementation: SHA256.Implementation) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var hasher = SHA256(implementation: implementation)
        hasher.update(message)
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Which compression functions this processor runs")
    func implementationsReported() {
        let available = csha256_available()
        print("SHA-256: csha256_available() = \(available); usable: \(SHA256.Implementation.usable); default: \(SHA256.Implementation.fastest)")
        #expect(available == 0 || available == 1)
        #expect(SHA256.Implementation.hasSHAExtensions == (available == 1))
        #expect(SHA256.Implementation.usable.first == .swift)
        #expect(SHA256().implementation == SHA256.Implementation.fastest)
        #if arch(x86_64) && os(Linux)
        // Where /proc/cpuinfo lists the sha_ni flag, CPUID must have found it too.
        if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
            let listsSHANI = cpuinfo.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("sha_ni") }
            #expect(SHA256.Implementation.hasSHAExtensions == listsSHANI)
        }
        #endif
    }

    /// Random messages of each of `lengths` (bytes and piece sizes drawn from a generator seeded with
    /// `seed`) hashed by every usable implementation, fed to `update` in pieces of 0...`maxPiece`
    /// bytes, and compared with the one-shot digest.
    static func expectImplementationsAgree(lengths: some Sequence<Int>, maxPiece: Int, seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        for length in lengths {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let oneShot = SHA256.hexDigest(bytes)
            for implementation in SHA256.Implementation.usable {
                var hasher = SHA256(implementation: implementation)
                var offset = 0
                while offset < bytes.count {
                    let piece = min(Int.random(in: 0...maxPiece, using: &generator), bytes.count - offset)
                    hasher.update(Array(bytes[offset..<(offset + piece)]))
                    offset += piece
                }
                #expect(hasher.hexDigest() == oneShot, "length \(length), \(implementation)")
            }
        }
    }

    @Test("Random messages of 0 to 1,000 bytes, fed in random pieces, hash alike by every implementation")
    func randomShortMessagesAgree() {
        Self.expectImplementationsAgree(lengths: 0...1000, maxPiece: 200, seed: 0x5348_4132_3536)
    }

    @Test("Random messages of a few MB, fed in random pieces, hash alike by every implementation")
    func randomLongMessagesAgree() {
        // Generating and hashing megabytes byte by byte is slow in a debug build: `swift test` takes
        // two lengths around a mebibyte, CI's release run all three.
        let lengths = MonteCarlo.isFull ? [(1 << 20) - 1, 3 << 20, 5_000_003] : [(1 << 20) - 1, (1 << 20) + 300_007]
        Self.expectImplementationsAgree(lengths: lengths, maxPiece: 300_000, seed: 20_261_123)
    }

    /// A 130-byte message: byte i is (7i + 3) mod 256. Its digest,
    /// 4d5e47a2…41da, is from `hashlib.sha256(bytes((i*7+3)%256 for i in range(130)))`.
    static let message130 = (0..<130).map { UInt8((7 * $0 + 3) % 256) }
    static let digest130 = "4d5e47a2e8510a314576c238f6ff19d389d3ef3aaaca8b2e530263a5d15741da"

    @Test("Two updates split at any offset give the one-shot digest", arguments: 0...130)
    func splitAtEveryOffset(split: Int) {
        var hasher = SHA256()
        hasher.update(Array(Self.message130[..<split]))
        hasher.update(Array(Self.message130[split...]))
        #expect(hasher.hexDigest() == Self.digest130)
    }

    /// Lengths 0...130 cover every residue modulo 64, hence every padding case (the length field
    /// fitting in the last block or spilling into a new one). Expected: the digest of the 131
    /// concatenated raw digests, from `hashlib.sha256(b''.join(hashlib.sha256(m[:k]).digest() for k in
    /// range(131))).hexdigest()`.
    @Test("Every message length from 0 to 130 bytes pads correctly")
    func everyLengthPadsCorrectly() {
        var digests: [UInt8] = []
        for length in 0...130 {
            digests += SHA256.hash(Array(Self.message130[..<length]))
        }
        #expect(SHA256.hexDigest(digests) == "b3d31aa6b4f0810cff11dc15fd1017d7ba047ad10e757b0e36ed68897e6d1851")
    }

    @Test("Byte-at-a-time updates give the one-shot digest")
    func byteAtATime() {
        var hasher = SHA256()
        for byte in Self.message130 { hasher.update([byte]) }
        #expect(hasher.hexDigest() == Self.digest130)
        #expect(SHA256.hexDigest(Self.message130) == Self.digest130)
    }

    @Test("A non-contiguous sequence is absorbed like its bytes")
    func nonContiguousSequence() {
        var hasher = SHA256()
        hasher.update(data: (0..<130).lazy.map { UInt8((7 * $0 + 3) % 256) })
        #expect(hasher.hexDigest() == Self.digest130)

        var dataHasher = SHA256()
        dataHasher.update(data: Data(Self.message130))
        #expect(dataHasher.hexDigest() == Self.digest130)
    }

    @Test("Taking a digest leaves the hasher able to continue")
    func finalizeDoesNotConsume() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        #expect(hasher.hexDigest() == SHA256.hexDigest(Array("ab".utf8)))
        hasher.update(Array("c".utf8))
        #expect(hasher.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("Hashing a file spanning several 1 MiB reads equals hashing its bytes")
    func fileDigestEqualsByteDigest() throws {
        // 3 MiB + 17 bytes, byte i = (31i + 7) mod 256; digest from
        // `hashlib.sha256(bytes((i*31+7)%256 for i in range(3*2**20+17))).hexdigest()`.
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: 31 &* $0 &+ 7) }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("casesample-sha256-\(UUID().uuidString).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        let fileDigest = try SHA256.hexDigest(ofFileAt: url.path)
        #expect(fileDigest == SHA256.hexDigest(bytes))
        #expect(fileDigest == "27f3f0120d4a72b66e7b58152c631644bd689231ebd4487469b59226f1be13af")
    }

    @Test("A thousand blocks of non-periodic bytes hash to the reference digest")
    func manyVariedBlocks() {
        // 64 KiB + 37 bytes, byte i = (31i² + 7i + 3) mod 256, so that schedule words differ from
        // block to block; digest from
        // `hashlib.sha256(bytes((i*i*31+i*7+3)%256 for i in range(65536+37))).hexdigest()`.
        let bytes = (0..<65536 + 37).map { UInt8(truncatingIfNeeded: 31 &* $0 &* $0 &+ 7 &* $0 &+ 3) }
        #expect(SHA256.hexDigest(bytes) == "68ff8c3c9547f00fb35828600a45edfaee92b0d787b12918457b954d4497c573")
    }

    @Test("An empty file hashes to the digest of no bytes")
    func emptyFile() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("casesample-sha256-\(UUID().uuidString).bin")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SHA256.hexDigest(ofFileAt: url.path) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("A missing file throws an open error naming the path")
    func missingFileThrows() {
        let path = "/nonexistent-casesample-\(UUID().uuidString)/cases.csv"
        #expect {
            _ = try SHA256.hexDigest(ofFileAt: path)
        } throws: { error in
            guard let fileError = error as? SHA256.FileError else { return false }
            return fileError.operation == .open && fileError.errorNumber == ENOENT
                && fileError.path == path && fileError.description.contains(path)
        }
    }
}
