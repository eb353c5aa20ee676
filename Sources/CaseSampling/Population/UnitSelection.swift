import NearMatch

/// The units a sample is drawn from, as the lead inspector names them (manual 4.4, options i–iii).
///
/// Each entry is `tier-1/tier-2` (one team), `tier-1/*` or a bare tier-1 name (every team of that
/// tier-1 unit). Names match ignoring case and surrounding spaces, so `north / team 3` is
/// `North/Team 3`. Entries are matched against whole unit names first, so names that themselves
/// hold a `/` still work.
public struct UnitSelection: Sendable, Equatable {
    /// The entries as given, in order.
    public var entries: [String]
    /// Whether the entries came from splitting a list at commas, so that neighbouring entries may be
    /// one unit name that holds a comma (`East/Barking, Dagenham & Havering`).
    public var splitAtCommas: Bool

    public init(entries: [String]) {
        self.entries = entries
        splitAtCommas = false
    }

    /// Entries from a comma-separated list, as `--units` takes them; blank entries are skipped. A
    /// unit name holding a comma is still found: the longest run of neighbouring entries that joins
    /// into a unit name is taken first.
    public init(commaSeparated text: String) {
        entries = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        splitAtCommas = true
    }

    /// Entries from a file's text, one per line, as `--units-file` takes them; blank lines and lines
    /// starting with `#` are skipped.
    public init(lines text: String) {
        entries = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { String($0).trimmingSpaces() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        splitAtCommas = false
    }

    /// Indices into `units` of the selected units, in ascending order, and the entries as matched
    /// (comma-split entries rejoined where they form one name).
    ///
    /// - Throws: ``UnitSelectionError`` naming every entry that matches no unit, with near misses.
    public func resolve(in units: [Unit]) throws(UnitSelectionError) -> (units: [Int], entries: [String]) {
        /// Case folded, spaces trimmed around each `/` and each `,` part.
        func key(_ s: String) -> String {
            s.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.split(separator: ",", omittingEmptySubsequences: false).map { ValueMatching.key(String($0)) }.joined(separator: ",")
            }.joined(separator: "/")
        }
        let fullNames = units.map { key($0.name) }
        let tier1Names = units.map { ValueMatching.key($0.tier1) }
        func matches(_ entry: String) -> [Int] {
            let k = key(entry)
            let whole = units.indices.filter { fullNames[$0] == k }
            if !whole.isEmpty { return whole }
            let tier1 = k.hasSuffix("/*") ? String(k.dropLast(2)) : k
            return units.indices.filter { tier1Names[$0] == tier1 }
        }
        let maxCommas = units.map { $0.name.filter { $0 == "," }.count }.max() ?? 0
        var selected = Set<Int>()
        var unknown: [UnitSelectionError.Unknown] = []
        var matchedEntries: [String] = []
        var index = entries.startIndex
        while index < entries.endIndex {
            var entry = entries[index]
            var matched: [Int] = []
            var last = index
            // A name holding commas spans at most (its commas + 1) entries; the longest match wins.
            let longest = splitAtCommas ? min(entries.endIndex - 1, index + maxCommas) : index
            for end in stride(from: longest, through: index, by: -1) {
                let joined = entries[index...end].joined(separator: ", ")
                let found = matches(joined)
                if !found.isEmpty {
                    (entry, matched, last) = (joined, found, end)
                    break
                }
            }
            index = last + 1
            matchedEntries.append(entry)
            if matched.isEmpty {
                let candidates = Array(Set(units.map(\.name) + units.map { "\($0.tier1)/*" })).sorted()
                unknown.append(.init(entry: entry, nearMisses: EditDistance.nearMisses(to: entry, among: candidates)))
            }
            selected.formUnion(matched)
        }
        guard unknown.isEmpty else { throw UnitSelectionError(unknown: unknown, validNames: units.map(\.name).sorted()) }
        return (selected.sorted(), matchedEntries)
    }
}

/// Unit names that match no unit of the long list.
public struct UnitSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Unknown: Sendable, Equatable {
        public var entry: String
        public var nearMisses: [String]
    }

    public var unknown: [Unknown]
    /// Every unit of the long list, `tier-1/tier-2`, sorted.
    public var validNames: [String]

    public var description: String {
        var lines = unknown.map { u in
            "no unit \"\(u.entry)\" in the long list" + (u.nearMisses.isEmpty ? "" : "; did you mean \(u.nearMisses.map { "\"\($0)\"" }.joined(separator: " or "))?")
        }
        let shown = validNames.prefix(40).joined(separator: ", ")
        lines.append("the units are (tier-1/tier-2; tier-1/* for all teams of a tier-1 unit): \(shown)"
            + (validNames.count > 40 ? ", … and \(validNames.count - 40) more ('casesample units' lists them all)" : ""))
        return lines.joined(separator: "\n")
    }
}
