import Kernel
import Testing

@Suite struct NameSuggestionsTests {
    @Test func theNearestNamesComeFirstWithinTheDistanceGiven() {
        #expect(
            NameSuggestions.nearest(to: "practise", among: ["news", "practice", "practices"]) == [
                "practice", "practices",
            ]
        )
        #expect(NameSuggestions.nearest(to: "practise", among: ["news", "practice"], within: 0).isEmpty)
        #expect(NameSuggestions.nearest(to: "ab", among: ["ax", "ay", "az"], limit: 2) == ["ax", "ay"])
        #expect(NameSuggestions.nearest(to: "Cr", among: ["CR", "PH"], within: 0, ignoringCase: true) == ["CR"])
    }

    @Test func aHintNamesTheNearestOrNothing() {
        #expect(NameSuggestions.hint("sumary", among: ["title", "summary"]) == " (did you mean summary?)")
        #expect(NameSuggestions.hint("phse", among: ["phase"], prefix: "--") == " (did you mean --phase?)")
        #expect(NameSuggestions.hint("xylophone", among: ["news", "event"]).isEmpty)
    }
}
