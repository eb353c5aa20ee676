// Writing uses only integer arithmetic and byte appends, never a Foundation formatter or a `description`
// whose output could change between toolchains, so a document's bytes depend on the document alone.

extension JSONValue {
    /// Fraction digits written for a ``double(_:)``.
    public static let fractionDigits = 6

    /// The document as JSON text, ending with a newline.
    ///
    /// With `indent` greater than zero each element and member goes on its own line, indented by that
    /// many spaces per level, with `": "` after keys; empty containers are written `[]` and `{}`. With
    /// `indent` zero the text is on one line without spaces (`{"a":[1,2]}`), as JSON Lines expects.
    /// Keys keep their order.
    ///
    /// Strings are escaped as RFC 8259 section 7 requires: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and
    /// other control characters below U+0020 as `\u00XX` with lowercase hex. DEL and the C1 controls
    /// (U+007F to U+009F), which RFC 8259 allows raw, are escaped the same way, so that the text is safe
    /// to show on a terminal as it is. Everything else, `/` and non-ASCII text included, is written as
    /// UTF-8.
    ///
    /// A double is written in fixed point with six decimals, computed with integer arithmetic: the
    /// fraction times 10⁶ is rounded to the nearest integer (ties away from zero), carrying into the whole
    /// part at 10⁶; trailing zeros are dropped but one digit always stays, so the text reads back as a
    /// double: `0.1`, `1.0`, `-2.5`, `123456.789`. Anything that rounds to zero, `-0.0` and `2.5e-7`
    /// included, is written `0.0`. Reading the text back and writing it again gives the same text. NaN,
    /// infinities and magnitudes from 2⁶³ have no such text and stop the program: they are programming
    /// errors in the caller, and writing `null` would hide them in a report.
    ///
    /// - Parameter indent: spaces per level; 0 for one line.
    /// - Complexity: O(*n*) in the size of the output.
    public func serialized(indent: Int = 2) -> String {
        String(decoding: serializedBytes(indent: indent), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``serialized(indent:)``, ready to write to a file.
    public func serializedBytes(indent: Int = 2) -> [UInt8] {
        precondition(indent >= 0, "indent must not be negative")
        var writer = JSONWriter(indent: indent)
        writer.write(self, depth: 0)
        writer.output.append(UInt8(ascii: "\n"))
        return writer.output
    }
}

/// Appends a document's bytes; one value per call, recursing into containers.
private struct JSONWriter {
    /// 10 to the power ``JSONValue/fractionDigits``.
    private static let scale: UInt64 = 1_000_000
    private static let hexDigits = Array("0123456789abcdef".utf8)

    let indent: Int
    var output: [UInt8] = []

    init(indent: Int) {
        self.indent = indent
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number):
            if number < 0 { output.append(UInt8(ascii: "-")) }
            writeDigits(of: UInt64(number.magnitude))
        case .double(let number):
            writeFixedPoint(number)
        case .string(let text):
            writeString(text)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeLineBreak(depth: depth + 1)
                write(element, depth: depth + 1)
            }
            writeLineBreak(depth: depth)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            output.append(UInt8(ascii: "{"))
            for (index, (key, member)) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeLineBreak(depth: depth + 1)
                writeString(key)
                output.append(UInt8(ascii: ":"))
                if indent > 0 { output.append(UInt8(ascii: " ")) }
                write(member, depth: depth + 1)
            }
            writeLineBreak(depth: depth)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeLineBreak(depth: Int) {
        guard indent > 0 else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }

    private mutating func writeDigits(of number: UInt64) {
        var digits: [UInt8] = []
        var rest = number
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        output.append(contentsOf: digits.reversed())
    }

    /// Writes `number` rounded to ``JSONValue/fractionDigits`` decimals, as the serializer documents.
    ///
    /// The whole part and the fraction are scaled separately: `number - whole` is exact in binary, and
    /// the fraction times 10⁶ stays below 10⁶, so the product is off by at most about 10⁻¹⁰. Scaling the
    /// whole number instead would lose the last digit above 2⁵² / 10⁶ ≈ 4.5 × 10⁹, where the product's
    /// spacing reaches 0.5, and its text would then change after one round trip through ``JSONValue/parse(_:)``.
    private mutating func writeFixedPoint(_ number: Double) {
        precondition(number.isFinite, "JSON has no text for NaN or infinity")
        precondition(number.magnitude < 0x1p63, "a double written to JSON must be smaller than 2^63")
        let wholePart = number.magnitude.rounded(.towardZero)
        var whole = UInt64(wholePart)
        let scaledFraction = (number.magnitude - wholePart) * Double(Self.scale)
        var fraction = UInt64(scaledFraction.rounded(.toNearestOrAwayFromZero))
        if fraction == Self.scale {
            whole += 1
            fraction = 0
        }
        if number < 0, whole != 0 || fraction != 0 { output.append(UInt8(ascii: "-")) }
        writeDigits(of: whole)
        output.append(UInt8(ascii: "."))
        var width = JSONValue.fractionDigits
        while width > 1, fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        for position in digits.indices.reversed() {
            digits[position] += UInt8(fraction % 10)
            fraction /= 10
        }
        output.append(contentsOf: digits)
    }

    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var afterC2 = false  // the previous byte was 0xC2, the lead byte of U+0080 to U+00BF
        for byte in text.utf8 {
            if afterC2 {
                afterC2 = false
                if byte < 0xA0 {  // a C1 control, U+0080 to U+009F
                    output.append(contentsOf: #"\u00"#.utf8)
                    output.append(Self.hexDigits[Int(byte >> 4)])
                    output.append(Self.hexDigits[Int(byte & 0x0F)])
                } else {
                    output.append(0xC2)
                    output.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0xC2:
                afterC2 = true
            case 0x00..<0x20, 0x7F:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(Self.hexDigits[Int(byte >> 4)])
                output.append(Self.hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
