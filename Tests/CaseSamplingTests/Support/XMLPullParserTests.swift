import Testing

@testable import CaseSampling

@Suite("XML pull parser")
struct XMLPullParserTests {
    /// The events of `xml` fed in chunks of `chunkSize` bytes, written compactly: `<name a=v>`, `</name>`,
    /// `"text"`.
    static func events(_ xml: String, chunkSize: Int = .max, attributes: [StaticString] = []) throws -> [String] {
        var parser = XMLPullParser(maximumTokenLength: 1024)
        var events: [String] = []
        func drain() throws {
            while let event = try parser.next() {
                switch event {
                case .startElement:
                    var text = "<"
                    for name: StaticString in ["a", "b", "c", "r"] where parser.hasLocalName(name) { text += "\(name)" }
                    for attribute in attributes {
                        if let value = try parser.attribute(attribute) { text += " \(attribute)=\(value)" }
                    }
                    events.append(text + ">")
                case .endElement: events.append("</>")
                case .text: events.append("\"" + (try parser.string(try parser.textBytes())) + "\"")
                }
            }
        }
        let bytes = Array(xml.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            parser.append(Array(bytes[start..<end]))
            try drain()
            start = end
        }
        parser.finish()
        try drain()
        return events
    }

    static let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> -->
        <a xmlns:x="urn:x" r='1' c = "two words"><x:c r="F12"/><b>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#x1F600;</b>\
        <![CDATA[<raw> & text]]><c>line1\r\nline2\rline3</c></a>
        """

    @Test("Elements, attributes, entities, references, CDATA, comments and prefixes, however the input is cut", arguments: [1, 2, 3, 7, 64, 4096])
    func document(chunkSize: Int) throws {
        let events = try Self.events(Self.document, chunkSize: chunkSize, attributes: ["r", "c"])
        #expect(events == [
            "\"\n\"", "\"\n\"", "<a r=1 c=two words>", "<c r=F12>", "</>", "<b>", "\"<&>\"'AB😀\"", "</>", "\"<raw> & text\"",
            "<c>", "\"line1\nline2\nline3\"", "</>", "</>",
        ])
    }

    @Test("Attribute values have white space normalised")
    func attributeWhitespace() throws {
        #expect(try Self.events("<a r=\"x\ty\r\nz&#10;\"/>", attributes: ["r"]) == ["<a r=x y z\n>", "</>"])
    }

    @Test(
        "Malformed XML is refused with the right error",
        arguments: [
            ("<a></b>", XMLError.Kind.mismatchedEndTag),
            ("<a>", .unexpectedEnd),
            ("<a", .unexpectedEnd),
            ("</a>", .mismatchedEndTag),
            ("<a>&bogus;</a>", .unknownEntity),
            ("<a>&#0;</a>", .invalidCharacterReference),
            ("<a>&#xD800;</a>", .invalidCharacterReference),
            ("<a>&#x110000;</a>", .invalidCharacterReference),
            ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", .documentTypeDeclaration),
            ("<a b=c/>", .malformed("an attribute value without quotes")),
            ("<a b/>", .malformed("an attribute without '=' and a value")),
            ("<a b='<'/>", .malformed("a '<' inside an attribute value")),
            ("<a b='1'c='2'/>", .malformed("attributes not separated by white space")),
            ("<>", .malformed("a '<' that starts no tag")),
            ("<!x>", .malformed("'<!' that starts neither a comment nor a CDATA section")),
            ("<a>\u{FF}</a>", .invalidUTF8),
        ] as [(String, XMLError.Kind)]
    )
    func malformed(xml: String, kind: XMLError.Kind) throws {
        var bytes = Array(xml.utf8)
        if xml.contains("\u{FF}") { bytes = [0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E] }
        #expect(throws: XMLError.self) {
            var parser = XMLPullParser()
            parser.append(bytes)
            parser.finish()
            while let event = try parser.next() {
                if event == .text { _ = try parser.string(try parser.textBytes()) }
            }
        }
        do {
            var parser = XMLPullParser()
            parser.append(bytes)
            parser.finish()
            while let event = try parser.next() {
                if event == .text { _ = try parser.string(try parser.textBytes()) }
            }
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test("Deep nesting and long tokens are refused at their limits")
    func limits() {
        #expect(throws: XMLError(kind: .tooDeep(limit: 256), byteOffset: 768)) {
            var parser = XMLPullParser()
            parser.append(Array(String(repeating: "<a>", count: 300).utf8))
            while try parser.next() != nil {}
        }
        #expect(throws: XMLError(kind: .tokenTooLong(limit: 1024), byteOffset: 3)) {
            var parser = XMLPullParser(maximumTokenLength: 1024)
            parser.append(Array("<a>".utf8))
            for _ in 0..<10 {
                parser.append([UInt8](repeating: UInt8(ascii: "x"), count: 500))
                while try parser.next() != nil {}
            }
        }
    }
}

/// Inputs the workbook fuzz target found (`Fuzz/workbook/regressions/`), each failing before its fix.
@Suite("XML pull parser fuzz regressions")
struct XMLPullParserRegressionTests {
    static func outcome(_ bytes: [UInt8], chunkSize: Int) -> XMLError.Kind? {
        var parser = XMLPullParser(maximumTokenLength: 4096, maximumDepth: 64)
        do {
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunkSize)
                parser.append(Array(bytes[start..<end]))
                while try parser.next() != nil {}
                start = end
            }
            parser.finish()
            while try parser.next() != nil {}
            return nil
        } catch {
            return error.kind
        }
    }

    /// A processing instruction `<?xml vers…` longer than the token limit and never closed: fed whole it
    /// was "ends inside a tag", fed a byte at a time "token too long". Now a token over the limit is
    /// refused as too long however the input is cut, complete or not.
    @Test("A long unclosed token gives the same error however the input is cut")
    func tokenLimitDoesNotDependOnChunks() throws {
        let input = try TestResources.bytes("../../../Fuzz/workbook/regressions/xml-token-limit-depends-on-chunking.bin")
        let document = Array(input.dropFirst())
        #expect(Self.outcome(document, chunkSize: document.count) == .tokenTooLong(limit: 4096))
        #expect(Self.outcome(document, chunkSize: 1) == .tokenTooLong(limit: 4096))
        let longText = Array("<a>".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5000) + Array("</a>".utf8)
        #expect(Self.outcome(longText, chunkSize: longText.count) == .tokenTooLong(limit: 4096))
        #expect(Self.outcome(longText, chunkSize: 7) == .tokenTooLong(limit: 4096))
    }

    /// A tag whose attribute value holds a `<` and whose closing quote comes only after the token limit:
    /// fed whole it was "a '<' inside an attribute value", fed in chunks of 11 bytes "token too long"
    /// (the value's `<` was looked for only once the closing quote had arrived). Now a start tag is read
    /// only within the limit, and a `<` in a value is found before its quote arrives.
    @Test("A '<' in an attribute value gives the same error however the input is cut")
    func attributeLessThanDoesNotDependOnChunks() throws {
        let input = try TestResources.bytes("../../../Fuzz/workbook/regressions/xml-attribute-lt-versus-token-limit.bin")
        let document = Array(input.dropFirst())
        let whole = Self.outcome(document, chunkSize: document.count)
        #expect(whole == .malformed("a '<' inside an attribute value"))
        for chunkSize in [1, 11, 64, 4096] {
            #expect(Self.outcome(document, chunkSize: chunkSize) == whole, "chunks of \(chunkSize)")
        }
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
        let cases: [(bytes: [UInt8], expected: XMLError.Kind?)] = [
            (Array("<a b=\"x<y\">".utf8), .malformed("a '<' inside an attribute value")),
            (Array("<a b=\"x<y".utf8), .malformed("a '<' inside an attribute value")),
            (Array("<a b=\"".utf8) + filler + Array("<\"/>".utf8), .tokenTooLong(limit: 4096)),
            (Array("<a b=\"".utf8) + filler + Array("\"/>".utf8), .tokenTooLong(limit: 4096)),
            (Array("<a".utf8) + filler + Array("/>".utf8), .tokenTooLong(limit: 4096)),
            (Array("<a b=\"".utf8) + filler.prefix(4080) + Array("\"/>".utf8), nil),
        ]
        for (bytes, expected) in cases {
            for chunkSize in [1, 7, 11, 4096, bytes.count] {
                #expect(Self.outcome(bytes, chunkSize: chunkSize) == expected, "\(bytes.count) bytes in chunks of \(chunkSize)")
            }
        }
    }
}
