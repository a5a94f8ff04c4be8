import Foundation
import Kernel
import Testing

@Suite struct SlugTests {
    @Test func slugsFoldAccentsAndPunctuation() {
        #expect(Slug.make(from: "Gestión de crisis") == "gestion-de-crisis")
        #expect(
            Slug.make(from: "  Hyogo E-Net: information in 5 languages!  ") == "hyogo-e-net-information-in-5-languages"
        )
        #expect(Slug.make(from: "Straße & Œuvre — Ærø") == "strasse-oeuvre-aero")
        #expect(Slug.make(from: "移民") == "item")
        #expect(Slug.make(from: String(repeating: "word ", count: 40)).count <= Slug.maximumLength)
        #expect(Slug.unique("plan", avoiding: ["plan", "plan-2"]) == "plan-3")
        #expect(Slug.isValid("plan-3"))
        #expect(!Slug.isValid("Plan"))
        #expect(!Slug.isValid("plan--3"))
        #expect(!Slug.isValid("-plan"))
    }
}

@Suite struct FieldValueJSONTests {
    @Test func jsonRoundTripsEveryShape() throws {
        let value = FieldValue.object([
            "text": .text("quote \" backslash \\ newline \n tab \t control \u{1} emoji 🇵🇭 ñ"),
            "number": .integer(-42), "flag": .boolean(true), "nothing": .null,
            "list": .list([.text("a"), .integer(1), .list([])]), "object": .object(["nested": .object([:])]),
        ])
        let text = value.jsonText
        #expect(try FieldValue.parse(json: text) == value)
        let decoded = try JSONDecoder().decode(FieldValue.self, from: Data(text.utf8))
        #expect(decoded == value)
        #expect(
            try FieldValue.parse(json: #"{"a" : [1, 2] , "b": "\u00e9\ud83d\ude00"}"#)
                == .object(["a": .list([.integer(1), .integer(2)]), "b": .text("é😀")])
        )
        // Escaped characters followed by combining marks (one Character with the mark).
        for tricky in ["\"\u{301}x", "\n\u{301}", "a\\\u{308}\u{308}", "\t\u{200D}👍", "\"", "", "é\u{1}\u{301}"] {
            let written = FieldValue.text(tricky).jsonText
            #expect(try FieldValue.parse(json: written) == .text(tricky), "\(written)")
            let foundation = try JSONDecoder().decode(String.self, from: Data(written.utf8))
            #expect(foundation == tricky)
            #expect(written.unicodeScalars.count >= tricky.unicodeScalars.count + 2)
        }
        for bad in ["{", #"{"a" 1}"#, "[1,]", "1.5", #""unterminated"#, "{} extra"] {
            #expect(throws: FieldValueJSONError.self) { try FieldValue.parse(json: bad) }
        }
    }

    @Test func keysAndValuesReadFromTheServersTextFindAndEqualEveryOtherString() throws {
        // Short ASCII runs are made known to be ASCII; the rest, and every run of 33 bytes
        // or more, are not: each kind must hash and compare as any other string does.
        let keys = ["phases", "año", "e\u{301}", String(repeating: "k", count: 32), String(repeating: "k", count: 33)]
        let values = ["preparedness", "préparation", String(repeating: "v", count: 32) + "é"]
        let json =
            "{" + keys.enumerated().map { #""\#($1)": "\#(values[$0 % values.count])""# }.joined(separator: ",") + "}"
        let fields = try Array(json.utf8).withUnsafeBytes(FieldValue.parseFields(validUTF8JSON:))
        #expect(fields.count == keys.count)
        #expect(fields["phases"] == .text("preparedness"))
        #expect(fields["año"] == .text("préparation"))
        #expect(fields["e\u{301}"] == .text(values[2]))
        #expect(fields[String(repeating: "k", count: 32)] == .text("preparedness"))
        #expect(fields[String(decoding: Array(repeating: UInt8(ascii: "k"), count: 33), as: UTF8.self)] != nil)
        let composed = try #require(fields.keys.first { $0.unicodeScalars.first == "e" })
        #expect(composed == "é")  // canonically equivalent: equal, and equal hashes
        #expect(Set([composed, "é"]).count == 1)
        #expect(try FieldValue.parseFields(json: json) == fields)
    }
}

@Suite struct RegistryTests {
    struct Sample: Plugin {
        let name: String
        let types: [String]
        var contentTypes: [ContentType] {
            types.map { ContentType(name: $0, plural: $0 + "s", label: $0, fields: []) }
        }
    }

