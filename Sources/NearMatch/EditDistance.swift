/// Edit distance for "Did you mean …?" suggestions: for mistyped options and subcommands, spec keys
/// and unit names.
public enum EditDistance {
    /// The optimal-string-alignment distance between `source` and `target`:
    /// the fewest single-character insertions, deletions, substitutions and
    /// swaps of two adjacent characters that turn one into the other, where
    /// no substring is edited twice (the restricted Damerau–Levenshtein
    /// distance). `"drwa"` is one swap from `"draw"`.
    ///
    /// - Complexity: O(*m* × *n*) time, O(*n*) memory per row kept.
    public static func optimalStringAlignment(_ source: String, _ target: String) -> Int {
        let source = Array(source)
        let target = Array(target)
        if source.isEmpty { return target.count }
        if target.isEmpty { return source.count }

        // Three rows of the dynamic-programming table: i-2, i-1 and i.
        var beforePrevious = [Int](repeating: 0, count: target.count + 1)
        var previous = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for i in 1...source.count {
            current[0] = i
            for j in 1...target.count {
                let cost = source[i - 1] == target[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, source[i - 1] == target[j - 2], source[i - 2] == target[j - 1] {
                    best = min(best, beforePrevious[j - 2] + 1)
                }
                current[j] = best
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[target.count]
    }

    /// The candidate nearest to `word`, if it is near enough to be a likely
    /// typo.
    ///
    /// Near enough means a distance of at most a third of `word`'s length,
    /// and at least 1: one slip in `seed`, two in `substitute`. Ties go to the
    /// candidate listed first. An exact match is the nearest of all (the word
    /// may differ in its dashes: `-size` for `--size`).
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = optimalStringAlignment(word, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Up to `limit` candidates within `maximumDistance` of `word` (by default a third of its length,
    /// and at least 2), nearest first, ties in alphabetical order; case is ignored.
    public static func nearMisses(
        to word: String, among candidates: [String], maximumDistance: Int? = nil, limit: Int = 3
    ) -> [String] {
        let allowed = maximumDistance ?? max(2, word.count / 3)
        let key = word.lowercased()
        return candidates
            .map { (candidate: $0, distance: optimalStringAlignment(key, $0.lowercased())) }
            .filter { $0.distance <= allowed }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
            .prefix(limit).map(\.candidate)
    }
}
