import Foundation

/// Reading the parts of an OOXML package (ECMA-376 Part 2, Open Packaging Conventions): the XML of a
/// zip entry as parser events, relationships, and how relationship targets name other parts.
enum WorkbookParts {
    /// Feeds the XML of the zip entry `part` to `handle`, event by event, decompressing it in chunks.
    ///
    /// - Parameters:
    ///   - maximumSize: the largest uncompressed size accepted for the part.
    ///   - maximumTokenLength: the longest tag or text run accepted.
    ///   - handle: called for each event with the parser positioned on it.
    /// - Throws: ``WorkbookError`` when the part is missing, too large, not readable from the archive or
    ///   not well-formed; and whatever `handle` throws.
    static func parse(
        _ archive: ZipArchive, part: String, maximumSize: Int, maximumTokenLength: Int,
        _ handle: (inout XMLPullParser, XMLPullParser.Event) throws -> Void
    ) throws {
        guard let entry = archive.entry(at: part) else { throw WorkbookError(.missingPart, part: part) }
        guard entry.uncompressedSize <= maximumSize else {
            throw WorkbookError(.partTooLarge(limit: maximumSize), part: part)
        }
        var parser = XMLPullParser(maximumTokenLength: maximumTokenLength)
        func drain() throws {
            while let event = try parser.next() { try handle(&parser, event) }
        }
        do {
            try archive.read(entry) { chunk in
                parser.append(chunk)
                try drain()
            }
            parser.finish()
            try drain()
        } catch let error as ZipError {
            throw WorkbookError(.archive(error.description), part: part)
        } catch let error as XMLError {
            throw WorkbookError(.malformedXML(error.description), part: part)
        }
    }

    /// One relationship of a part (ECMA-376 Part 2 §9.3): its id, type URI and the part it targets.
    struct Relationship: Sendable, Equatable {
        let id: String
        let type: String
        /// The target resolved to a zip entry name; nil for an external target.
        let target: String?

        /// Whether the type URI ends with `/name`, so that transitional and strict URIs both match.
        func hasType(_ name: String) -> Bool { type.hasSuffix("/" + name) }
    }

    /// The relationships of `part`, from `_rels/NAME.rels` beside it; empty when there is no such part.
    static func relationships(of part: String, in archive: ZipArchive, maximumSize: Int) throws -> [Relationship] {
        let folder = directory(of: part)
        let name = part.split(separator: "/").last.map(String.init) ?? ""
        let relationshipsPart = folder + "_rels/" + name + ".rels"
        guard archive.entry(at: relationshipsPart) != nil else { return [] }
        var relationships: [Relationship] = []
        try parse(archive, part: relationshipsPart, maximumSize: maximumSize, maximumTokenLength: 1 << 20) { parser, event in
            guard event == .startElement, parser.hasLocalName("Relationship") else { return }
            guard let id = try parser.attribute("Id"), let type = try parser.attribute("Type"),
                let target = try parser.attribute("Target")
            else { return }
            let isExternal = try parser.attribute("TargetMode") == "External"
            relationships.append(Relationship(id: id, type: type, target: isExternal ? nil : resolve(target, from: folder)))
        }
        return relationships
    }

    /// The folder of a part, with its trailing `/` (`xl/` for `xl/workbook.xml`), or "" at the root.
    static func directory(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// A relationship target as a zip entry name: absolute (`/xl/styles.xml`) from the package root,
    /// otherwise relative to `folder`, with `.` and `..` segments applied and any `#fragment` dropped.
    static func resolve(_ target: String, from folder: String) -> String {
        var target = Substring(target)
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/").removingPercentEncodingOfSpaces()
    }
}

extension String {
    /// `%20` as a space: package part names are URIs, and some writers escape spaces in targets.
    fileprivate func removingPercentEncodingOfSpaces() -> String {
        contains("%20") ? replacingOccurrences(of: "%20", with: " ") : self
    }
}
