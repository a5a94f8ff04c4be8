import Foundation
import Kernel
import Store
import Testing

/// Fields read from the database (``StoredFields`` made from `jsonb` text): checked when read,
/// parsed when first used.
@Suite struct StoredFieldsTests {
    static let text = #"{"summary":"Albergues \"seguros\"\n","countries":["CR","PA"],"year":2018,"ok":true}"#

    static func stored(_ text: String) throws -> StoredFields {
        try Array(text.utf8).withUnsafeBytes(StoredFields.init(jsonbText:))
    }

    static func item(fields: [String: FieldValue]) -> Item {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        return Item(
            id: 1,
            tenant: "cr",
            type: "practice",
            language: "es",
            slug: "albergues",
            title: "Albergues",
            status: "draft",
            version: 1,
            fields: fields,
            author: "ana",
            createdAt: now,
            updatedAt: now
        )
    }

    @Test func storedTextReadsAsItsParsedValues() throws {
        let stored = try Self.stored(Self.text)
        #expect(stored.values == (try FieldValue.parseFields(json: Self.text)))
        #expect(stored.values["countries"] == .list([.text("CR"), .text("PA")]))
    }

    @Test func textFieldsCannotHoldIsRefusedWhenStored() throws {
        // Checked when the text is read, not later when a field is.
        let refused = [
            #"{"year": 20.5}"#, #"{"a": [1, -2.0]}"#, #"{"n": 1e3}"#, #"{"n": 1E3}"#, #"{"n": 99999999999999999999}"#,
            #"{"n": 9999999999999999999}"#, #"{"n": -9223372036854775809}"#,
            #"{"a": "open"#, #"["CR"]"#, #"{"a": 1} x"#, #"{"a": 1"#,
            "{\"a\": " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}",
        ]
        for text in refused {
            #expect(throws: FieldValueJSONError.self, "\(text)") { try Self.stored(text) }
            #expect(throws: FieldValueJSONError.self, "\(text)") { try FieldValue.parseFields(json: text) }
        }
        // What the server writes: spaces after colons and commas, escapes, numbers in strings.
        let accepted = [
            #"{"a": [1, -2, 9223372036854775807, -9223372036854775808, 999999999999999999], "b": {"c": "x\"y\\", "d": "20.5"}, "e": null, "f": false}"#,
            "{\"a\": " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "}", "{}",
        ]
        for text in accepted {
            #expect(try Self.stored(text).values == FieldValue.parseFields(json: text), "\(text)")
        }
    }

    @Test func anItemWithStoredFieldsEqualsOneWithTheirValuesAndChangesInPlace() throws {
        let values = try FieldValue.parseFields(json: Self.text)
        var lazy = Self.item(fields: [:])
        lazy.setFields(try Self.stored(Self.text))
        let eager = Self.item(fields: values)
        #expect(lazy == eager)
        #expect(lazy.hashValue == eager.hashValue)
        #expect(lazy.fields["year"] == .integer(2018))

        lazy.fields["year"] = .integer(2019)
        lazy.fields["countries"] = nil
        #expect(lazy.fields.count == 3)
        #expect(lazy.fields["year"] == .integer(2019))
        #expect(lazy != eager)
        #expect(lazy.withoutFields(["summary", "ok"]).fields == ["year": .integer(2019)])

        let encoded = try JSONEncoder().encode(eager)
        #expect(try JSONDecoder().decode(Item.self, from: encoded) == eager)
        let object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any]
        #expect((object?["fields"] as? [String: Any])?["year"] as? Int == 2018)
    }

    @Test func escapesFarIntoLongStringsAreCheckedAsTheParserReadsThem() throws {
        let a = String(repeating: "a", count: 30)
        let b = String(repeating: "b", count: 40)
        let texts = [a + "\"" + b + "\\" + "\n" + a, "\\\\\"\"", String(repeating: "\"q", count: 50)]
        let fields = Dictionary(uniqueKeysWithValues: texts.enumerated().map { ("k\($0)", FieldValue.text($1)) })
        #expect(try Self.stored(FieldValue.jsonText(of: fields)).values == fields)
        // An unterminated long string, and one whose last quote is escaped.
        for broken in [#"{"a":""# + a + b, #"{"a":""# + a + #"\"}"#] {
            #expect(throws: FieldValueJSONError.self) { try Self.stored(broken) }
        }
    }
}
