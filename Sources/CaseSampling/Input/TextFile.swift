/// Small text files as editors and spreadsheets save them (a list of units, say), decoded whole.
package enum TextFile {
    /// The text of `bytes`: UTF-8 with or without a byte-order mark, UTF-16 with one, or else
    /// Windows-1252 when the bytes are not UTF-8 and every byte is defined there; nil when none fits.
    package static func decode(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let utf8 = try? LongListReader.transcodeUTF16(Array(bytes.dropFirst(2)), littleEndian: bytes[0] == 0xFF, file: "")
            else { return nil }
            return String(decoding: utf8, as: UTF8.self)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if body.withUnsafeBytes(isValidUTF8) { return String(decoding: body, as: UTF8.self) }
        guard body.allSatisfy(Windows1252.isDefined) else { return nil }
        return Windows1252.decode(body)
    }
}
