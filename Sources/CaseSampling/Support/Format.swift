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
    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// A number with two decimals.
    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

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
}
