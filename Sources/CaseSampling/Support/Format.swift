/// Number formats shared by the text reports.
enum Format {
    /// A count with thousands separators: 1234567 → "1,234,567".
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A share as a percentage with one decimal: 0.1234 → "12.3%".
    static func percent(_ share: Double) -> String { fixed(100 * share, digits: 1) + "%" }

    /// A non-negative number with two decimals: 2.5 → "2.50".
    static func twoDecimals(_ x: Double) -> String { fixed(x, digits: 2) }

    /// A probability in (0, 1] with at least four decimals and three significant digits:
    /// 0.08 → "0.0800", 0.000129585 → "0.000130".
    static func probability(_ x: Double) -> String {
        var decimals = 4
        while decimals < 15 && x > 0 && x * pow10(decimals) < 100 { decimals += 1 }
        let scale = pow10(decimals)
        let units = Int((x * scale).rounded())
        let whole = Int(scale)
        let fraction = String(units % whole)
        return "\(units / whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

    /// A non-negative number with exactly `digits` decimals, rounded half away from zero, computed on the
    /// whole and fractional parts apart so that large values keep their digits.
    static func fixed(_ value: Double, digits: Int) -> String {
        precondition(value.isFinite && value >= 0 && value < 0x1p62, "fixed(_:digits:) formats sizes and shares only")
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        var whole = Int(value.rounded(.towardZero))
        var fraction = Int(((value - Double(whole)) * Double(scale)).rounded(.toNearestOrAwayFromZero))
        if fraction == scale {
            whole += 1
            fraction = 0
        }
        guard digits > 0 else { return String(whole) }
        let fractionText = String(fraction)
        return "\(whole).\(String(repeating: "0", count: digits - fractionText.count))\(fractionText)"
    }

    /// `value` to at most `digits` decimals, without trailing zeros: 0.05 → "0.05", 5.0 → "5".
    static func trimmed(_ value: Double, digits: Int) -> String {
        var text = fixed(value, digits: digits)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
