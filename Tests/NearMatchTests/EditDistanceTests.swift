import NearMatch
import Testing

@Suite("Edit distance and suggestions")
struct EditDistanceTests {
    @Test(arguments: [
        ("", "", 0),
        ("", "abc", 3),
        ("abc", "", 3),
        ("seed", "seed", 0),
        ("kitten", "sitting", 3),
        ("seeed", "seed", 1),
        ("drwa", "draw", 1),  // one swap, where Levenshtein counts 2
        ("ca", "abc", 3),  // optimal string alignment edits no substring twice
        ("confidense", "confidence", 1),
    ])
    func optimalStringAlignment_matchesReference(source: String, target: String, distance: Int) {
        #expect(EditDistance.optimalStringAlignment(source, target) == distance)
        #expect(EditDistance.optimalStringAlignment(target, source) == distance)
    }

    @Test func nearest_closeTypo_isSuggested() {
        let names = ["inspect", "draw", "verify", "size", "confidence"]
        #expect(EditDistance.nearest(to: "drwa", among: names) == "draw")
        #expect(EditDistance.nearest(to: "verfy", among: names) == "verify")
        #expect(EditDistance.nearest(to: "inpsect", among: names) == "inspect")
        #expect(EditDistance.nearest(to: "confdience", among: names) == "confidence")
    }

    @Test func nearest_farOffWord_suggestsNothing() {
        let names = ["inspect", "draw", "verify", "size", "confidence"]
        #expect(EditDistance.nearest(to: "sample", among: names) == nil)
        #expect(EditDistance.nearest(to: "x", among: names) == nil)
        #expect(EditDistance.nearest(to: "dr", among: names) == nil)
    }

    @Test func nearest_allowsMoreSlipsInLongerWords() {
        // Two slips: too many for a 4-letter word, fine for a 9-letter one.
        #expect(EditDistance.nearest(to: "sezd", among: ["size"]) == nil)
        #expect(EditDistance.nearest(to: "substutes", among: ["substitutes"]) == "substitutes")
    }

    @Test func nearest_tie_goesToTheFirstCandidate() {
        #expect(EditDistance.nearest(to: "sat", among: ["set", "sit"]) == "set")
    }
}
