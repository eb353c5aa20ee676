import Foundation
@testable import CaseSampling

/// What an inspected organisation does to the provisional list before sending it back (manual 4.4,
/// stage 3), as a spreadsheet user would: add an exclusion column and an availability column next to
/// the case reference, fill them in for some cases, add a comments column, sort by surname, optionally
/// paste the substitutes below, and save as Excel's plain "CSV (Comma delimited)": Windows-1252 (a
/// character it lacks becomes `?`), CRLF, no byte order mark.
struct OrganisationEdit {
    /// Case reference → text typed in the exclusion column.
    var exclusions: [String: String] = [:]
    /// Case reference → text typed in the availability column; others get `Y`, or blank for every
    /// seventh row.
    var availability: [String: String] = [:]
    /// Case reference → comment.
    var comments: [String: String] = [:]
    /// Also return the substitutes' rows.
    var includesSubstitutes = false
    /// Case references left out of the returned list.
    var leftOut: Set<String> = []
    /// Rows added: copies of the first provisional row with these case references.
    var addedReferences: [String] = []
    var exclusionHeader = "Exclusion reason"
    var availabilityHeader = "RO available"
    var delimiter: Character = ","
    var windows1252 = true

    /// The returned list for the draw in `drawDirectory`.
    func returnedBytes(drawDirectory: String) throws -> [UInt8] {
        let provisional = try CSVRecords.parse(readBytes(drawDirectory + "/provisional.csv"), file: "provisional.csv")
        let substitutes = try CSVRecords.parse(readBytes(drawDirectory + "/substitutes.csv"), file: "substitutes.csv")
        let header = provisional[0].fields
        let width = header.count  // original columns and Stratum
        let crn = header.firstIndex(of: "CRN")!, surname = header.firstIndex(of: "Surname")!, forename = header.firstIndex(of: "Forename")!
        var rows = provisional.dropFirst().map(\.fields)
        if includesSubstitutes { rows += substitutes.dropFirst().map { Array($0.fields.prefix(width)) } }
        rows = rows.filter { !leftOut.contains($0[crn]) }
        for reference in addedReferences {
            var copy = rows[0]
            copy[crn] = reference
            rows.append(copy)
        }
        rows.sort { ($0[surname], $0[forename], $0[crn]) < ($1[surname], $1[forename], $1[crn]) }

        var lines: [[String]] = [[header[crn], exclusionHeader, availabilityHeader] + header.indices.filter { $0 != crn }.map { header[$0] } + ["Comments"]]
        for (index, row) in rows.enumerated() {
            let reference = row[crn]
            let available = availability[reference] ?? (index % 7 == 6 ? "" : "Y")
            lines.append([reference, exclusions[reference] ?? "", available] + row.indices.filter { $0 != crn }.map { row[$0] }
                         + [comments[reference] ?? ""])
        }
        let text = lines.map { $0.map(quoted).joined(separator: String(delimiter)) + "\r\n" }.joined()
        return windows1252 ? Self.windows1252(text) : Array(text.utf8)
    }

    private func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Windows-1252 bytes, `?` for a character it cannot hold.
    static func windows1252(_ text: String) -> [UInt8] {
        var reverse: [UInt32: UInt8] = [:]
        for (offset, scalar) in Windows1252.highControlRange.enumerated() where scalar != 0 { reverse[scalar] = UInt8(0x80 + offset) }
        return text.unicodeScalars.map { scalar in
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
            return reverse[scalar.value] ?? UInt8(ascii: "?")
        }
    }

    /// Case references of `provisional.csv` in file order.
    static func provisionalReferences(drawDirectory: String) throws -> [String] {
        try CSVRecords.parse(readBytes(drawDirectory + "/provisional.csv"), file: "provisional.csv").dropFirst().map { $0.fields[0] }
    }

    /// (substitute, for, rank) of `substitutes.csv` in file order.
    static func substitutes(drawDirectory: String) throws -> [(reference: String, forReference: String, rank: Int)] {
        try CSVRecords.parse(readBytes(drawDirectory + "/substitutes.csv"), file: "substitutes.csv").dropFirst().map { record in
            let f = record.fields
            return (f[0], f[f.count - 3], Int(f[f.count - 2])!)
        }
    }
}

extension OrganisationEdit {
    /// The edit behind `SampleSpecs/examples/returned.csv`, for the draw of the README
    /// (`casesample draw SampleSpecs/examples/long-list.csv --size 120 --seed 7`): six exclusions written
    /// six ways, two officers unavailable, the own substitutes of two of those cases marked too, the
    /// substitutes pasted below, sorted by surname, saved as Windows-1252.
    static func example(drawDirectory: String) throws -> OrganisationEdit {
        let provisional = try provisionalReferences(drawDirectory: drawDirectory)
        let substitutes = try substitutes(drawDirectory: drawDirectory)
        func ownSubstitute(_ index: Int) -> String { substitutes.first { $0.forReference == provisional[index] && $0.rank == 1 }!.reference }
        var edit = OrganisationEdit(includesSubstitutes: true)
        edit.exclusions = [
            provisional[3]: "Held by a YOT",
            provisional[17]: "transferred-out",
            provisional[29]: "SFO review",
            provisional[44]: "Limited-access case",
            provisional[58]: "  ESCALATED-FROM-CRC ",
            provisional[71]: "yot-held: Held by a YOT",
            ownSubstitute(3): "Transferred in from another division or CRC",
        ]
        edit.availability = [provisional[85]: "N", provisional[102]: "Unavailable", ownSubstitute(85): "No"]
        edit.comments = [
            provisional[3]: "Held by the YOT since May", provisional[85]: "Officer on long-term leave",
            provisional[102]: "Officer leaves in December", ownSubstitute(3): "Transferred in during October",
        ]
        return edit
    }
}
