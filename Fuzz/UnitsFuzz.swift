// libFuzzer target for a units file (`casesample draw --units-file`): decoded as a small text file,
// split into entries, and resolved against the units of the example long list, as the draw does it.
// The whole input is the file. Built with FuzzSupport.swift against the library (@testable import);
// see Fuzz/README.md. Run from the repository's root (Fuzz/run.sh does).

@testable import CaseSampling

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The example long list's units, read once.
let exampleUnits: [Unit] = {
    do {
        let specBytes = try readWholeFile("SampleSpecs/domain-two.json")
        let spec = try SampleSpec.load(bytes: specBytes, file: "domain-two.json")
        let list = try LongListReader.read(path: "SampleSpecs/examples/long-list.csv", columns: spec.columnRequests)
        return try Population.classify(list, by: spec).units
    } catch {
        fatalError("cannot read the example long list (run from the repository's root): \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = TextFile.decode(bytes) else {
        note("units: not text")
        return 0
    }
    let selection = UnitSelection(lines: text)
    check("units.entries.trimmed", selection.entries.allSatisfy { !$0.isEmpty && $0 == $0.trimmingSpaces() })
    check("units.entries.noComments", selection.entries.allSatisfy { !$0.hasPrefix("#") })
    check("units.entries.oneLine", selection.entries.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
    for candidate in [selection, UnitSelection(commaSeparated: text)] {
        do throws(UnitSelectionError) {
            let resolved = try candidate.resolve(in: exampleUnits)
            note("units: \(resolved.units.count) units")
            check("units.resolved.ascending", zip(resolved.units, resolved.units.dropFirst()).allSatisfy { $0 < $1 })
            check("units.resolved.inRange", resolved.units.allSatisfy { exampleUnits.indices.contains($0) })
            check("units.resolved.entries", resolved.entries.count <= candidate.entries.count)
        } catch {
            note("units: \(error.unknown.count) unknown")
            check("units.error.unknown", !error.unknown.isEmpty || candidate.entries.isEmpty, error.description)
            check("units.error.nearMisses", error.unknown.allSatisfy { $0.nearMisses.count <= exampleUnits.count })
            _ = error.description
        }
    }
    return 0
}
