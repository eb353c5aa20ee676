extension JSONValue {
    /// The deepest nesting of arrays and objects ``parse(_:)`` accepts; spec files and audit records need
    /// a handful of levels, and the limit keeps hostile input from exhausting the stack.
    public static let maximumDepth = 128

    /// Reads one JSON document strictly, as RFC 8259 defines it.
    ///
    /// Rejected, with the line, column and path of the first problem: trailing commas, comments, duplicate
    /// keys in an object, single quotes, `NaN` and other words, numbers with leading zeros or a bare `.`,
    /// raw control characters in strings, invalid escapes, unpaired surrogates, bytes that are not UTF-8,
    /// nesting deeper than ``maximumDepth``, and anything but whitespace after the value. A leading UTF-8
    /// byte order mark is skipped, as RFC 8259 section 8.1 allows, because Windows editors add one.
    ///
    /// A number without fraction or exponent that fits in `Int` becomes ``int(_:)``; any other number
    /// becomes ``double(_:)``, converted by the standard library to the nearest double, and one too large
    /// for a double is an error.
    ///
    /// - Parameter bytes: the document as UTF-8.
    /// - Returns: the document's value.
    /// - Throws: ``JSONParseError`` describing the first problem.
    /// - Complexity: O(*n*) in the number of bytes, plus O(*k*) per object member for a key lookup.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }
}

