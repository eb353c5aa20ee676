import Foundation
import Testing

/// No message, summary or JSON of any command quotes a value from the long list other than case
/// references, unit and officer names and the spec's own category values (issue 15): each bad file
/// here carries unique canary values in its personal columns, and no output may contain one.
@Suite struct PersonalDataCommandTests {
    static let header = "CRN,Surname,Forename,DateOfBirth,Gender,Tier1Unit,Tier2Unit,ResponsibleOfficer,SentenceType,SentenceDate,ReleaseDate,RoSH,Requirements,YOTHeld,SFOReview,TransferredIn,TransferredOut,EscalatedFromCRC,LimitedAccess\r\n"

    /// Canary values: a surname, a forename and a date of birth no real list holds.
    static func canaries(_ i: Int) -> (surname: String, forename: String, birth: String) {
        ("Qzxsur\(i)", "Qzxfor\(i)", String(format: "%02d/%02d/18%02d", 1 + i % 28, 1 + i % 12, 40 + i % 50))
    }

    static func row(_ i: Int, gender: String? = nil, rosh: String = "Medium") -> String {
        let c = canaries(i)
        return "X\(300000 + i),\(c.surname),\(c.forename),\(c.birth),\(gender ?? (i % 3 == 0 ? "Female" : "Male")),North,Team \(i % 3),PO Officer \(i % 4),Community Order,01/02/2026,,\(rosh),,N,N,N,N,N,N\r\n"
    }

    static func rows(_ count: Int) -> String { (0..<count).map { row($0) }.joined() }

    /// Every kind of bad file, by name.
    static let files: [(name: String, content: String)] = [
        ("no header", rows(30)),
        ("title row", "Caseload export Qzxsur999 31/12/1899\r\n" + header + rows(30)),
        ("swapped Surname and Gender", header.replacingOccurrences(of: "Surname", with: "TMP").replacingOccurrences(of: "Gender", with: "Surname").replacingOccurrences(of: "TMP", with: "Gender") + rows(30)),
        ("swapped RoSH and DateOfBirth", header.replacingOccurrences(of: "RoSH", with: "TMP").replacingOccurrences(of: "DateOfBirth", with: "RoSH").replacingOccurrences(of: "TMP", with: "DateOfBirth") + rows(30)),
        ("ragged row", header + rows(30) + "X399999,Qzxsur777,Qzxfor777,,01/01/1877,Male,North,Team 1,PO Officer 1,Licence,01/02/2026,,High,,N,N,N,N,N,N\r\n"),
        ("unknown gender", header + rows(30) + row(31, gender: "Qzxsur888")),
        ("unknown RoSH", header + rows(30) + row(32, rosh: "Qzxfor888")),
    ]

    @Test(arguments: files.map(\.name))
    func noCommandQuotesPersonalData(name: String) throws {
        let content = Self.files.first { $0.name == name }!.content
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("casesample-canary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let list = try DrawCommandTests.write(content, "list.csv", in: parent)
        let commands: [[String]] = [
            ["draw", list, "--size", "5", "--out", parent.appendingPathComponent("sample").path],
            ["draw", list, "--size", "5", "--out", parent.appendingPathComponent("sample-json").path, "--json"],
            ["inspect", list], ["inspect", list, "--json"], ["units", list], ["units", list, "--json"],
        ]
        for command in commands {
            let result = try ExecutableRunner.run(command)
            let output = result.standardOutput + result.standardError
            for canary in ["Qzxsur", "Qzxfor", "/18"] {
                #expect(!output.contains(canary), "\(name): \(command[0]) printed personal data:\n\(output)")
            }
        }
    }

    @Test func controlCharactersFromAFileAreEscaped() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("casesample-escape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let hostile = Self.header.replacingOccurrences(of: "LimitedAccess", with: "Limited\u{1B}]0;owned\u{07}Access") + Self.rows(10)
        let list = try DrawCommandTests.write(hostile, "list.csv", in: parent)
        let result = try ExecutableRunner.run(["inspect", list])
        let output = result.standardOutput + result.standardError
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(output)")
        #expect(output.contains("Limited\\x1b]0;owned\\x07Access"), "\(output)")
    }
}
