// libFuzzer target for the strict JSON reader and the spec loader. The whole input is the document.
// Built with FuzzSupport.swift against the library (@testable import); see Fuzz/README.md.

@testable import CaseSampling

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    fuzzJSON(bytes)
    fuzzSpec(bytes)
    return 0
}

// MARK: - JSONValue.parse

func fuzzJSON(_ bytes: [UInt8]) {
    let value: JSONValue
    do throws(JSONParseError) {
        value = try JSONValue.parse(bytes)
    } catch {
        note("json: \(error)")
        check("json.error.line", error.line >= 1, error.description)
        check("json.error.column", error.column >= 1, error.description)
        check("json.error.path", error.path.hasPrefix("$"), error.description)
        check("json.error.message", !error.message.isEmpty, error.description)
        return
    }
    note("json: parsed, depth \(depth(of: value))")
    check("json.depth", depth(of: value) <= JSONValue.maximumDepth + 1, "depth \(depth(of: value))")
    // Doubles that are not finite or reach 2^63 have no text; writing them stops the program by design.
    guard isWritable(value) else { return }
    for indent in [0, 2] {
        let text = value.serializedBytes(indent: indent)
        let again: JSONValue
        do throws(JSONParseError) {
            again = try JSONValue.parse(text)
        } catch {
            check("json.roundTrip.parses", false, "indent \(indent): \(error) in \(String(decoding: text, as: UTF8.self))")
            return
        }
        check("json.roundTrip.value", nearlyEqual(value, again), "indent \(indent): \(String(decoding: text, as: UTF8.self))")
        // Reading the text back and writing it again gives the same text.
        check("json.roundTrip.text", again.serializedBytes(indent: indent) == text, "indent \(indent)")
        check("json.indentSameValue", indent == 0 || again == (try? JSONValue.parse(value.serializedBytes(indent: 0))),
              "indent 0 and 2 read back differently")
    }
}

func depth(of value: JSONValue) -> Int {
    switch value {
    case .array(let elements): 1 + (elements.map(depth).max() ?? 0)
    case .object(let members): 1 + (members.map { depth(of: $0.1) }.max() ?? 0)
    default: 0
    }
}

/// Equal, with strings compared byte for byte and doubles allowed the writer's six-decimal rounding.
func nearlyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)):
        return (x - y).magnitude <= 0.5e-6 + x.magnitude.ulp * 2
    case (.string(let x), .string(let y)):
        return Array(x.utf8) == Array(y.utf8)
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy(nearlyEqual)
    case (.object(let x), .object(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { Array($0.0.utf8) == Array($1.0.utf8) && nearlyEqual($0.1, $1.1) }
    default:
        return a == b
    }
}

// MARK: - SampleSpec.load

func fuzzSpec(_ bytes: [UInt8]) {
    let spec: SampleSpec
    do throws(SpecError) {
        spec = try SampleSpec.load(bytes: bytes, file: "fuzz.json")
    } catch {
        note("spec: \(error)")
        check("spec.error.file", error.file == "fuzz.json")
        check("spec.error.path", error.path.hasPrefix("$"), error.description)
        check("spec.error.message", !error.message.isEmpty, error.description)
        return
    }
    note("spec: loaded \(spec.name) with \(spec.columns.count) columns, \(spec.rules.count) rules")
    // What loading promises about a spec it accepts.
    check("spec.oneCaseReference", spec.columns.filter { $0.kind == .caseReference }.count == 1)
    check("spec.caseReferenceRole", spec.caseReferenceRole != nil)
    check("spec.rolesUnique", Set(spec.columns.map(\.role)).count == spec.columns.count)
    check("spec.aliases", spec.columns.allSatisfy { !$0.aliases.isEmpty && !$0.role.isEmpty })
    check("spec.schemesExist", spec.columns.allSatisfy { $0.scheme.map { spec.schemes[$0] != nil } ?? true })
    check("spec.stratificationDeclared", spec.stratification.allSatisfy { spec.column($0) != nil }, "\(spec.stratification)")
    check("spec.unitsDeclared", spec.column(spec.tier1Unit) != nil && spec.column(spec.tier2Unit) != nil)
    check("spec.officerDeclared", spec.responsibleOfficer.map { spec.column($0) != nil } ?? true)
    check("spec.version", spec.version >= 1 && spec.version <= SampleSpec.supportedVersion)
    check("spec.columnRequests", spec.columnRequests.count == spec.columns.count)
    // A size the loader accepts can be computed or is rejected with an error, never a trap.
    if case .marginOfError(let margin, let confidence, let proportion) = spec.size {
        for population in [nil, 1, 7, 1000, Int.max] as [Int?] {
            _ = try? SampleSizeCalculation.compute(population: population, margin: margin, confidence: confidence, proportion: proportion)
        }
    }
}
