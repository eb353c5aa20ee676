/// The character encoding of a long list, as detected from its bytes.
///
/// Detection order: a UTF-16 byte-order mark (the file is transcoded to UTF-8 before parsing); a UTF-8
/// byte-order mark; otherwise the bytes are checked as UTF-8 while they are parsed. A file that is not
/// valid UTF-8 and holds no valid multi-byte UTF-8 sequence is read as Windows-1252, the encoding of
/// Excel's plain "CSV (Comma delimited)". A file that mixes valid UTF-8 sequences with invalid bytes is
/// rejected at the first invalid byte: guessing there would corrupt names.
public enum SourceEncoding: String, Codable, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case windows1252 = "Windows-1252"
    case utf16LittleEndian = "UTF-16LE with BOM"
    case utf16BigEndian = "UTF-16BE with BOM"
}

/// Windows-1252 to Unicode.
enum Windows1252 {
    /// Code points for bytes 0x80...0x9F; 0 marks the five bytes that Windows-1252 leaves undefined.
    static let highControlRange: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Whether `byte` has a meaning in Windows-1252.
    @inline(__always)
    static func isDefined(_ byte: UInt8) -> Bool {
        byte < 0x80 || byte > 0x9F || highControlRange[Int(byte - 0x80)] != 0
    }

    /// The Unicode scalar for a defined byte.
    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte <= 0x9F {
            return Unicode.Scalar(highControlRange[Int(byte - 0x80)])!
        }
        return Unicode.Scalar(byte)
    }

    /// Decodes bytes that are all defined in Windows-1252.
    static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(scalar(byte)) }
        return String(scalars)
    }

    /// Appends the UTF-8 encoding of bytes that are all defined in Windows-1252: the bytes of
    /// ``decode(_:)``'s string, without building it.
    static func appendUTF8<C: Collection>(of bytes: C, to output: inout [UInt8]) where C.Element == UInt8 {
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(contentsOf: scalar(byte).utf8)
            }
        }
    }
}

/// UTF-8 validation of one span, used on fields that contain bytes above 0x7F.
enum UTF8Validation {
    enum Result: Equatable {
        /// Every byte is ASCII or part of a well-formed multi-byte sequence; `multiByteSequences` counts the latter.
        case valid(multiByteSequences: Int)
        /// The first ill-formed byte is at `offset` from the start of the span; `multiByteSequences`
        /// still counts the well-formed ones anywhere in the span (evidence that the file is UTF-8).
        case invalid(offset: Int, multiByteSequences: Int)
    }

    static func validate(_ bytes: UnsafeRawBufferPointer) -> Result {
        var i = 0
        var sequences = 0
        var firstInvalid: Int?
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            if let length = sequenceLength(bytes, at: i) {
                sequences += 1
                i += length
            } else {
                firstInvalid = firstInvalid ?? i
                i += 1
            }
        }
        if let firstInvalid { return .invalid(offset: firstInvalid, multiByteSequences: sequences) }
        return .valid(multiByteSequences: sequences)
    }

    /// The length of the well-formed multi-byte sequence starting at `i`, or nil.
    private static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int? {
        let b0 = bytes[i]
        let length: Int
        let minimum: UInt32
        var scalar: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            scalar = (scalar << 6) | UInt32(b & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return length
    }

    /// Well-formed multi-byte sequences in `bytes`.
    static func multiByteSequences(_ bytes: UnsafeRawBufferPointer) -> Int {
        switch validate(bytes) {
        case .valid(let n), .invalid(_, let n): n
        }
    }
}
