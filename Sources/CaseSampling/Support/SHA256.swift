#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

internal import CSHA256

/// SHA-256 as specified in FIPS 180-4, "Secure Hash Standard", sections 4.1.2, 4.2.2, 5.1.1,
/// 5.3.3 and 6.2.
///
/// casesample records the digest of every input file so that a sample can be traced to the exact
/// list it was drawn from. Foundation on Linux has no hash API and the package takes no
/// dependencies, so the algorithm is written out here.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// hasher.hexDigest()   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// try SHA256.hexDigest(ofFileAt: "cases.csv")
/// ```
///
/// Whole 64-byte blocks are compressed straight from the caller's buffer; only a trailing partial
/// block (fewer than 64 bytes) is copied aside until more input arrives. Where the processor has the
/// x86 SHA extensions (checked once, at run time), blocks are compressed with them by the C target
/// `CSHA256`; elsewhere by the Swift rounds below. Both give the same digest.
public struct SHA256: Sendable {
    /// The length of a digest in bytes.
    public static let digestByteCount = 32
    /// The length of a message block in bytes.
    public static let blockByteCount = 64

    private var state = HashState()
    /// Input not yet compressed: always fewer than ``blockByteCount`` bytes between calls.
    private var pending: [UInt8] = []
    /// Bytes absorbed so far, modulo 2^64.
    private var byteCount: UInt64 = 0
    /// The compression function this hasher uses.
    let implementation: Implementation

    /// A hasher that has absorbed nothing, using the fastest compression function this processor has.
    public init() {
        self.init(implementation: .fastest)
    }

    /// A hasher that has absorbed nothing, using `implementation` (tests compare the two).
    ///
    /// - Precondition: `implementation` is one of ``Implementation/usable``.
    init(implementation: Implementation) {
        precondition(implementation == .swift || Implementation.hasSHAExtensions, "this processor has no SHA extensions")
        self.implementation = implementation
        pending.reserveCapacity(Self.blockByteCount)
    }

