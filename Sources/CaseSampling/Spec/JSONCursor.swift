import NearMatch

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
                let hint = EditDistance.nearMisses(to: key, among: allowed, limit: 1).first.map { " (did you mean \"\($0)\"?)" } ?? ""
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
