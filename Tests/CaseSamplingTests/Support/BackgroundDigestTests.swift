import Testing

@testable import CaseSampling

/// The pipelined digest of `excluded.csv`: the same as hashing the concatenated chunks at once.
@Suite struct BackgroundDigestTests {
    /// 100 KiB + 13 bytes of varied content, cut into chunks of every size from 0 up.
    static let message = (0..<(100 << 10) + 13).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }

    @Test(arguments: [1, 2, 16])
    func chunksInOrderHashLikeTheirConcatenation(maxPendingChunks: Int) {
        let digest = BackgroundDigest(maxPendingChunks: maxPendingChunks)
        var offset = 0
        var size = 0
        while offset < Self.message.count {
            let end = min(Self.message.count, offset + size)
            digest.absorb(Array(Self.message[offset..<end]))
            offset = end
            size += 97
        }
        #expect(digest.finish() == SHA256.hexDigest(Self.message))
    }

    @Test func noChunksIsTheDigestOfNothing() {
        #expect(BackgroundDigest().finish() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func finishCanBeAskedAgainAndAfterMoreChunks() {
        let digest = BackgroundDigest()
        digest.absorb(Array("ab".utf8))
        #expect(digest.finish() == SHA256.hexDigest(Array("ab".utf8)))
        digest.absorb(Array("c".utf8))
        #expect(digest.finish() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
