#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull parser for the XML that Office Open XML parts use, fed in chunks and read one event at a time.
///
/// ```swift
/// var parser = XMLPullParser()
/// parser.append(chunk)                      // as many times as there are chunks
/// parser.finish()                           // after the last one
/// while let event = try parser.next() {     // nil: feed more (or, after finish(), the end)
///     if event == .startElement, parser.hasLocalName("c") { let r = try parser.attribute("r") }
/// }
/// ```
///
/// It understands elements and their attributes, text, the five predefined entities (`&lt;` `&gt;`
/// `&amp;` `&quot;` `&apos;`), decimal and hexadecimal character references, CDATA sections (given as
/// text), comments and processing instructions (skipped), and prefixed names: ``hasLocalName(_:)``
/// compares the part after the colon, which is how the workbook reader treats `x:c` and `c` alike
/// without resolving namespace URIs. Line ends are normalised as XML 1.0 §2.11 says (CR LF and lone CR
/// become LF), and attribute values as §3.3.3 says for CDATA attributes (a literal tab, CR or LF becomes
/// a space). A document type declaration is refused: OOXML forbids them (ECMA-376 Part 2 §8.1.4), and
/// refusing them rules out entity expansion attacks.
///
/// ### Why not FoundationXML
///
/// `XMLParser` needs the whole part in memory (or a stream it drives itself), calls back through
/// Objective-C-style delegates with a `String` per name and attribute, and has its own limits that a
/// fuzzer cannot see into. This parser is byte-based and allocation-free in its loop: events carry
/// ranges into the buffer, and values are decoded only when asked for (and copied only when they hold
/// an entity or a CR). Nesting is tracked with an explicit stack, never recursion.
///
/// ### Limits
///
/// One token (a tag, a text run, a comment) may be at most `maximumTokenLength` bytes and elements may
/// nest at most `maximumDepth` deep; beyond either the parser throws, so memory stays bounded by the
/// token limit however the input is cut. It checks that end tags match start tags and that the input
/// does not end inside an element; it does not check everything a validating parser would (names'
/// characters, duplicate attributes, text outside the root element).
struct XMLPullParser {
    enum Event: Equatable, Sendable {
        /// A start tag. For an empty-element tag (`<c/>`) the next event is its ``endElement``.
        case startElement
        case endElement
        /// Character data, or a CDATA section.
        case text
    }

    let maximumTokenLength: Int
    let maximumDepth: Int

    private var buffer: [UInt8] = []
    /// The next unread byte in `buffer`.
    private var position = 0
    /// Bytes dropped from the front of `buffer`, so that absolute offsets survive compaction.
    private var dropped = 0
    private var isFinished = false
    /// The end element owed for an empty-element tag.
    private var pendingEnd = false

    // The current event's ranges in `buffer`.
    private var tokenStart = 0
    private var nameStart = 0, localNameStart = 0, nameEnd = 0
    private var textStart = 0, textEnd = 0, textIsCDATA = false
    /// Five offsets per attribute: name start, local name start, name end, value start, value end.
    private var attributeBounds: [Int] = []

    /// Open elements' names, one after another, with their ends in `openNameEnds`.
    private var openNames: [UInt8] = []
    private var openNameEnds: [Int] = []

    /// A parser with no input yet.
    ///
    /// - Parameters:
    ///   - maximumTokenLength: the longest tag, text run, comment or CDATA section, in bytes.
    ///   - maximumDepth: the deepest nesting of elements.
    init(maximumTokenLength: Int = 4 << 20, maximumDepth: Int = 256) {
        self.maximumTokenLength = maximumTokenLength
        self.maximumDepth = maximumDepth
    }

