@testable import CaseSampling
import Testing

@Suite struct TextSafetyTests {
    @Test func terminalText_escapesEveryControlCharacterButLineFeedAndTab() {
        #expect(TerminalText.escaped("plain\ttext\n") == "plain\ttext\n")
        #expect(TerminalText.escaped("a\u{1B}[2Jb\u{07}") == "a\\x1b[2Jb\\x07")
        #expect(TerminalText.escaped("\u{00}\u{7F}\u{9B}\r") == "\\x00\\x7f\\u{9b}\\x0d")
        #expect(TerminalText.escaped("Café ünïcode") == "Café ünïcode")
    }

    @Test func valueShape_saysNothingOfTheContent() {
        #expect(ValueShape.describe("Smith") == "a value of 5 letters")
        #expect(ValueShape.describe("27/10/1999") == "a date-like value (10 characters)")
        #expect(ValueShape.describe("12345") == "a number of 5 digits")
        #expect(ValueShape.describe("Mary Ann") == "a value of 8 letters and spaces")
        #expect(ValueShape.describe("A1-b") == "a value of 4 characters")
        #expect(ValueShape.describe("") == "an empty value")
    }
}
