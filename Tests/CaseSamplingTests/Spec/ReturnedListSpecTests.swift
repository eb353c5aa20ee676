import Foundation
import Testing
@testable import CaseSampling

/// The spec's `returnedList` object and how an exclusion cell names a reason.
@Suite struct ReturnedListSpecTests {
    @Test func specWithoutReturnedList_getsTheStandardOne() throws {
        let spec = try SampleSpec.load(bytes: Array(SpecLoadingTests.minimal.utf8), file: "t.json")
        #expect(spec.returnedList == .standard)
        #expect(spec.exclusionReasons == [ReturnedListSpec.officerUnavailable])
    }

    @Test func domainTwo_namesItsColumnsAndReasons() throws {
        let spec = try Examples.domainTwo()
        #expect(spec.returnedList.exclusionAliases.contains("Exclusion reason"))
        #expect(spec.returnedList.availabilityAliases.contains("RO available"))
        #expect(spec.returnedList.unavailableValues.contains("Unavailable"))
        #expect(spec.exclusionReasons.map(\.code) == spec.rules.map(\.code) + ["officer-unavailable"])
    }

    @Test(arguments: [
        ("yot-held", "yot-held"), ("YOT held", "yot-held"), ("  Held by a YOT ", "yot-held"), ("HELD BY A YOT.", "yot-held"),
        ("yot-held: Held by a YOT", "yot-held"), ("yot-held: anything after the colon", "yot-held"),
        ("SFO review", "sfo-review"), ("Limited-access case", "limited-access"), ("limited access", "limited-access"),
        ("RO unavailable", nil), ("officer-unavailable", "officer-unavailable"), ("Y", nil), ("", nil), ("-", nil),
    ] as [(String, String?)])
    func exclusionCell_namesAReason_byCodeOrText(cell: String, code: String?) throws {
        #expect(try Examples.domainTwo().exclusionReason(named: cell)?.code == code)
    }

    static func load(_ returnedList: String) throws -> SampleSpec {
        let text = SpecLoadingTests.minimal.replacingOccurrences(of: "\"stratification\"", with: "\"returnedList\": \(returnedList), \"stratification\"")
        return try SampleSpec.load(bytes: Array(text.utf8), file: "t.json")
    }

    @Test func returnedList_replacesWhatItGives_andKeepsTheRest() throws {
        let spec = try Self.load(#"{"exclusion": {"aliases": ["Excl"]}, "availability": {"unavailable": ["Away"]}, "reasons": [{"code": "moved", "reason": "Moved away"}]}"#)
        #expect(spec.returnedList.exclusionAliases == ["Excl"])
        #expect(spec.returnedList.availabilityAliases == ReturnedListSpec.standard.availabilityAliases)
        #expect(spec.returnedList.unavailableValues == ["Away"])
        #expect(spec.exclusionReasons == [ExclusionReasonText(code: "moved", text: "Moved away")])
        #expect(spec.officerUnavailableReason == ReturnedListSpec.officerUnavailable)
    }

    @Test(arguments: [
        (#"{"exclusions": {}}"#, "$.returnedList.exclusions", "did you mean \"exclusion\"?"),
        (#"{"exclusion": {"aliases": []}}"#, "$.returnedList.exclusion.aliases", "give at least one header name"),
        (#"{"exclusion": {"aliases": ["CRN"]}}"#, "$.returnedList.exclusion.aliases", "already names the ref column"),
        (#"{"availability": {"aliases": ["Exclusion"]}}"#, "$.returnedList.availability.aliases", "already names the exclusion column"),
        (#"{"availability": {"available": ["Y"], "unavailable": ["N", "y "]}}"#, "$.returnedList.availability.unavailable", "also listed as meaning available"),
        (#"{"reasons": [{"code": "a", "reason": "A"}, {"code": "A", "reason": "B"}]}"#, "$.returnedList.reasons[1]", "could be mistaken for the reason \"a\""),
        (#"{"reasons": [{"code": "a"}]}"#, "$.returnedList.reasons[0]", "missing required key \"reason\""),
        (#"[]"#, "$.returnedList", "expected an object"),
    ])
    func brokenReturnedList_namesThePath(object: String, path: String, message: String) throws {
        let error = #expect(throws: SpecError.self) { try Self.load(object) }
        #expect(error?.path == path, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }
}