    /// Adds the next chunk of the document. Ranges of the current event are invalidated.
    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: chunk)
    }

    /// Adds the next chunk of the document.
    mutating func append(_ chunk: [UInt8]) {
        chunk.withUnsafeBytes { append($0) }
    }

    /// Says that no more input will come: ``next()`` then reads to the end and returns nil there.
    mutating func finish() { isFinished = true }

    /// How deep the parser is: 0 outside the root element, 1 inside it, and so on. After a
    /// ``Event/startElement`` it counts the new element.
    var depth: Int { openNameEnds.count + (pendingEnd ? 1 : 0) }

    /// The offset in the whole document where the current event's token starts.
    var byteOffset: Int { dropped + tokenStart }

    /// Drops consumed bytes from the front of the buffer, once they are at least half of it.
    private mutating func compact() {
        guard position > 0, position >= buffer.count / 2 else { return }
        buffer.removeSubrange(0..<position)
        dropped += position
        tokenStart -= min(tokenStart, position)
        position = 0
    }

    // MARK: Events

    /// Reads the next event.
    ///
    /// - Returns: the event, or nil when the parser needs more input (before ``finish()``) or has
    ///   reached the end of the document (after it).
    /// - Throws: ``XMLError`` when the document is not well-formed as far as this parser checks, uses a
    ///   document type declaration, or breaks a limit.
    mutating func next() throws(XMLError) -> Event? {
        if pendingEnd {
            pendingEnd = false
            return .endElement
        }
        while position < buffer.count {
            tokenStart = position
            if buffer[position] != UInt8(ascii: "<") {
                guard let end = firstIndex(of: UInt8(ascii: "<"), from: position) ?? (isFinished ? buffer.count : nil) else {
                    try checkTokenLength()
                    return nil
                }
                try checkTokenLength(endingAt: end)
                (textStart, textEnd, textIsCDATA) = (position, end, false)
                position = end
                return .text
            }
            guard position + 1 < buffer.count else { return try needMore() }
            switch buffer[position + 1] {
            case UInt8(ascii: "/"):
                guard let end = firstIndex(of: UInt8(ascii: ">"), from: position + 2) else { return try needMore() }
                try checkTokenLength(endingAt: end + 1)
                try readEndTag(closingAt: end)
                position = end + 1
                return .endElement
            case UInt8(ascii: "?"):
                guard let end = firstIndex(of: Self.processingInstructionEnd, from: position + 2) else { return try needMore() }
                try checkTokenLength(endingAt: end + 2)
                position = end + 2
            case UInt8(ascii: "!"):
                if hasPrefix(Self.commentStart, at: position) {
                    guard let end = firstIndex(of: Self.commentEnd, from: position + 4) else { return try needMore() }
                    try checkTokenLength(endingAt: end + 3)
                    position = end + 3
                } else if hasPrefix(Self.cdataStart, at: position) {
                    let contentStart = position + Self.cdataStart.count
                    guard let end = firstIndex(of: Self.cdataEnd, from: contentStart) else { return try needMore() }
                    try checkTokenLength(endingAt: end + 3)
                    (textStart, textEnd, textIsCDATA) = (contentStart, end, true)
                    position = end + 3
                    return .text
                } else if buffer.count - position < Self.cdataStart.count && !isFinished {
                    return try needMore()
                } else if hasPrefix(Self.doctypeStart, at: position) {
                    throw error(.documentTypeDeclaration)
                } else {
                    throw error(.malformed("'<!' that starts neither a comment nor a CDATA section"))
                }
            default:
                guard let end = try readStartTag() else { return try needMore() }
                try checkTokenLength(endingAt: end)
                position = end
                return .startElement
            }
        }
        if isFinished && !openNameEnds.isEmpty {
            tokenStart = position
            throw error(.unexpectedEnd)
        }
        return nil
    }

    /// Nil when more input may complete the token; an error when it cannot.
    private mutating func needMore() throws(XMLError) -> Event? {
        try checkTokenLength()
        if isFinished { throw error(.unexpectedEnd) }
        return nil
    }

    /// Refuses a token longer than the limit, whether it is complete (ending at `end`) or still
    /// incomplete at the end of the buffer, so that where the input was cut never changes the outcome.
    private func checkTokenLength(endingAt end: Int? = nil) throws(XMLError) {
        if (end ?? buffer.count) - tokenStart > maximumTokenLength { throw error(.tokenTooLong(limit: maximumTokenLength)) }
    }

    private func error(_ kind: XMLError.Kind) -> XMLError {
        XMLError(kind: kind, byteOffset: dropped + tokenStart)
    }

    // MARK: Tags

    /// Parses the start tag at `position`; returns the offset after its `>`, or nil when it is incomplete.
    ///
    /// It looks only at the token's first `maximumTokenLength` bytes, and finds a `<` in an attribute
    /// value before the value's closing quote arrives, so that which error a tag gets depends on its
    /// bytes alone, never on where the input was cut.
    private mutating func readStartTag() throws(XMLError) -> Int? {
        var index = position + 1
        let count = min(buffer.count, tokenStart + maximumTokenLength)
        nameStart = index
        localNameStart = index
        while index < count, !Self.endsName(buffer[index]) {
            if buffer[index] == UInt8(ascii: ":") { localNameStart = index + 1 }
            index += 1
        }
        nameEnd = index
        guard index < count else { return nil }
        guard nameEnd > nameStart else { throw error(.malformed("a '<' that starts no tag")) }
        attributeBounds.removeAll(keepingCapacity: true)
        while true {
            while index < count, Self.isSpace(buffer[index]) { index += 1 }
            guard index < count else { return nil }
            switch buffer[index] {
            case UInt8(ascii: ">"):
                try openElement()
                return index + 1
            case UInt8(ascii: "/"):
                guard index + 1 < count else { return nil }
                guard buffer[index + 1] == UInt8(ascii: ">") else { throw error(.malformed("a '/' inside a tag")) }
                guard openNameEnds.count < maximumDepth else { throw error(.tooDeep(limit: maximumDepth)) }
                pendingEnd = true
                return index + 2
            default:
                let attributeStart = index
                var attributeLocalStart = index
                while index < count, !Self.endsName(buffer[index]), buffer[index] != UInt8(ascii: "=") {
                    if buffer[index] == UInt8(ascii: ":") { attributeLocalStart = index + 1 }
                    index += 1
                }
                let attributeEnd = index
                while index < count, Self.isSpace(buffer[index]) { index += 1 }
                guard index < count else { return nil }
                guard attributeEnd > attributeStart, buffer[index] == UInt8(ascii: "=") else {
                    throw error(.malformed("an attribute without '=' and a value"))
                }
                index += 1
                while index < count, Self.isSpace(buffer[index]) { index += 1 }
                guard index < count else { return nil }
                let quote = buffer[index]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    throw error(.malformed("an attribute value without quotes"))
                }
                let valueEnd = firstIndex(of: quote, from: index + 1, to: count)
                if firstIndex(of: UInt8(ascii: "<"), from: index + 1, to: valueEnd ?? count) != nil {
                    throw error(.malformed("a '<' inside an attribute value"))
                }
                guard let valueEnd else { return nil }
                attributeBounds.append(contentsOf: [attributeStart, attributeLocalStart, attributeEnd, index + 1, valueEnd])
                index = valueEnd + 1
                guard index < count else { return nil }
                guard Self.isSpace(buffer[index]) || buffer[index] == UInt8(ascii: ">") || buffer[index] == UInt8(ascii: "/") else {
                    throw error(.malformed("attributes not separated by white space"))
                }
            }
        }
    }

    private mutating func openElement() throws(XMLError) {
        guard openNameEnds.count < maximumDepth else { throw error(.tooDeep(limit: maximumDepth)) }
        openNames.append(contentsOf: buffer[nameStart..<nameEnd])
        openNameEnds.append(openNames.count)
    }

    /// Checks the end tag whose `>` is at `end` against the open element, and closes it.
    private mutating func readEndTag(closingAt end: Int) throws(XMLError) {
        nameStart = position + 2
        nameEnd = end
        while nameEnd > nameStart, Self.isSpace(buffer[nameEnd - 1]) { nameEnd -= 1 }
        localNameStart = nameStart
        for index in nameStart..<nameEnd where buffer[index] == UInt8(ascii: ":") { localNameStart = index + 1 }
        attributeBounds.removeAll(keepingCapacity: true)
        guard let openEnd = openNameEnds.last else { throw error(.mismatchedEndTag) }
        let openStart = openNameEnds.count > 1 ? openNameEnds[openNameEnds.count - 2] : 0
        guard openNames[openStart..<openEnd].elementsEqual(buffer[nameStart..<nameEnd]) else {
            throw error(.mismatchedEndTag)
        }
        openNames.removeSubrange(openStart...)
        openNameEnds.removeLast()
    }

    // MARK: Reading the current event

    /// Whether the current start or end tag's name, after any prefix, is `localName`.
    func hasLocalName(_ localName: StaticString) -> Bool {
        Self.equals(buffer, localNameStart, nameEnd, localName)
    }

    /// The current start tag's attribute whose name, after any prefix, is `localName`: its value with
    /// references replaced and white space normalised, or nil when the tag has no such attribute.
    ///
    /// - Throws: ``XMLError`` for an unknown entity or an invalid character reference.
    func attributeBytes(_ localName: StaticString) throws(XMLError) -> ArraySlice<UInt8>? {
        var index = 0
        while index < attributeBounds.count {
            if Self.equals(buffer, attributeBounds[index + 1], attributeBounds[index + 2], localName) {
                return try decoded(attributeBounds[index + 3], attributeBounds[index + 4], isAttribute: true)
            }
            index += 5
        }
        return nil
    }

    /// The current start tag's attribute `localName` as a string (see ``attributeBytes(_:)``).
    ///
    /// - Throws: ``XMLError`` for an unknown entity, an invalid character reference or invalid UTF-8.
    func attribute(_ localName: StaticString) throws(XMLError) -> String? {
        guard let bytes = try attributeBytes(localName) else { return nil }
        return try string(bytes)
    }

    /// The current text event's characters, with references replaced and line ends normalised.
    ///
    /// - Throws: ``XMLError`` for an unknown entity or an invalid character reference.
    func textBytes() throws(XMLError) -> ArraySlice<UInt8> {
        if textIsCDATA {
            return try decoded(textStart, textEnd, isAttribute: false, expandsReferences: false)
        }
        return try decoded(textStart, textEnd, isAttribute: false)
    }

    /// Whether the current text event is only white space (which OOXML uses between elements).
    var isWhitespaceText: Bool {
        buffer[textStart..<textEnd].allSatisfy(Self.isSpace)
    }

    /// `bytes` as a string, or an error when they are not UTF-8.
    func string(_ bytes: ArraySlice<UInt8>) throws(XMLError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw error(.invalidUTF8) }
        return text
    }

    /// The bytes of `start..<end` with references expanded and line ends (and, in attributes, white
    /// space) normalised; a slice of the buffer itself when nothing needs changing.
    private func decoded(_ start: Int, _ end: Int, isAttribute: Bool, expandsReferences: Bool = true) throws(XMLError) -> ArraySlice<UInt8> {
        var needsWork = false
        for index in start..<end {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\r") || (expandsReferences && byte == UInt8(ascii: "&"))
                || (isAttribute && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")))
            {
                needsWork = true
                break
            }
        }
        guard needsWork else { return buffer[start..<end] }
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = buffer[index]
            switch byte {
            case UInt8(ascii: "&") where expandsReferences:
                guard let semicolon = firstIndex(of: UInt8(ascii: ";"), from: index + 1, to: min(end, index + 12)) else {
                    throw XMLError(kind: .unknownEntity, byteOffset: dropped + index)
                }
                try Self.appendReference(buffer[(index + 1)..<semicolon], to: &output, offset: dropped + index)
                index = semicolon + 1
            case UInt8(ascii: "\r"):
                output.append(isAttribute ? UInt8(ascii: " ") : UInt8(ascii: "\n"))
                index += 1
                if index < end && buffer[index] == UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                output.append(isAttribute ? UInt8(ascii: " ") : byte)
                index += 1
            default:
                output.append(byte)
                index += 1
            }
        }
        return output[...]
    }

    /// Appends the UTF-8 of the entity or character reference `name` (between `&` and `;`).
    private static func appendReference(_ name: ArraySlice<UInt8>, to output: inout [UInt8], offset: Int) throws(XMLError) {
        switch Array(name) {
        case Array("lt".utf8): output.append(UInt8(ascii: "<"))
        case Array("gt".utf8): output.append(UInt8(ascii: ">"))
        case Array("amp".utf8): output.append(UInt8(ascii: "&"))
        case Array("quot".utf8): output.append(UInt8(ascii: "\""))
        case Array("apos".utf8): output.append(UInt8(ascii: "'"))
        default:
            guard name.first == UInt8(ascii: "#") else { throw XMLError(kind: .unknownEntity, byteOffset: offset) }
            var digits = name.dropFirst()
            var radix: UInt32 = 10
            if digits.first == UInt8(ascii: "x") {
                radix = 16
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty else { throw XMLError(kind: .invalidCharacterReference, byteOffset: offset) }
            var value: UInt32 = 0
            for digit in digits {
                guard let digitValue = hexDigitValue(digit), digitValue < radix, value <= 0x10FFFF else {
                    throw XMLError(kind: .invalidCharacterReference, byteOffset: offset)
                }
                value = value * radix + digitValue
            }
            // XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
            guard value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value),
                let scalar = Unicode.Scalar(value)
            else { throw XMLError(kind: .invalidCharacterReference, byteOffset: offset) }
            output.append(contentsOf: UTF8.encode(scalar)!)
        }
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Bytes

    private static let processingInstructionEnd = Array("?>".utf8)
    private static let commentStart = Array("<!--".utf8)
    private static let commentEnd = Array("-->".utf8)
    private static let cdataStart = Array("<![CDATA[".utf8)
    private static let cdataEnd = Array("]]>".utf8)
    private static let doctypeStart = Array("<!DOCTYPE".utf8)

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inline(__always)
    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    private static func equals(_ buffer: [UInt8], _ start: Int, _ end: Int, _ name: StaticString) -> Bool {
        guard end - start == name.utf8CodeUnitCount else { return false }
        let pointer = name.utf8Start
        for offset in 0..<(end - start) where buffer[start + offset] != pointer[offset] { return false }
        return true
    }

    private func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        buffer.count - index >= prefix.count && buffer[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    /// The first `byte` in `from..<to` (default: to the end of the buffer), found with `memchr`.
    private func firstIndex(of byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let end = end ?? buffer.count
        guard start < end else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The first occurrence of `pattern` at or after `start`.
    private func firstIndex(of pattern: [UInt8], from start: Int) -> Int? {
        var index = start
        while let candidate = firstIndex(of: pattern[0], from: index) {
            guard buffer.count - candidate >= pattern.count else { return nil }
            if buffer[candidate..<(candidate + pattern.count)].elementsEqual(pattern) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}

/// XML that cannot be read: what is wrong and the byte offset in the part, never the text.
struct XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    enum Kind: Equatable, Sendable {
        case malformed(String)
        case mismatchedEndTag
        case unexpectedEnd
        case tooDeep(limit: Int)
        case tokenTooLong(limit: Int)
        case unknownEntity
        case invalidCharacterReference
        case documentTypeDeclaration
        case invalidUTF8
    }

    let kind: Kind
    /// The offset in the part of the token concerned.
    let byteOffset: Int

    var description: String {
        let what: String
        switch kind {
        case .malformed(let detail): what = "malformed XML: \(detail)"
        case .mismatchedEndTag: what = "an end tag does not match the element it closes"
        case .unexpectedEnd: what = "the XML ends inside an element or tag"
        case .tooDeep(let limit): what = "elements nest more than \(limit) deep"
        case .tokenTooLong(let limit): what = "a tag or text is longer than \(limit) bytes"
        case .unknownEntity: what = "an entity other than &lt; &gt; &amp; &quot; &apos;"
        case .invalidCharacterReference: what = "a character reference to a character XML does not allow"
        case .documentTypeDeclaration: what = "a document type declaration, which Office Open XML does not allow"
        case .invalidUTF8: what = "text that is not valid UTF-8"
        }
        return "\(what) (at byte \(byteOffset))"
    }
}
