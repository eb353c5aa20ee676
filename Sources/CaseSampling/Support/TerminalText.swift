/// Text made safe to show on a terminal: control characters (C0 other than line feed and tab, DEL,
/// C1) are written as escapes (`\x1b`, `\u{9b}`), so that bytes from a file (a header holding an
/// escape sequence, a binary file read as text) cannot move the cursor, retitle the window or ring.
///
/// ```swift
/// TerminalText.escaped("Gender\u{1B}]0;owned\u{07}")  // "Gender\\x1b]0;owned\\x07"
/// ```
package enum TerminalText {
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += scalar.value < 0x80 ? "\\x" + hex(scalar.value, width: 2) : "\\u{" + hex(scalar.value, width: 2) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A && value != 0x09) || value == 0x7F || (0x80...0x9F).contains(value)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