    /// Absorbs `bytes`.
    ///
    /// - Complexity: O(`bytes.count`); at most 63 bytes are copied.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        byteCount &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let taken = min(Self.blockByteCount - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<taken])
            offset = taken
            guard pending.count == Self.blockByteCount else { return }
            pending.withUnsafeBytes { state.compress(blocks: $0, using: implementation) }
            pending.removeAll(keepingCapacity: true)
        }
        let wholeBlockBytes = (bytes.count - offset) / Self.blockByteCount * Self.blockByteCount
        if wholeBlockBytes > 0 {
            state.compress(blocks: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + wholeBlockBytes)]), using: implementation)
            offset += wholeBlockBytes
        }
        pending.append(contentsOf: bytes[offset...])
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs a sequence of bytes, reading contiguous storage (`Array`, `Data`, ...) in place and
    /// gathering other sequences in 4 KiB chunks.
    public mutating func update(data: some Sequence<UInt8>) {
        let wasContiguous: Void? = data.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard wasContiguous == nil else { return }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(4096)
        for byte in data {
            chunk.append(byte)
            if chunk.count == chunk.capacity {
                update(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        update(chunk)
    }

    /// The 32-byte digest of everything absorbed so far.
    ///
    /// Padding (FIPS 180-4 §5.1.1: a 1 bit, zeros, then the message length in bits as a 64-bit
    /// big-endian integer) is applied to a copy, so the hasher is unchanged and can go on absorbing.
    public func finalize() -> [UInt8] {
        var copy = self
        let bitLength = byteCount &* 8
        let zeroCount = (55 - Int(byteCount % 64) + 64) % 64
        var padding: [UInt8] = [0x80]
        padding.reserveCapacity(1 + zeroCount + 8)
        padding.append(contentsOf: repeatElement(0, count: zeroCount))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        copy.update(padding)
        assert(copy.pending.isEmpty, "padding must end on a block boundary")
        return copy.state.bigEndianBytes
    }

    /// The digest of everything absorbed so far, as 64 lowercase hexadecimal digits.
    public func hexDigest() -> String {
        Self.hexString(finalize())
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes`, as 64 lowercase hexadecimal digits.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        hexString(hash(bytes))
    }

    /// The digest of the file at `path`, as 64 lowercase hexadecimal digits.
    ///
    /// The file is read with POSIX `read(2)` in 1 MiB chunks into one reused buffer, so memory use
    /// does not grow with the file.
    ///
    /// - Throws: ``FileError`` if the file cannot be opened or read.
    public static func hexDigest(ofFileAt path: String) throws(FileError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileError(path: path, operation: .open, errorNumber: errno)
        }
        defer { close(descriptor) }
        let chunkByteCount = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkByteCount, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let readCount = read(descriptor, buffer.baseAddress, chunkByteCount)
            if readCount == 0 { break }
            if readCount < 0 {
                let error = errno
                if error == EINTR { continue }
                throw FileError(path: path, operation: .read, errorNumber: error)
            }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<readCount]))
        }
        return hasher.hexDigest()
    }

    /// `bytes` as lowercase hexadecimal, two digits per byte.
    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension SHA256 {
    /// A file that could not be hashed: which file, which system call failed and its `errno`.
    public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The system call that failed.
        public enum Operation: String, Sendable {
            case open, read
        }

        public let path: String
        public let operation: Operation
        public let errorNumber: Int32

        public var description: String {
            let reason = String(cString: strerror(errorNumber))
            return "cannot \(operation.rawValue) '\(path)' to compute its SHA-256: \(reason) (errno \(errorNumber))"
        }
    }
}

// MARK: - Compression function

extension SHA256 {
    /// A compression function: the Swift rounds of ``HashState``, or the x86 SHA extensions
    /// (`sha256rnds2`, `sha256msg1`, `sha256msg2`) through the C target `CSHA256`.
    enum Implementation: Sendable, Hashable {
        case swift
        case shaExtensions

        /// Whether this processor has the SHA extensions; CPUID is asked once.
        static let hasSHAExtensions = csha256_available() != 0

        /// The implementations this processor can run.
        static var usable: [Implementation] { hasSHAExtensions ? [.swift, .shaExtensions] : [.swift] }

        /// The SHA extensions where the processor has them, else the Swift rounds.
        static var fastest: Implementation { hasSHAExtensions ? .shaExtensions : .swift }
    }

    /// The eight working hash words H0...H7.
    struct HashState: Sendable {
        /// The initial hash value (FIPS 180-4 §5.3.3): the first 32 bits of the fractional parts of
        /// the square roots of the first 8 primes.
        var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19

        /// H0...H7 as 32 bytes, each word big-endian.
        var bigEndianBytes: [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(SHA256.digestByteCount)
            for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
                bytes.append(UInt8(truncatingIfNeeded: word >> 24))
                bytes.append(UInt8(truncatingIfNeeded: word >> 16))
                bytes.append(UInt8(truncatingIfNeeded: word >> 8))
                bytes.append(UInt8(truncatingIfNeeded: word))
            }
            return bytes
        }

        /// Applies the SHA-256 compression function (FIPS 180-4 §6.2.2) to each 64-byte block, with
        /// `implementation`.
        ///
        /// - Precondition: `blocks.count` is a multiple of 64.
        mutating func compress(blocks: UnsafeRawBufferPointer, using implementation: Implementation) {
            precondition(blocks.count % SHA256.blockByteCount == 0, "SHA-256 compresses whole 64-byte blocks")
            guard let start = blocks.baseAddress else { return }
            switch implementation {
            case .swift:
                compress(blocks: blocks)
            case .shaExtensions:
                // H0...H7 through an 8-word buffer, since the C function takes an array.
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { words in
                    (words[0], words[1], words[2], words[3]) = (h0, h1, h2, h3)
                    (words[4], words[5], words[6], words[7]) = (h4, h5, h6, h7)
                    csha256_compress(words.baseAddress!, start, blocks.count / SHA256.blockByteCount)
                    (h0, h1, h2, h3) = (words[0], words[1], words[2], words[3])
                    (h4, h5, h6, h7) = (words[4], words[5], words[6], words[7])
                }
            }
        }

        /// Applies the SHA-256 compression function (FIPS 180-4 §6.2.2) to each 64-byte block, in Swift.
        ///
        /// The rounds are written out eight or sixteen at a time, so that the working variables a...h
        /// never move: each round takes them in rotated order (see ``round(_:_:_:_:_:_:_:_:_:)``). The
        /// message schedule is kept as a window of its last 16 words (W(t) replaces W(t-16) in place),
        /// computed as the rounds need it. Neither changes the result; both save moves and memory traffic.
        ///
        /// - Precondition: `blocks.count` is a multiple of 64.
        private mutating func compress(blocks: UnsafeRawBufferPointer) {
            precondition(blocks.count % SHA256.blockByteCount == 0, "SHA-256 compresses whole 64-byte blocks")
            guard let start = blocks.baseAddress else { return }
            // K0...K63 (FIPS 180-4 §4.2.2), from the table the C target keeps.
            let constants = csha256_round_constants()!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { window in
                var offset = 0
                while offset < blocks.count {
                    compressBlock(at: start + offset, constants: constants, window: window.baseAddress!)
                    offset += SHA256.blockByteCount
                }
            }
        }

        @inline(__always)
        private mutating func compressBlock(
            at block: UnsafeRawPointer, constants k: UnsafePointer<UInt32>, window w: UnsafeMutablePointer<UInt32>
        ) {
            // Message schedule W0...W15 (step 1); later words come from `nextWord` as the rounds go.
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
            }
            // Working variables (step 2) and 64 rounds (step 3): rounds 0...15 take the block's words,
            // rounds 16...63 extend the schedule as they go, sixteen at a time so that every window
            // position is a constant.
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            var t = 0
            while t < 16 {
                Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                Self.round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
                Self.round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
                Self.round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
                Self.round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
                Self.round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
                Self.round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
                Self.round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
                t += 8
            }
            while t < 64 {
                Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ Self.nextWord(w, 0))
                Self.round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ Self.nextWord(w, 1))
                Self.round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ Self.nextWord(w, 2))
                Self.round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ Self.nextWord(w, 3))
                Self.round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ Self.nextWord(w, 4))
                Self.round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ Self.nextWord(w, 5))
                Self.round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ Self.nextWord(w, 6))
                Self.round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ Self.nextWord(w, 7))
                Self.round(a, b, c, &d, e, f, g, &h, k[t + 8] &+ Self.nextWord(w, 8))
                Self.round(h, a, b, &c, d, e, f, &g, k[t + 9] &+ Self.nextWord(w, 9))
                Self.round(g, h, a, &b, c, d, e, &f, k[t + 10] &+ Self.nextWord(w, 10))
                Self.round(f, g, h, &a, b, c, d, &e, k[t + 11] &+ Self.nextWord(w, 11))
                Self.round(e, f, g, &h, a, b, c, &d, k[t + 12] &+ Self.nextWord(w, 12))
                Self.round(d, e, f, &g, h, a, b, &c, k[t + 13] &+ Self.nextWord(w, 13))
                Self.round(c, d, e, &f, g, h, a, &b, k[t + 14] &+ Self.nextWord(w, 14))
                Self.round(b, c, d, &e, f, g, h, &a, k[t + 15] &+ Self.nextWord(w, 15))
                t += 16
            }
            // Intermediate hash value (step 4).
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
            h5 &+= f
            h6 &+= g
            h7 &+= h
        }

        /// Schedule word W(t) for t >= 16 (§6.2.2 step 1), from the 16-word window at position
        /// `p` = t mod 16, where it replaces W(t-16). W(t-15), W(t-7) and W(t-2) sit at p+1, p+9 and
        /// p+14 (mod 16).
        @inline(__always)
        private static func nextWord(_ w: UnsafeMutablePointer<UInt32>, _ p: Int) -> UInt32 {
            let w15 = w[(p + 1) & 15], w2 = w[(p + 14) & 15]
            let sigma0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
            let sigma1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
            let word = w[p] &+ sigma0 &+ w[(p + 9) & 15] &+ sigma1
            w[p] = word
            return word
        }

        /// One round (§6.2.2 step 3) with the variables' roles passed in rotated order: instead of moving
        /// every variable down one place, the round updates d (to d + T1) and h (to T1 + T2), and the next
        /// round is called with h in a's place, a in b's, and so on.
        ///
        /// Ch(e, f, g) is computed as g ^ (e & (f ^ g)), which equals (e & f) ^ (~e & g) bit by bit.
        @inline(__always)
        private static func round(
            _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
            _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ constantPlusWord: UInt32
        ) {
            let bigSigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let choose = g ^ (e & (f ^ g))
            let t1 = h &+ bigSigma1 &+ choose &+ constantPlusWord
            let bigSigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            d &+= t1
            h = t1 &+ bigSigma0 &+ majority
        }
    }
}

extension UInt32 {
    /// ROTR^n(x) of FIPS 180-4 §3.2.
    @inline(__always)
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self &>> count) | (self &<< (32 &- count))
    }
}
