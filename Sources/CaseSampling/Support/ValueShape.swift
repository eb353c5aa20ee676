/// A description of a value's shape that says nothing of its content, for messages about values
/// that may be personal data: `a value of 5 letters`, `a number of 8 digits`, `a date-like value`.
///
/// ```swift
/// ValueShape.describe("Smith")       // "a value of 5 letters"
/// ValueShape.describe("27/10/1999")  // "a date-like value (10 characters)"
/// ```
enum ValueShape {
    static func describe(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        let count = scalars.count
        let characters = "\(count) character\(count == 1 ? "" : "s")"
        guard count > 0 else { return "an empty value" }
        let digits = scalars.filter { ("0"..."9").contains($0) }.count
        let letters = scalars.filter { $0.properties.isAlphabetic }.count
        let separators = scalars.filter { "/-.".unicodeScalars.contains($0) }.count
        if digits == count { return "a number of \(count) digit\(count == 1 ? "" : "s")" }
        if letters == count { return "a value of \(count) letter\(count == 1 ? "" : "s")" }
        if digits + separators == count && separators >= 2 && digits >= 4 { return "a date-like value (\(characters))" }
        if letters + scalars.filter({ $0 == " " }).count == count { return "a value of \(count) letters and spaces" }
        return "a value of \(characters)"
    }
}
