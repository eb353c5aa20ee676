import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A report page read back as XML: its tables by caption (rows of cell texts), every attribute value,
/// the element names, and its text. Reading it at all proves the page well-formed.
struct HTMLTables {
    var tables: [String: [[String]]] = [:]
    var attributes: [(element: String, name: String, value: String)] = []
    var elements: Set<String> = []
    var text = ""

    struct NotWellFormed: Error, CustomStringConvertible {
        var description: String
    }

    init(_ bytes: [UInt8]) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = collector
        guard parser.parse() else {
            throw NotWellFormed(description: "not well-formed at line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
        tables = collector.tables
        attributes = collector.attributes
        elements = collector.elements
        text = collector.text
    }

    /// The table whose caption starts with `prefix`, without its header row.
    func table(startingWith prefix: String) -> [[String]]? {
        tables.first { $0.key.hasPrefix(prefix) }.map { Array($0.value.dropFirst()) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var tables: [String: [[String]]] = [:]
        var attributes: [(element: String, name: String, value: String)] = []
        var elements: Set<String> = []
        var text = ""
        private var caption: String?, rows: [[String]] = [], cell: String?, inCaption = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.insert(name)
            for (key, value) in attributes.sorted(by: { $0.key < $1.key }) { self.attributes.append((name, key, value)) }
            switch name {
            case "table": caption = ""; rows = []
            case "caption": inCaption = true
            case "tr": rows.append([])
            case "th", "td": cell = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "table": tables[caption ?? ""] = rows; caption = nil
            case "caption": inCaption = false
            case "th", "td": rows[rows.count - 1].append(cell ?? ""); cell = nil
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
            if inCaption { caption? += string }
            if cell != nil { cell! += string }
        }
    }
}
