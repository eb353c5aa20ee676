// libFuzzer target for the returned list: `casesample finalize` of a fixed small draw with the input
// as the returned list. Built with FuzzSupport.swift against the library (@testable import); see
// Fuzz/README.md. Run from the repository's root (Fuzz/run.sh does).
//
// Input layout: byte 0 is a control byte, the rest is the returned list.
//   bit 0     --missing-means-kept
//   bits 1-2  delimiter: nil (detect), comma, semicolon, tab
//
// The draw is made once at start-up, in a temporary directory: the example long list with the
// domain-two spec, 20 cases, 2 substitutes each, seed 15 (the seeds in corpus-returned/ are returned
// lists of that draw). Each input is written to a file beside it and finalized in memory; nothing is
// written to the output directory.

@testable import CaseSampling

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The draw directory and the path each input is written to.
let fixture: (draw: String, returned: String) = {
    var template = Array("/tmp/casesample-fuzz-returned-XXXXXX".utf8CString)
    guard let base = mkdtemp(&template) else { fatalError("cannot create a temporary directory") }
    let directory = String(cString: base)
    let draw = directory + "/draw"
    do {
        let specBytes = try readWholeFile("SampleSpecs/domain-two.json")
        let spec = try SampleSpec.load(bytes: specBytes, file: "domain-two.json")
        let job = DrawJob(
            longListPath: "SampleSpecs/examples/long-list.csv", spec: spec, specBytes: specBytes, size: 20, seed: 15,
            substitutesPerCase: 2, delimiter: nil, toolVersion: "fuzz")
        _ = try job.run(writingTo: draw, replacingExisting: false)
    } catch {
        fatalError("cannot make the draw (run from the repository's root): \(error)")
    }
    note("returned: draw in \(draw)")
    return (draw, directory + "/returned.csv")
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let control = data[0]
    let missingMeansKept = control & 1 != 0
    let delimiter: UInt8? = [nil, 0x2C, 0x3B, 0x09][Int((control >> 1) & 3)]
    let (draw, path) = fixture
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    if size > 1 { _ = fwrite(data + 1, 1, size - 1, file) }
    fclose(file)

    let job = FinalizeJob(drawDirectory: draw, returnedPath: path, missingMeansKept: missingMeansKept, delimiter: delimiter, toolVersion: "fuzz")
    let outcome: FinalizeJob.Outcome
    do throws(FinalizeError) {
        outcome = try job.run()
    } catch {
        note("returned: \(error)")
        check("returned.error.summary", !error.summary.isEmpty)
        for problem in error.problems {
            check("returned.problem.file", problem.file == path || problem.file == draw + "/provisional.csv", problem.description)
            check("returned.problem.line", problem.line.map { $0 >= 1 } ?? true, problem.description)
            check("returned.problem.column", problem.column.map { $0 >= 1 } ?? true, problem.description)
            check("returned.problem.message", !problem.message.isEmpty, problem.description)
        }
        return 0
    }
    let sample = outcome.sample
    note("returned: final sample of \(sample.members.count), \(sample.replacements.count) replaced")
    // Every provisional case is in the final sample, or replaced, or a shortfall; no case twice.
    check("final.size", sample.members.count + sample.shortfall.count == sample.provisionalSize,
          "\(sample.members.count) members, \(sample.shortfall.count) short, \(sample.provisionalSize) provisional")
    let keys = sample.members.map(\.drawn.key)
    check("final.unique", Set(keys).count == keys.count)
    check("final.notRemoved", Set(keys).isDisjoint(with: sample.removed.map(\.drawn.key)))
    check("final.reserveDisjoint", Set(keys).isDisjoint(with: sample.reserve.map(\.drawn.key)))
    check("final.found", outcome.match.provisionalFound + outcome.match.provisionalMissing == sample.provisionalSize)
    check("final.missingKept", missingMeansKept || outcome.match.provisionalMissing == 0)
    // The record written reads back as itself (as written: doubles are written to six decimals), with its
    // digest intact and no disagreement, as replace will read it.
    let written = outcome.outputs.files.first { $0.name == OutputFiles.finalizeRecord }?.bytes ?? []
    let loaded = try? FinalizeRecord.load(bytes: written, file: "finalize.json")
    check("final.recordRoundTrip", loaded?.serializedBytes() == written)
    check("final.recordConsistent", loaded?.consistencyProblems == [], "\(loaded?.consistencyProblems ?? [])")
    check("final.files", outcome.outputs.files.contains { $0.name == OutputFiles.finalizeRecord })
    return 0
}
