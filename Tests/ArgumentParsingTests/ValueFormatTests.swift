import ArgumentParsing
import Testing

@Suite("Value formats")
struct ValueFormatTests {
    @Test func wholeNumber_acceptsDigitsWithinBounds() {
        let format = ValueFormat.wholeNumber(atLeast: 1, atMost: 9)
        #expect(format.expectation == "a whole number ≥ 1 and ≤ 9")
        #expect(format.accepts("1") && format.accepts("9") && format.accepts("+5"))
        for rejected in ["0", "10", "1.5", " 1", "", "one", "1e2"] {
            #expect(!format.accepts(rejected), "\(rejected)")
        }
        #expect(ValueFormat.wholeNumber().expectation == "a whole number")
        #expect(ValueFormat.wholeNumber().accepts("-3"))
    }

    @Test func number_respectsInclusiveAndExclusiveBounds() {
        let open = ValueFormat.number(greaterThan: 0, lessThan: 1)
        #expect(open.expectation == "a number > 0 and < 1")
        #expect(open.accepts("0.5") && open.accepts(".8") && !open.accepts("0") && !open.accepts("1"))

        let closed = ValueFormat.number(atLeast: 0, atMost: 1)
        #expect(closed.expectation == "a number ≥ 0 and ≤ 1")
        #expect(closed.accepts("0") && closed.accepts("1") && !closed.accepts("1.01"))

        #expect(ValueFormat.number(atLeast: 0.05).expectation == "a number ≥ 0.05")
        for rejected in ["nan", "inf", "-inf", "", "0,5", "half"] {
            #expect(!ValueFormat.number().accepts(rejected), "\(rejected)")
        }
    }

    @Test func oneOf_acceptsListedValuesExactly() {
        let format = ValueFormat.oneOf(["comma", "tab"])
        #expect(format.expectation == "one of comma, tab")
        #expect(format.allowedValues == ["comma", "tab"])
        #expect(format.accepts("tab") && !format.accepts("Tab") && !format.accepts("pipe"))
    }

    @Test func custom_usesItsPredicateAndExpectation() {
        let format = ValueFormat.custom("a single character") { $0.count == 1 }
        #expect(format.expectation == "a single character")
        #expect(format.allowedValues == nil)
        #expect(format.accepts("|") && !format.accepts("||"))
        #expect(ValueFormat.any.expectation == nil && ValueFormat.any.accepts(""))
    }
}