    @Test func duplicateNamesAreAStartUpError() throws {
        let registry = try PluginRegistry([Sample(name: "a", types: ["note"]), Sample(name: "b", types: ["memo"])])
        #expect(registry.contentType("notes")?.name == "note")
        #expect(registry.contentTypes.map(\.name) == ["note", "memo"])
        #expect(throws: RegistryError.self) {
            try PluginRegistry([Sample(name: "a", types: []), Sample(name: "a", types: [])])
        }
        let clash = #expect(throws: RegistryError.self) {
            try PluginRegistry([Sample(name: "a", types: ["note"]), Sample(name: "b", types: ["note"])])
        }
        #expect(clash?.description.contains("'note'") == true)
    }

    @Test func theEditorialWorkflowNamesWhoMayDoWhat() {
        let workflow = Workflow.editorial
        #expect(workflow.transition("approve")?.roles == [.reviewer, .admin])
        #expect(workflow.transition("publish")?.from == ["approved"])
        #expect(workflow.transition("request-changes")?.requiresComment == true)
        #expect(Vocabulary.guidelines.terms.count == 15)
        #expect(Vocabulary.guidelines.term("9")?.attributes["phase"] == "emergency_response")
        #expect(Vocabulary.countries.contains("CR") && Vocabulary.countries.contains("global"))
    }
}

@Suite struct LanguageFallbackTests {
    @Test func aRegionalTagFallsBackToItsLanguageThenTheDefault() {
        #expect(LanguageTag.fallbacks(for: "es-MX", then: "en") == ["es-MX", "es", "en"])
        #expect(LanguageTag.fallbacks(for: "sr-Latn-RS", then: "sr") == ["sr-Latn-RS", "sr-Latn", "sr"])
        #expect(LanguageTag.fallbacks(for: "en", then: "en") == ["en"])
    }
}

@Suite struct FieldValueJSONReadingTests {
    @Test func readsEscapesUnicodeAndLongPlainStrings() throws {
        let long = String(repeating: "évacuation ", count: 300)
        let text = #"{"a":"plain","b":"q\"uote \\ back\u00e9\ud83d\ude00","c":["x",""],"d":""# + long + #""}"#
        let fields = try FieldValue.parseFields(json: text)
        #expect(fields["a"] == .text("plain"))
        #expect(fields["b"] == .text("q\"uote \\ backé😀"))
        #expect(fields["c"] == .list([.text("x"), .text("")]))
        #expect(fields["d"] == .text(long))
        #expect(try FieldValue.parseFields(json: FieldValue.jsonText(of: fields)) == fields)
        #expect(throws: FieldValueJSONError.self) { try FieldValue.parse(json: #"{"a":"unterminated}"#) }
    }

