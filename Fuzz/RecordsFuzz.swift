// libFuzzer target for the record files a draw directory holds: `draw.json`, `finalize.json` and
// `spec.json` (the spec loader), as `finalize`, `replace` and `verify` read them back. The whole input
// is the document. Built with FuzzSupport.swift against the library (@testable import); see
// Fuzz/README.md.

@testable import CaseSampling

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let writable = (try? JSONValue.parse(bytes)).map(isWritable) ?? false
    fuzzRecord(DrawRecord.self, bytes, writable: writable)
    fuzzRecord(FinalizeRecord.self, bytes, writable: writable)
    fuzzSpecLoading(bytes)
    return 0
}

/// Loading never traps; an error names the file and says what is wrong; a record loaded is written
/// back to bytes that load as the same record (after that first writing, which rounds doubles to six
/// decimals), and writing that again gives the same bytes.
func fuzzRecord<Record: RecordFile & Equatable>(_ type: Record.Type, _ bytes: [UInt8], writable: Bool) {
    let name = String(describing: type)
    let record: Record
    do throws(RecordError) {
        record = try Record.load(bytes: bytes, file: "fuzz.json")
    } catch {
        note("\(name): \(error)")
        check("record.error.file", error.file == "fuzz.json", error.description)
        check("record.error.message", !error.message.isEmpty, error.description)
        return
    }
    note("\(name): loaded")
    // The checks finalize, replace and verify make first never trap, whatever the record holds.
    switch record {
    case let draw as DrawRecord: note("\(name): \(draw.consistencyProblems.count) problems")
    case let final as FinalizeRecord: note("\(name): \(final.consistencyProblems.count) problems")
    default: break
    }
    // A record holding a double with no text (only possible in a hand-made file) is not written back.
    guard writable else { return }
    let written = record.serializedBytes()
    do throws(RecordError) {
        let again = try Record.load(bytes: written, file: "fuzz.json")
        let text = again.serializedBytes()
        check("record.roundTrip.bytes", text == written, name)
        check("record.roundTrip.value", (try? Record.load(bytes: text, file: "fuzz.json")) == again, name)
    } catch {
        check("record.roundTrip.loads", false, "\(name): \(error)")
    }
}

/// The spec loader on its own, as `finalize` and `verify` use it on a draw's `spec.json`.
func fuzzSpecLoading(_ bytes: [UInt8]) {
    do throws(SpecError) {
        let spec = try SampleSpec.load(bytes: bytes, file: "spec.json")
        note("spec: loaded \(spec.name)")
        check("spec.oneCaseReference", spec.columns.filter { $0.kind == .caseReference }.count == 1)
        check("spec.rolesUnique", Set(spec.columns.map(\.role)).count == spec.columns.count)
        check("spec.substitutesPerCase", spec.substitutesPerCase >= 0)
        _ = spec.exclusionReasonList
        _ = spec.columnRequests
    } catch {
        note("spec: \(error)")
        check("spec.error.file", error.file == "spec.json")
        check("spec.error.path", error.path.hasPrefix("$"), error.description)
        check("spec.error.message", !error.message.isEmpty, error.description)
    }
}
