/// A spec file that cannot be used, with the JSON path of the problem.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Where in the document, such as `$.rules[2].when.all[0].column`.
    public var path: String
    public var message: String

    public var description: String { "\(file): error: \(path): \(message)" }
}

/// Walks a parsed JSON document, keeping the path for messages.
struct JSONCursor {
    let value: JSONValue
    let path: String
    let file: String

    func fail(_ message: String) -> SpecError { SpecError(file: file, path: path, message: message) }

    /// The members of an object, rejecting keys not in `allowed` (and naming the nearest allowed one).
    func object(allowed: [String], required: [String] = []) throws(SpecError) -> [String: JSONCursor] {
        guard let members = value.objectValue else { throw fail("expected an object") }
        var result: [String: JSONCursor] = [:]
        for (key, member) in members {
            guard allowed.contains(key) else {
                let nearest = allowed.min { EditDistance.between(key, $0) < EditDistance.between(key, $1) }
                let hint = nearest.map { EditDistance.between(key, $0) <= max(2, key.count / 3) ? " (did you mean \"\($0)\"?)" : "" } ?? ""
                throw SpecError(file: file, path: "\(path).\(key)", message: "unknown key\(hint); allowed here: \(allowed.joined(separator: ", "))")
            }
            result[key] = JSONCursor(value: member, path: "\(path).\(key)", file: file)
        }
        for key in required where result[key] == nil {
            throw SpecError(file: file, path: path, message: "missing required key \"\(key)\"")
        }
        return result
    }

    func string() throws(SpecError) -> String {
        guard let s = value.stringValue else { throw fail("expected a string") }
        return s
    }

    func nonEmptyString() throws(SpecError) -> String {
        let s = try string()
        guard !s.isEmpty else { throw fail("must not be empty") }
        return s
    }

    func int() throws(SpecError) -> Int {
        guard let i = value.intValue else { throw fail("expected a whole number") }
        return i
    }

    func double() throws(SpecError) -> Double {
        guard let d = value.doubleValue else { throw fail("expected a number") }
        return d
    }

    func bool() throws(SpecError) -> Bool {
        guard let b = value.boolValue else { throw fail("expected true or false") }
        return b
    }

    func array() throws(SpecError) -> [JSONCursor] {
        guard let items = value.arrayValue else { throw fail("expected an array") }
        return items.enumerated().map { JSONCursor(value: $1, path: "\(path)[\($0)]", file: file) }
    }

    func strings() throws(SpecError) -> [String] {
        var result: [String] = []
        for item in try array() { result.append(try item.string()) }
        return result
    }
}

/// Levenshtein distance, for "did you mean" hints.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