    /// Strings are written eight bytes at a time where none needs escaping: every byte that
    /// does is escaped wherever it falls, and the others (DEL, UTF-8 of é) pass unchanged.
    @Test func everyCharacterThatNeedsEscapingIsEscapedAtEveryPosition() throws {
        let plain = Array("abcdé\u{7F}fghijklmnopqrstuvwxyz0123".unicodeScalars)
        let special = (0..<0x20).compactMap(Unicode.Scalar.init) + ["\"", "\\"]
        for scalar in special {
            for position in 0...plain.count {
                var scalars = plain
                scalars.insert(scalar, at: position)
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars)
                let written = FieldValue.text(text).jsonText
                #expect(!written.utf8.contains { $0 < 0x20 }, "\(written)")
                #expect(try FieldValue.parse(json: written) == .text(text), "\(written)")
                #expect(try JSONDecoder().decode(String.self, from: Data(written.utf8)) == text)
                // The quotes around it, and the escape's backslash and what follows it.
                #expect(written.utf8.count == text.utf8.count + 3 + Self.extra(scalar))
            }
        }
    }

    /// How many bytes an escape adds beyond one: `\u00XX` for the controls without a short form.
    private static func extra(_ scalar: Unicode.Scalar) -> Int {
        ["\n", "\r", "\t", "\"", "\\"].contains(scalar) ? 0 : 4
    }

    @Test func escapesFarIntoLongStringsAndAtTheirEdgesAreRead() throws {
        let a = String(repeating: "a", count: 30)
        let b = String(repeating: "b", count: 40)
        let texts = [
            a + "\"" + b + "\\" + "\n" + a, "\"" + a + "\"", a + "\\", "\\\\\"\"", "x\"" + a + "\"y" + b + "\"",
            String(repeating: "\"q", count: 50),
        ]
        let fields = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ("k\($0)", FieldValue.text($1)) })
        let json = FieldValue.jsonText(of: fields)
        #expect(try FieldValue.parseFields(json: json) == fields)
        #expect(try Array(json.utf8).withUnsafeBytes(FieldValue.parseFields(jsonBytes:)) == fields)
        // An unterminated long string, and one whose last quote is escaped.
        for broken in [#"{"a":""# + a + b, #"{"a":""# + a + #"\"}"#] {
            #expect(throws: FieldValueJSONError.self) { try FieldValue.parse(json: broken) }
        }
    }

    @Test func bytesAreReadAlikeTrustedOrCheckedAndBadUTF8IsRepairedWhenChecked() throws {
        let text = #"{"a":"ñandú \"y\" 🇵🇭\n\u00e9","b":["x","\\"],"c":"Gestión de crisis"}"#
        let checked = try Array(text.utf8).withUnsafeBytes(FieldValue.parseFields(jsonBytes:))
        let trusted = try Array(text.utf8).withUnsafeBytes(FieldValue.parseFields(validUTF8JSON:))
        #expect(checked == trusted)
        #expect(trusted["a"] == .text("ñandú \"y\" 🇵🇭\né"))
        #expect(trusted["b"] == .list([.text("x"), .text("\\")]))
        #expect(trusted == (try FieldValue.parseFields(json: text)))
        // A lone continuation byte and a truncated sequence, around an escape.
        let bad: [UInt8] = Array(#"{"a":"x"#.utf8) + [0x80] + Array(#"\n"#.utf8) + [0xC3] + Array(#""}"#.utf8)
        let repaired = try bad.withUnsafeBytes(FieldValue.parseFields(jsonBytes:))
        #expect(repaired["a"] == .text("x\u{FFFD}\n\u{FFFD}"))
    }
}

@Suite struct RedundancyTests {
    static let type = ContentType(
        name: "note",
        plural: "notes",
        label: "Note",
        fields: [FieldSpec("summary", .markdown(maxLength: 100)), FieldSpec("day", .date, shared: true)]
    )

    static func item(translationOf original: Int64?) -> Item {
        Item(
            id: 7,
            tenant: "cr",
            type: "note",
            language: "en",
            translationOf: original,
            slug: "a",
            title: "A",
            status: "draft",
            version: 1,
            fields: ["summary": .text("s"), "day": .text("2026-01-01")],
            author: "ana",
            createdAt: Date(),
            updatedAt: Date()
        )
    }

    @Test func changesThatChangeNothingOfTheItemsOwnAreRedundant() {
        let original = Self.item(translationOf: nil)
        let translation = Self.item(translationOf: 3)
        let same = ItemChanges(set: ["summary": .text("s")])
        let day = ItemChanges(set: ["day": .text("2026-02-02")])
        let summary = ItemChanges(set: ["summary": .text("t")])
        #expect(same.redundancy(on: original, of: Self.type, acrossTranslations: true) == .nothing)
        #expect(day.redundancy(on: original, of: Self.type, acrossTranslations: true) == nil)
        #expect(
            day.redundancy(on: translation, of: Self.type, acrossTranslations: true) == .sharedFieldsFollow(original: 3)
        )
        #expect(day.redundancy(on: translation, of: Self.type, acrossTranslations: false) == nil)
        #expect(summary.redundancy(on: translation, of: Self.type, acrossTranslations: true) == nil)
        #expect(
            ItemChanges.reassign(to: "luis").redundancy(on: original, of: Self.type, acrossTranslations: false) == nil
        )
        #expect(ItemChanges(title: "B").redundancy(on: translation, of: Self.type, acrossTranslations: true) == nil)
    }
}
