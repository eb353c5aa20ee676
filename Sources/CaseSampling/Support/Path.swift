/// The last component of a path, without trailing slashes: `"draws/2024-06/"` gives `"2024-06"`.
func lastPathComponent(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return trimmed.split(separator: "/").last.map(String.init) ?? String(trimmed)
}
