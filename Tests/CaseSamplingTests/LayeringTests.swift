import Foundation
import Testing

/// The library's folders are layers that use only the layers below them
/// (Documentation/Architecture.md). This test reads the sources: every type, protocol, type alias
/// and free function a folder declares at the top level belongs to that folder's layer, and a file
/// that names one from a higher layer (in code, not in comments or string literals) breaks the rule.
@Suite struct LayeringTests {
    /// Bottom to top. Documentation/Architecture.md lists the same folders in the same order.
    static let layers = [
        "Support", "JSON", "Files", "Input", "Spec", "Population", "Sampling", "Sizing", "Finalize", "Records", "Reports", "Jobs",
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let library = root.appendingPathComponent("Sources/CaseSampling")

    struct SourceFile {
        var path: String
        var layer: Int
        /// The code with comments and string literals blanked out, line breaks kept.
        var code: String
    }

    static func sourceFiles() throws -> [SourceFile] {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: library.path).filter { $0.hasSuffix(".swift") }.sorted()
        return try paths.map { path in
            let folder = String(path.prefix { $0 != "/" })
            let layer = try #require(layers.firstIndex(of: folder), "\(path) is in no layer: add its folder to the list here and in Architecture.md")
            let text = try String(contentsOf: library.appendingPathComponent(path), encoding: .utf8)
            return SourceFile(path: path, layer: layer, code: blankingCommentsAndStrings(text))
        }
    }

    /// `text` with every comment and string literal replaced by spaces (line breaks kept).
    static func blankingCommentsAndStrings(_ text: String) -> String {
        var out: [Character] = []
        let chars = Array(text)
        var i = 0
        func peek(_ offset: Int) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
        func blank(_ c: Character) { out.append(c == "\n" ? "\n" : " ") }
        while i < chars.count {
            let c = chars[i]
            if c == "/" && peek(1) == "/" {
                while i < chars.count && chars[i] != "\n" { blank(chars[i]); i += 1 }
            } else if c == "/" && peek(1) == "*" {
                var depth = 0
                repeat {
                    if chars[i] == "/" && peek(1) == "*" { depth += 1; blank("/"); blank("*"); i += 2; continue }
                    if chars[i] == "*" && peek(1) == "/" { depth -= 1; blank("*"); blank("/"); i += 2; continue }
                    blank(chars[i]); i += 1
                } while i < chars.count && depth > 0
            } else if c == "\"" || (c == "#" && (peek(1) == "\"" || (peek(1) == "#" && peek(2) == "\""))) {
                // A string literal: "…", """…""", #"…"#; interpolations are blanked with it.
                var hashes = 0
                while i < chars.count && chars[i] == "#" { hashes += 1; blank("#"); i += 1 }
                let isMultiline = peek(0) == "\"" && peek(1) == "\"" && peek(2) == "\""
                let delimiter = isMultiline ? 3 : 1
                for _ in 0..<delimiter { blank("\""); i += 1 }
                while i < chars.count {
                    if chars[i] == "\\" && hashes == 0 { blank(chars[i]); i += 1; if i < chars.count { blank(chars[i]); i += 1 }; continue }
                    if chars[i] == "\"" && (!isMultiline || (peek(1) == "\"" && peek(2) == "\"")) {
                        var j = i + delimiter
                        var closing = 0
                        while closing < hashes && j < chars.count && chars[j] == "#" { closing += 1; j += 1 }
                        if closing == hashes {
                            while i < j { blank(chars[i]); i += 1 }
                            break
                        }
                    }
                    blank(chars[i]); i += 1
                }
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    /// The names a file declares at the top level (column 0).
    static func declarations(in code: String) -> [String] {
        let pattern = #/^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate|final|indirect|nonisolated)\s+)*(?:struct|enum|class|protocol|actor|typealias|func)\s+([A-Za-z_]\w*)/#
        return code.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            (try? pattern.prefixMatch(in: line)).map { String($0.output.1) }
        }
    }

    /// Every use of a name from a higher layer, as `file:line: uses Name from Folder/ in Folder/`.
    static func violations(in files: [SourceFile]) -> [String] {
        var layerOfName: [String: Int] = [:]
        for file in files {
            for name in declarations(in: file.code) { layerOfName[name] = max(layerOfName[name] ?? -1, file.layer) }
        }
        var violations: [String] = []
        for file in files {
            for (number, line) in file.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for word in line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                    guard let layer = layerOfName[String(word)], layer > file.layer else { continue }
                    violations.append("Sources/CaseSampling/\(file.path):\(number + 1): uses \(word) from \(layers[layer])/ in \(layers[file.layer])/")
                }
            }
        }
        return violations
    }

    @Test func everyFolderUsesOnlyTheLayersBelowIt() throws {
        let files = try Self.sourceFiles()
        #expect(files.contains { Self.declarations(in: $0.code).contains("DrawJob") }, "the scan finds declarations")
        let violations = Self.violations(in: files)
        #expect(violations.isEmpty, "lower layers use higher ones:\n\(violations.joined(separator: "\n"))")
    }

    @Test func theArchitectureNoteListsTheLayersInOrder() throws {
        let note = try String(contentsOf: Self.root.appendingPathComponent("Documentation/Architecture.md"), encoding: .utf8)
        // The layer table: one row per folder, top first, as `| `Folder/` | … |`.
        let listed = note.split(separator: "\n").compactMap { line -> String? in
            guard let match = try? #/^\| `(\w+)/` \|/#.prefixMatch(in: line) else { return nil }
            return String(match.output.1)
        }
        #expect(listed == Self.layers.reversed(), "Documentation/Architecture.md's layer table")
    }

    /// The check itself: a lower file naming a higher type is found; comments and strings are not code.
    @Test func theCheckFindsAViolation_andIgnoresCommentsAndStrings() {
        let code = Self.blankingCommentsAndStrings(#"""
            // DrawJob in a comment
            let a = "DrawJob \(DrawJob.self)"; let b = #"DrawJob"#
            /* DrawJob /* nested */ DrawJob */ let c = { DrawJob.self }
            """#)
        #expect(code.components(separatedBy: "DrawJob").count - 1 == 1)
        #expect(Self.declarations(in: "public struct A {}\n  struct Nested {}\nfunc b() {}\n@inline(__always) public func c() {}") == ["A", "b", "c"])
        let files = [
            SourceFile(path: "Support/Low.swift", layer: 0, code: "func low() -> Any { return [High.self] }\nstruct Low {}"),
            SourceFile(path: "Jobs/High.swift", layer: 11, code: "struct High { var low: Low }"),
        ]
        #expect(Self.violations(in: files) == ["Sources/CaseSampling/Support/Low.swift:1: uses High from Jobs/ in Support/"])
    }
}
