/// The order of unit names in the units summary: ignoring case, digit runs compared as numbers, blank
/// names last, and ties kept in their given order.
///
/// `["team 10", "Team 2", "", "Brighton", "team 2"]` sorts to `["Brighton", "Team 2", "team 2",
/// "team 10", ""]`: people number teams, and `Team 10` after `Team 9` is what they expect.
enum UnitName {
    /// `items` sorted by the names `name` gives, stably.
    static func sorted<Item>(_ items: [Item], by name: (Item) -> String) -> [Item] {
        let keys = items.map { key(name($0)) }
        return items.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a].lexicographicallyPrecedes(keys[b], by: Part.precedes) }
            return a < b
        }.map { items[$0] }
    }

    /// A name as parts to compare: runs of digits as numbers, other runs lowercased; a blank name gets
    /// one part that sorts after every other.
    static func key(_ name: String) -> [Part] {
        guard !name.isEmpty else { return [.blank] }
        var parts: [Part] = []
        var run = ""
        var runIsDigits = false
        for character in name.lowercased() {
            let isDigit = character.isASCII && character.isNumber
            if !run.isEmpty && isDigit != runIsDigits {
                parts.append(Part(run, isDigits: runIsDigits))
                run = ""
            }
            run.append(character)
            runIsDigits = isDigit
        }
        parts.append(Part(run, isDigits: runIsDigits))
        return parts
    }

    enum Part: Equatable {
        /// Digits with leading zeros dropped, so that the longer is the larger.
        case number(String)
        case text(String)
        case blank

        init(_ run: String, isDigits: Bool) {
            self = isDigits ? .number(String(run.drop { $0 == "0" })) : .text(run)
        }

        static func precedes(_ a: Part, _ b: Part) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)):
                return x.count != y.count ? x.count < y.count : x < y
            case (.number, .text), (.number, .blank), (.text, .blank):
                return true
            case (.text(let x), .text(let y)):
                return x < y
            default:
                return false
            }
        }
    }
}
