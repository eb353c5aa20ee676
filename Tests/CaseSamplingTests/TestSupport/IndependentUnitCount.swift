import Foundation

/// A deliberately plain count of a domain-two long list by unit, sharing no code with the library: the
/// file is split into records by Swift `Character`s (so `\r\n` is one), the manual's exclusions are
/// written out by hand for the example's spellings, and the first matching reason wins, as the spec's
/// rule order says.
enum IndependentUnitCount {
    /// What the count finds for one unit: rows, rows per exclusion code, eligible, and eligible cases per
    /// `"role/category"` (such as `"rosh/veryHigh"`).
    struct Counts: Equatable {
        var rows = 0
        var excluded: [String: Int] = [:]
        var eligible = 0
        var mix: [String: Int] = [:]

        mutating func add(_ other: Counts) {
            rows += other.rows
            eligible += other.eligible
            excluded.merge(other.excluded, uniquingKeysWith: +)
            mix.merge(other.mix, uniquingKeysWith: +)
        }
    }

    /// The records of a comma-separated text: quoted fields may hold commas, doubled quotes and line breaks.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var previousWasQuote = false
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; previousWasQuote = true } else { field.append(character) }
                continue
            }
            switch character {
            case "\"":
                if previousWasQuote { field.append("\"") }
                quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\r\n", "\n", "\r":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default:
                field.append(character)
            }
            previousWasQuote = false
        }
        if !record.isEmpty || !field.isEmpty { records.append(record + [field]) }
        return records
    }

    /// Counts by (tier-1, tier-2) name, spaces trimmed, for the example's header and values.
    static func count(_ text: String) -> [String: [String: Counts]] {
        let all = records(text)
        let header = all[0]
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        let (tier1, tier2, gender, sentence, rosh, requirements) = (
            column("Tier1Unit"), column("Tier2Unit"), column("Gender"), column("SentenceType"), column("RoSH"),
            column("Requirements"))
        let flags = [("yot-held", "YOTHeld"), ("sfo-review", "SFOReview"), ("transferred-in", "TransferredIn"),
                     ("transferred-out", "TransferredOut"), ("escalated-from-crc", "EscalatedFromCRC"),
                     ("limited-access", "LimitedAccess")].map { ($0.0, column($0.1)) }
        let onlyExcluded: Set<String> = ["Unpaid Work", "Attendance Centre", "Exclusion", "Curfew"]
        var result: [String: [String: Counts]] = [:]
        for record in all.dropFirst() {
            let isCommunity = ["Community Order", "Suspended Sentence Order"].contains(record[sentence])
            let items = record[requirements].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var reason: String?
            if isCommunity && items.isEmpty {
                reason = "no-requirements"
            } else if isCommunity && items.allSatisfy(onlyExcluded.contains) {
                reason = "only-excluded-requirements"
            } else {
                reason = flags.first { record[$0.1] == "Y" }?.0
            }
            var counts = Counts(rows: 1)
            if let reason {
                counts.excluded[reason] = 1
            } else {
                counts.eligible = 1
                counts.mix["gender/" + record[gender].lowercased()] = 1
                counts.mix["sentenceType/" + (isCommunity ? "community" : "postCustody")] = 1
                counts.mix["rosh/" + ["Low": "low", "Medium": "medium", "High": "high", "Very High": "veryHigh"][record[rosh]]!] = 1
            }
            let t1 = record[tier1].trimmingCharacters(in: .whitespaces), t2 = record[tier2].trimmingCharacters(in: .whitespaces)
            result[t1, default: [:]][t2, default: Counts()].add(counts)
        }
        return result
    }
}
