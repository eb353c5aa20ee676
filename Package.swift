// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "casesample",
    products: [
        .library(name: "CaseSampling", targets: ["CaseSampling"]),
        .executable(name: "casesample", targets: ["casesample"]),
        .executable(name: "casesample-gen", targets: ["casesample-gen"]),
    ],
    dependencies: [],
    targets: [
        // MARK: - Public API
        .target(
            name: "CaseSampling",
            dependencies: ["CSHA256", "CScan", "NearMatch"],
            path: "Sources/CaseSampling"
        ),
        // MARK: - Implementation details
        // SHA-256 with the x86 SHA extensions, chosen at run time (see Sources/CSHA256/CSHA256.c).
        .target(
            name: "CSHA256",
            path: "Sources/CSHA256"
        ),
        // Where a CSV buffer's delimiters, quotes and line breaks are, by SIMD comparison (see Sources/CScan/CScan.c).
        .target(
            name: "CScan",
            path: "Sources/CScan"
        ),
        // "Did you mean …?": edit distance, shared by the library and the argument parser.
        .target(
            name: "NearMatch",
            path: "Sources/NearMatch"
        ),
        .target(
            name: "ArgumentParsing",
            dependencies: ["NearMatch"],
            path: "Sources/ArgumentParsing"
        ),
        .executableTarget(
            name: "casesample",
            dependencies: ["CaseSampling", "ArgumentParsing"],
            path: "Sources/casesample"
        ),

        // MARK: - Benchmarks and tools
        .executableTarget(
            name: "casesample-gen",
            dependencies: ["CaseSampling"],
            path: "Benchmarks/casesample-gen"
        ),

        // MARK: - Unit test bundles
        .testTarget(
            name: "CaseSamplingTests",
            dependencies: ["CaseSampling", "CSHA256"],
            path: "Tests/CaseSamplingTests",
            exclude: ["Resources"]
        ),
        .testTarget(
            name: "NearMatchTests",
            dependencies: ["NearMatch"],
            path: "Tests/NearMatchTests"
        ),
        .testTarget(
            name: "ArgumentParsingTests",
            dependencies: ["ArgumentParsing"],
            path: "Tests/ArgumentParsingTests"
        ),
        .testTarget(
            name: "casesampleTests",
            dependencies: ["CaseSampling"],
            path: "Tests/casesampleTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
