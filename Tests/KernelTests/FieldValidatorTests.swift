import Testing

@testable import Kernel

@Suite struct FieldValidatorTests {
    private func issues(_ value: FieldValue, _ kind: FieldKind, languages: [String] = ["es", "en"]) -> [String] {
        FieldValidator(languages: languages).validate(["f": value], against: [FieldSpec("f", kind)]).map(\.message)
    }

    private func accepts(_ value: FieldValue, _ kind: FieldKind) -> Bool {
        issues(value, kind).isEmpty
    }

    @Test func textHasALimitAndOneLine() {
        #expect(accepts(.text("Hyogo E-Net"), .text(maxLength: 20)))
        #expect(
            issues(.text(String(repeating: "a", count: 21)), .text(maxLength: 20)) == [
                "is 21 characters long; the limit is 20"
            ]
        )
        #expect(issues(.text("two\nlines"), .text(maxLength: 20)) == ["must be a single line"])
        #expect(issues(.integer(3), .text(maxLength: 20)) == ["must be text: expected a string, not 3"])
        #expect(accepts(.text("línea\nmultiple"), .markdown(maxLength: nil)))
        #expect(!accepts(.text("12345"), .markdown(maxLength: 4)))
    }

    @Test func vocabularyValuesMustBeKnown() {
        #expect(accepts(.text("preparedness"), .choice(.phases)))
        let message = issues(.text("preparation"), .choice(.phases)).first ?? ""
        #expect(message.contains("'preparation' is not a known phase"))
        #expect(message.contains("preparedness"))
        #expect(accepts(.list([.text("3"), .text("8")]), .list(.choice(.guidelines))))
        #expect(!accepts(.list([.text("16")]), .list(.choice(.guidelines))))
        #expect(issues(.list([.text("3"), .text("3")]), .list(.choice(.guidelines))) == ["lists '3' twice"])
        // Long lists find repeats another way: the same answer.
        let long: [FieldValue] = (1...20).map { .text("tag \($0)") }
        #expect(accepts(.list(long), .list(.text(maxLength: 20))))
        #expect(issues(.list(long + [.text("tag 7")]), .list(.text(maxLength: 20))) == ["lists 'tag 7' twice"])
    }

    @Test func countriesAreISOCodesOrGlobal() {
        #expect(accepts(.text("CR"), .country))
        #expect(accepts(.text("global"), .country))
        #expect(issues(.text("XX"), .country).first?.contains("not an ISO 3166-1 alpha-2") == true)
        #expect(!accepts(.text("cr"), .country))
        #expect(!accepts(.text("CRI"), .country))
    }

    @Test func languageTagsAreBCP47AndTheTenants() {
        #expect(accepts(.text("es"), .language))
        #expect(issues(.text("fr"), .language).first?.contains("not one of the tenant's languages") == true)
        #expect(issues(.text("xx-!!"), .language).first?.contains("not a BCP-47") == true)
        #expect(LanguageTag.isValid("zh-Hans"))
        #expect(LanguageTag.isValid("es-419"))
        #expect(LanguageTag.isValid("sr-Latn-RS"))
        #expect(!LanguageTag.isValid("english"))
        #expect(!LanguageTag.isValid("qq"))
        #expect(LanguageTag.fallbacks(of: "es-MX") == ["es-MX", "es"])
    }

    @Test func urlsEmailsDatesAndDurations() {
        #expect(accepts(.text("https://www.iom.int/micic"), .url))
        for bad in ["www.iom.int", "ftp://x.org", "https://", "http://exa mple.org", "javascript:alert(1)"] {
            #expect(!accepts(.text(bad), .url), "\(bad)")
        }
        #expect(accepts(.text("ana@example.org"), .email))
        for bad in ["ana", "ana@", "@example.org", "ana@example", "a b@example.org"] {
            #expect(!accepts(.text(bad), .email), "\(bad)")
        }
        #expect(accepts(.text("2016-06-15"), .date))
        for bad in ["2016-6-15", "2017-02-29", "2016-04-31", "15/06/2016"] {
            #expect(!accepts(.text(bad), .date), "\(bad)")
        }
        #expect(accepts(.text("2024-02-29"), .date))
        #expect(ISODuration("PT2H")?.seconds == 7200)
        #expect(ISODuration("P1DT30M")?.seconds == 86_400 + 1800)
        #expect(ISODuration("P2W")?.seconds == 1_209_600)
        for bad in ["2 hours", "P", "PT", "P1H", "PT1H2D", "PT1M1H"] {
            #expect(!accepts(.text(bad), .duration), "\(bad)")
        }
    }

    /// The byte check of plain addresses decides alone only where `URLComponents` agrees,
    /// and it does decide the usual ones.
    @Test func plainURLsAreKnownFromTheirBytesAndAgreeWithTheFullCheck() {
        let plain = [
            "https://www.iom.int/micic", "HTTPS://WWW.IOM.INT/Micic?page=2&lang=es#top", "http://localhost:8080/",
            "https://micicinitiative.iom.int/guidelines/guideline-1", "http://a.b:65535/x;y=1/(z)*~!$',+@:",
            "https://example.org/caf%C3%A9", "https://example.org?q=a/b?c", "https://example.org#a/b?c",
            "https://sub-domain.example.org/", "http://-a.b/",
        ]
        let others = [
            "http://a.b:", "http://a.b:65536/", "http://a.b:123456/", "http://a..b/", "http://.a.b/", "http://a.b./",
            "http://user@a.b/", "http://a.b/%zz", "http://a.b/%4", "http://a.b/ñ", "https://例え.jp/",
            "http://a.b/#a#b", "http\u{1A}//a.b", "http:\u{0F}/a.b", "http://a.b/[x]", "http://a.b/path with space",
            "http://a_b.c/", "http://a.b\\c", "http://localhost.", "http://local", "https://", "ftp://x.org",
            "www.iom.int", "javascript:alert(1)", "http://[::1]/", "http://a.b/\u{7F}", "http://a.b/`x`",
        ]
        for url in plain {
            #expect(FieldValidator.isPlainURL(url), "\(url)")
            #expect(FieldValidator.isURLByComponents(url), "\(url)")
        }
        // Either check may decide these; they must agree.
        let edges = [
            "http://a.b:0/", "http://a.b:080/", "http://1.2.3.4/", "HTTP://A.B", "http://a.b?", "http://a.b#",
            "http://a.b/?#", "http://a-.b/", "http://a.b/~user/(x)", "https://a.b:443",
        ]
        for url in plain + others + edges {
            #expect(!FieldValidator.isPlainURL(url) || FieldValidator.isURLByComponents(url), "\(url)")
            #expect(FieldValidator.isURL(url) == FieldValidator.isURLByComponents(url), "\(url)")
        }
        for url in others { #expect(!FieldValidator.isPlainURL(url), "\(url)") }
    }

    @Test func dateTimesCarryAValidZone() {
        let value = ZonedDateTime.value(local: "2017-02-01T09:00", zone: "America/Costa_Rica")
        #expect(value == .object(["utc": .text("2017-02-01T15:00:00Z"), "zone": .text("America/Costa_Rica")]))
        #expect(accepts(value!, .dateTime))
        #expect(ZonedDateTime.value(local: "2017-02-01T09:00", zone: "Mars/Olympus") == nil)
        let badZone = FieldValue.object(["utc": .text("2017-02-01T15:00:00Z"), "zone": .text("Mars/Olympus")])
        #expect(issues(badZone, .dateTime).first?.contains("IANA") == true)
        #expect(!accepts(.text("2017-02-01"), .dateTime))
    }

    @Test func numbersBooleansReferencesAndRows() {
        #expect(accepts(.integer(5), .integer(1...15)))
        #expect(issues(.integer(16), .integer(1...15)) == ["must be from 1 to 15, not 16"])
        #expect(!accepts(.text("yes"), .boolean))
        #expect(accepts(.integer(42), .reference(type: "practice")))
        #expect(!accepts(.integer(0), .reference(type: "practice")))
        let module = FieldKind.rows([
            FieldSpec("title", .text(maxLength: 50), required: true), FieldSpec("duration", .duration),
        ])
        let rows = FieldValue.list([
            .object(["title": .text("Module 1"), "duration": .text("PT20M")]),
            .object(["duration": .text("20 minutes")]),
        ])
        let found = FieldValidator().validate(["modules": rows], against: [FieldSpec("modules", module)])
        #expect(found.map(\.field) == ["modules[2].title", "modules[2].duration"])
    }

    @Test func unknownAndMissingFieldsAreErrors() {
        let specs = [
            FieldSpec("summary", .markdown(maxLength: nil), required: true), FieldSpec("countries", .list(.country)),
        ]
        let found = FieldValidator().validate(["sumary": .text("x"), "countries": .list([])], against: specs)
        #expect(
            found.map(\.description) == [
                "sumary: is not a field of this type (did you mean summary?)", "summary: is required",
            ]
        )
    }
}

@Suite struct TextLimitTests {
    @Test func lineBreaksAndLengthsOfAnyText() {
        for text in ["a\nb", "a\rb", "a\u{0B}b", "a\u{0C}b", "é\u{85}", "ñ\u{2028}x", "\u{2029}"] {
            #expect(text.hasLineBreak, "\(text.unicodeScalars.map(\.value))")
        }
        for text in ["", "plain ascii", "accentuée", "🇵🇭 flag", "tab\tis not a break"] {
            #expect(!text.hasLineBreak, "\(text)")
        }
        #expect(!"ñññ".isLonger(than: 3))
        #expect("ñññ".isLonger(than: 2))
        #expect(!"🇵🇭".isLonger(than: 1))
        #expect("abcd".isLonger(than: 3))
    }
}
