import Kernel
import Testing

@testable import Delivery

/// Language negotiation, entity tags, query strings and cursors, without a server.
@Suite struct NegotiationTests {
    private let costaRica = Tenant(code: "cr", name: "Costa Rica", defaultLanguage: "es", languages: ["es", "en"])

    @Test func theLangParameterFallsBackLikeTheShellAndMustBeAPublishedLanguage() throws {
        let mexican = try LanguagePreference(lang: "ES-mx", acceptLanguage: "en")
        #expect(mexican.explicit == "es-MX")
        #expect(!mexican.isNegotiated)
        #expect(try mexican.chain(for: costaRica, what: "tenant cr") == ["es-MX", "es"])
        let english = try LanguagePreference(lang: "en-GB", acceptLanguage: nil)
        #expect(try english.chain(for: costaRica, what: "tenant cr") == ["en-GB", "en", "es"])
        let french = try LanguagePreference(lang: "fr", acceptLanguage: nil)
        #expect(throws: Problem.self) { try french.chain(for: costaRica, what: "tenant cr") }
        #expect(throws: Problem.self) { try LanguagePreference(lang: "e!", acceptLanguage: nil) }
        #expect(throws: Problem.self) { try LanguagePreference(lang: "", acceptLanguage: nil) }
    }

    @Test func acceptLanguageIsReadByWeightAndFallsBackToTheDefault() throws {
        #expect(
            LanguagePreference.accepted("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == ["fr-CH", "fr", "en", "de"]
        )
        #expect(LanguagePreference.accepted("en;q=0.2, es") == ["es", "en"])
        #expect(LanguagePreference.accepted("en;q=0, !!, zh-hans-cn") == ["zh-Hans-CN"])
        let french = try LanguagePreference(lang: nil, acceptLanguage: "fr, en;q=0.5")
        #expect(french.isNegotiated)
        #expect(try french.chain(for: costaRica, what: "tenant cr") == ["fr", "en", "es"])
        #expect(LanguagePreference.first(of: ["fr", "en", "es"], in: costaRica) == "en")
        let none = try LanguagePreference(lang: nil, acceptLanguage: nil)
        #expect(try none.chain(for: costaRica, what: "tenant cr") == ["es"])
    }

    @Test func entityTagsAreStableAndMatchAsRFC9110Says() {
        let tag = EntityTag.of(Array("{\"a\":1}".utf8))
        #expect(tag == EntityTag.of(Array("{\"a\":1}".utf8)))
        #expect(tag != EntityTag.of(Array("{\"a\":2}".utf8)))
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""))
        #expect(EntityTag.matches(tag[...], tag))
        #expect(EntityTag.matches("W/\(tag)"[...], tag))
        #expect(EntityTag.matches("\"x\", \(tag)"[...], tag))
        #expect(EntityTag.matches("*", tag))
        #expect(!EntityTag.matches("\"x\""[...], tag))
        #expect(!EntityTag.matches(""[...], tag))
    }

    @Test func queryStringsDecodeAndCursorsRoundTrip() throws {
        let parameters = try QueryParameters("q=evacuation+drills%21&country=PH,CR&country=JP&empty=")
        #expect(try parameters.value("q") == "evacuation drills!")
        #expect(parameters.list("country") == ["PH", "CR", "JP"])
        #expect(throws: Problem.self) { try parameters.value("country") }
        #expect(throws: Problem.self) { try QueryParameters("q=%zz") }
        #expect(throws: Problem.self) { try parameters.only(["q", "country"], on: "a test") }
        let cursor = ItemCursor(key: "1764430000.25", id: 42)
        let text = PageCursor.text(cursor, sort: .updatedDescending)
        #expect(try PageCursor.cursor(text, sort: .updatedDescending) == cursor)
        #expect(throws: Problem.self) { try PageCursor.cursor(text, sort: .titleAscending) }
        #expect(throws: Problem.self) { try PageCursor.cursor("garbage", sort: .updatedDescending) }
    }
}
