import Foundation
@testable import CaseSampling

/// The shipped example long list and specs.
enum Examples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var longListPath: String { root.appendingPathComponent("SampleSpecs/examples/long-list.csv").path }
    static var domainTwoPath: String { root.appendingPathComponent("SampleSpecs/domain-two.json").path }

    static func exampleBytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: longListPath))) }

    static func domainTwo() throws -> SampleSpec {
        try SampleSpec.load(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: domainTwoPath))), file: domainTwoPath)
    }

    static func examplePopulation() throws -> Population {
        let spec = try domainTwo()
        let list = try LongListReader.read(path: longListPath, columns: spec.columnRequests)
        return try Population.classify(list, by: spec)
    }
}