/// A recursive-descent reader over the bytes, keeping a byte offset; line and column are worked out only
/// when an error is built.
private struct JSONParser {
    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    private let bytes: [UInt8]
    /// The first byte after any byte order mark.
    private let start: Int
    private var index: Int
    /// Keys and indices from the root to the value being read.
    private var path: [PathComponent] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        index = start
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw error(.emptyDocument, at: index, "the document is empty; expected a JSON value")
        }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else {
            if isCommentStart(at: index) { throw commentError(at: index) }
            throw error(.trailingContent, at: index, "unexpected \(describe(at: index)) after the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else {
            throw error(.unexpectedEnd, at: index, "the input ends where a value was expected")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        default: throw unexpected(at: index, expected: "a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        let opening = index
        try enterContainer(at: opening)
        defer { path.removeLast() }
        index += 1
        var members: [(String, JSONValue)] = []
        var keys: Set<String> = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw unexpected(at: index, expected: "a key in double quotes", unterminated: ("object", opening))
            }
            let keyStart = index
            let key = try parseString()
            path[path.count - 1] = .key(key)
            guard keys.insert(key).inserted else {
                throw error(
                    .duplicateKey, at: keyStart, "duplicate key \"\(key)\"; each key may appear once in an object")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw unexpected(at: index, expected: "':' after the key", unterminated: ("object", opening))
            }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            path[path.count - 1] = .index(-1)
            skipWhitespace()
            guard index < bytes.count else {
                throw error(.unexpectedEnd, at: opening, "the object opened here is not closed with '}'")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                let comma = index
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw error(.trailingComma, at: comma, "trailing comma before '}'; remove it")
                }
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw unexpected(at: index, expected: "',' or '}' after a member")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        let opening = index
        try enterContainer(at: opening)
        defer { path.removeLast() }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            path[path.count - 1] = .index(elements.count)
            skipWhitespace()
            elements.append(try parseValue())
            path[path.count - 1] = .index(-1)
            skipWhitespace()
            guard index < bytes.count else {
                throw error(.unexpectedEnd, at: opening, "the array opened here is not closed with ']'")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                let comma = index
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    throw error(.trailingComma, at: comma, "trailing comma before ']'; remove it")
                }
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw unexpected(at: index, expected: "',' or ']' after an element")
            }
        }
    }

    /// Pushes a placeholder path component for the container's members, checking the depth first.
    /// `.index(-1)` stands for "the container itself" and is left out of rendered paths.
    private mutating func enterContainer(at opening: Int) throws(JSONParseError) {
        guard path.count < JSONValue.maximumDepth else {
            throw error(.tooDeeplyNested, at: opening, "nesting deeper than \(JSONValue.maximumDepth) levels")
        }
        path.append(.index(-1))
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let utf8 = word.utf8
        guard bytes[index...].starts(with: utf8) else {
            throw error(.invalidLiteral, at: index, "expected true, false or null (lowercase)")
        }
        index += utf8.count
        return value
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let first = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error(.invalidNumber, at: index, "expected a digit after '-'")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error(.leadingZero, at: index - 1, "numbers cannot start with 0 unless they are 0 or 0.something")
            }
        } else {
            skipDigits()
        }
        var isIntegral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isIntegral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(.invalidNumber, at: index, "expected a digit after the decimal point")
            }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isIntegral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(.invalidNumber, at: index, "expected a digit in the exponent")
            }
            skipDigits()
        }
        let text = String(decoding: bytes[first..<index], as: UTF8.self)
        if isIntegral, let integer = Int(text) { return .int(integer) }
        guard let number = Double(text), number.isFinite else {
            throw error(.numberOutOfRange, at: first, "the number is too large for a double")
        }
        return .double(number)
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        let opening = index
        index += 1
        var decoded: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else {
                throw error(.unterminatedString, at: opening, "the string starting here has no closing '\"'")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                decoded.append(contentsOf: bytes[runStart..<index])
                index += 1
                break
            } else if byte == UInt8(ascii: "\\") {
                decoded.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &decoded)
                runStart = index
            } else if byte < 0x20 {
                throw error(
                    .controlCharacterInString, at: index,
                    "control character \(hex(byte)) in a string; write it as an escape such as \\n or \\u00XX")
            } else {
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw error(.invalidUTF8, at: opening, "the string starting here is not valid UTF-8")
        }
        return text
    }

    /// Decodes the escape at `index` (a backslash) into UTF-8 and moves past it.
    private mutating func parseEscape(into decoded: inout [UInt8]) throws(JSONParseError) {
        let backslash = index
        index += 1
        guard index < bytes.count else {
            throw error(.unterminatedString, at: backslash, "the input ends inside an escape")
        }
        let simple: UInt8? =
            switch bytes[index] {
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case UInt8(ascii: "/"): UInt8(ascii: "/")
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            decoded.append(simple)
            index += 1
            return
        }
        guard bytes[index] == UInt8(ascii: "u") else {
            throw error(
                .invalidEscape, at: backslash,
                "invalid escape; allowed are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\u followed by four hex digits")
        }
        index += 1
        let unit = try parseHexQuad(escapeAt: backslash)
        let scalar: Unicode.Scalar?
        switch unit {
        case 0xD800...0xDBFF:
            guard bytes[index...].starts(with: "\\u".utf8) else {
                throw error(
                    .loneSurrogate, at: backslash, "high surrogate \\u\(hex4(unit)) without a low surrogate after it")
            }
            let lowEscape = index
            index += 2
            let low = try parseHexQuad(escapeAt: lowEscape)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(
                    .loneSurrogate, at: backslash, "high surrogate \\u\(hex4(unit)) without a low surrogate after it")
            }
            scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00...0xDFFF:
            throw error(
                .loneSurrogate, at: backslash, "low surrogate \\u\(hex4(unit)) without a high surrogate before it")
        default:
            scalar = Unicode.Scalar(unit)
        }
        // Surrogates are handled above, so every remaining value is a scalar.
        UTF8.encode(scalar!) { decoded.append($0) }
    }

    private mutating func parseHexQuad(escapeAt escape: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw error(.invalidEscape, at: escape, "\\u must be followed by four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: Bytes

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func isCommentStart(at offset: Int) -> Bool {
        offset + 1 < bytes.count && bytes[offset] == UInt8(ascii: "/")
            && (bytes[offset + 1] == UInt8(ascii: "/") || bytes[offset + 1] == UInt8(ascii: "*"))
    }

    // MARK: Errors

    /// An error for the byte at `offset`, which is not what was expected there.
    private func unexpected(
        at offset: Int, expected: String, unterminated container: (name: String, opening: Int)? = nil
    ) -> JSONParseError {
        if offset >= bytes.count {
            if let container {
                return error(.unexpectedEnd, at: container.opening, "the \(container.name) opened here is not closed")
            }
            return error(.unexpectedEnd, at: offset, "the input ends where \(expected) was expected")
        }
        if isCommentStart(at: offset) { return commentError(at: offset) }
        return error(.unexpectedCharacter, at: offset, "expected \(expected), found \(describe(at: offset))")
    }

    private func commentError(at offset: Int) -> JSONParseError {
        error(.comment, at: offset, "comments are not allowed in JSON")
    }

    /// `'x'` for a printable ASCII character, otherwise the byte in hex.
    private func describe(at offset: Int) -> String {
        let byte = bytes[offset]
        return (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(hex(byte))"
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }

    private func hex4(_ unit: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String((0..<4).reversed().map { digits[Int(unit >> (4 * UInt32($0)) & 0xF)] })
    }

    private func error(_ kind: JSONParseError.Kind, at offset: Int, _ message: String) -> JSONParseError {
        var line = 1
        var lineStart = start
        for position in start..<min(offset, bytes.count) where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        // Count characters, not bytes: skip UTF-8 continuation bytes (10xxxxxx).
        let column = 1 + bytes[lineStart..<min(offset, bytes.count)].lazy.filter { $0 & 0xC0 != 0x80 }.count
        return JSONParseError(kind, line: line, column: column, path: renderedPath(), message: message)
    }

    private func renderedPath() -> String {
        var text = "$"
        for component in path {
            switch component {
            case .index(let position) where position >= 0:
                text += "[\(position)]"
            case .index:
                continue
            case .key(let key):
                let isIdentifier =
                    key.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
                    && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
                if isIdentifier {
                    text += ".\(key)"
                } else {
                    text += "[\""
                    for character in key {
                        if character == "\"" || character == "\\" { text.append("\\") }
                        text.append(character)
                    }
                    text += "\"]"
                }
            }
        }
        return text
    }
}
