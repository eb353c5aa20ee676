import Foundation
import Testing
@testable import CaseSampling

/// The specs compiled into casesample are `SampleSpecs/*.json`, byte for byte.
@Suite struct BuiltInSpecsTests {
    static var specFiles: [URL] {
        let folder = Examples.root.appendingPathComponent("SampleSpecs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func builtInSpecs_areTheSpecFilesByteForByte() throws {
        let files = Self.specFiles
        #expect(!files.isEmpty)
        #expect(BuiltInSpecs.names == files.map { $0.deletingPathExtension().lastPathComponent },
                "SampleSpecs/*.json and the built-in specs differ: run scripts/generate-builtin-specs.sh")
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(BuiltInSpecs.bytes(named: name) == bytes,
                    "\(name): the built-in copy differs from SampleSpecs/\(name).json: run scripts/generate-builtin-specs.sh")
        }
    }

    @Test func everyBuiltInSpec_loads() throws {
        for name in BuiltInSpecs.names {
            let loaded = try SampleSpec.load(nameOrPath: name)
            #expect(loaded.spec.name == name)
            #expect(loaded.source == .builtIn(name: name))
        }
        #expect(BuiltInSpecs.all().count == BuiltInSpecs.names.count)
    }

    @Test func load_nameIsBuiltIn_pathIsFile() throws {
        let file = try SampleSpec.load(nameOrPath: Examples.domainTwoPath)
        #expect(file.source == .file(path: Examples.domainTwoPath))
        #expect(file.bytes == BuiltInSpecs.bytes(named: "domain-two"))
        #expect(SampleSpec.isPath("my-spec.json") && SampleSpec.isPath("specs/x") && !SampleSpec.isPath("domain-two"))
    }

    @Test func load_unknownName_namesTheBuiltInSpecsAndANearMiss() {
        #expect {
            try SampleSpec.load(nameOrPath: "domain-tow")
        } throws: { error in
            let text = (error as? SpecError)?.description ?? ""
            return text.hasPrefix("domain-tow: no built-in spec has this name (did you mean \"domain-two\"?); built-in specs: court-reports, domain-two")
                && text.contains("./domain-tow.json")
        }
    }

    @Test func load_unreadableFile_saysSoOnce() {
        #expect {
            try SampleSpec.load(nameOrPath: "/nonexistent/spec.json")
        } throws: { error in
            (error as? SpecError)?.description.hasPrefix("/nonexistent/spec.json: cannot read this spec file") == true
        }
    }
}
