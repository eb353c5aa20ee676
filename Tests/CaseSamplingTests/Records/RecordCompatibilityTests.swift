import Foundation
import Testing
@testable import CaseSampling

/// Records written by casesample 0.1.0 (the untyped builder, before the records became Swift types)
/// load as the typed records, and encoding them again gives the same bytes.
@Suite struct RecordCompatibilityTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/records")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    @Test(arguments: ["draw-v0.1.json", "draw-units-v0.1.json"])
    func drawRecord_loadsAndWritesTheSameBytes(name: String) throws {
        let bytes = try Self.bytes(name)
        let record = try DrawRecord.load(bytes: bytes, file: name)
        #expect(record.serializedBytes() == bytes)
        #expect(record.draw.seed == (name.contains("units") ? DrawRequest.defaultSeed : 7))
        #expect(record.counts.rowsRead == record.counts.eligible + record.counts.excluded + record.counts.invalid)
        #expect(record.outputs.names == [OutputFiles.provisional, OutputFiles.substitutes, OutputFiles.excluded])
        #expect((record.officerLimit == nil) == !name.contains("units"))
        #expect((record.units.selectedCases == nil) == !name.contains("units"))
    }

    @Test func finalizeRecord_loadsAndWritesTheSameBytes() throws {
        let bytes = try Self.bytes("finalize-v0.1.json")
        let record = try FinalizeRecord.load(bytes: bytes, file: "finalize.json")
        #expect(record.serializedBytes() == bytes)
        #expect(record.fieldworkReplacements == 1)
        #expect(record.draw.officerLimit == nil)
        #expect(record.returned.encoding == "Windows-1252")
        #expect(record.replacements.count == 9)
        #expect(record.replacements.allSatisfy { (try? Replacement($0, file: "x")) != nil })
    }

    /// A record from before a member existed still loads: optional members may be absent.
    @Test func absentOptionalMembers_loadAsNil() throws {
        var document = try JSONValue.parse(Self.bytes("draw-v0.1.json"))
        guard case .object(var members) = document, case .object(var units)? = members.first(where: { $0.0 == "units" })?.1 else {
            Issue.record("not an object")
            return
        }
        units.removeAll { $0.0 == "requested" || $0.0 == "minimumPerUnit" }
        members = members.map { $0.0 == "units" ? ("units", .object(units)) : $0 }
        document = .object(members)
        let record = try DrawRecord.load(bytes: document.serializedBytes(), file: "draw.json")
        #expect(record.units.requested == nil && record.units.minimumPerUnit == nil)
    }

    /// A record with a member missing or of the wrong type is refused with the JSON path.
    @Test(arguments: [
        (#""seed": 7"#, #""seed": "7""#, "$.draw.seed: expected a whole number, found a string"),
        (#""rowsRead": 2000"#, #""rowsRead": 2000.5"#, "$.counts.rowsRead: expected a whole number, found a number with a fraction"),
        (#""algorithmVersion": 2,"#, "", "$.draw: missing required key \"algorithmVersion\""),
    ])
    func malformedRecord_isRefusedWithItsPath(find: String, replace: String, message: String) throws {
        let text = String(decoding: try Self.bytes("draw-v0.1.json"), as: UTF8.self)
        #expect(text.contains(find))
        let error = #expect(throws: RecordError.self) {
            try DrawRecord.load(bytes: Array(text.replacingOccurrences(of: find, with: replace).utf8), file: "draw.json")
        }
        #expect(error?.description == "draw.json: not a draw record: \(message)")
    }
}
