import Foundation
import MicicTesting
import Postgres
import Testing

@Suite struct TypeRoundTripTests {
    /// Sends `value` as a parameter, stores it in a column of `sqlType`, and reads it back.
    private func roundTrip<Value: PostgresCodable & Equatable>(
        _ value: Value,
        as sqlType: String,
        on connection: Connection
    ) async throws -> Value {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try connection.execute(Query(unsafeSQL: "create temporary table box (v \(sqlType)) on commit drop"))
                try connection.execute("insert into box (v) values (\(value))")
                return try connection.query("select v from box")[0].decode(Value.self, column: "v") as Value
            }
        }
    }

    @Test func everySupportedTypeRoundTrips() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let large = String(repeating: "Migrantes en países en crisis · 移民 · ", count: 40_000)
            for text in ["", "plain", "Gestión de crisis", "emoji 🇨🇷🇵🇭", "tab\tnew\nline\\back", large] {
                #expect(try await roundTrip(text, as: "text", on: connection) == text)
            }
            for number in [0, 1, -1, Int.max, Int.min] {
                #expect(try await roundTrip(number, as: "bigint", on: connection) == number)
            }
            for number: Int32 in [Int32.max, Int32.min, 0] {
                #expect(try await roundTrip(number, as: "integer", on: connection) == number)
            }
            for number: Double in [0.0, -1.5, 1e300, Double.pi, .infinity, -.infinity] {
                #expect(try await roundTrip(number, as: "double precision", on: connection) == number)
            }
            #expect(try await roundTrip(Double.nan, as: "double precision", on: connection).isNaN)
            for flag in [true, false] {
                #expect(try await roundTrip(flag, as: "boolean", on: connection) == flag)
            }
            let id = UUID()
            #expect(try await roundTrip(id, as: "uuid", on: connection) == id)
            for date in [
                Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_512_345_678.123456),
                Date(timeIntervalSince1970: -2_000_000_000.5), Date(timeIntervalSince1970: 4_102_444_800),
            ] {
                let back = try await roundTrip(date, as: "timestamptz", on: connection)
                #expect(abs(back.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.000_001)
            }
            let bytes = Data((0...255).map { UInt8($0) } + [0, 0])
            #expect(try await roundTrip(bytes, as: "bytea", on: connection) == bytes)
            #expect(try await roundTrip(Data(), as: "bytea", on: connection) == Data())
            let bigBytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            #expect(try await roundTrip(bigBytes, as: "bytea", on: connection) == bigBytes)
            let texts = ["a", "", "with,comma", "with \"quotes\"", "back\\slash", "{braces}", "NULL", "ñ"]
            #expect(try await roundTrip(texts, as: "text[]", on: connection) == texts)
            #expect(try await roundTrip([String](), as: "text[]", on: connection) == [])
            #expect(try await roundTrip([1, -2, Int.max], as: "bigint[]", on: connection) == [1, -2, Int.max])
            #expect(try await roundTrip([Int32(3), 8], as: "integer[]", on: connection) == [3, 8])
            let document = JSONDocument(text: #"{"guidelines": [3, 8], "title": {"es": "Gestión"}}"#)
            let back = try await roundTrip(document, as: "jsonb", on: connection)
            #expect(try back.decode([String: JSONValueProbe].self) == document.decode([String: JSONValueProbe].self))
            await connection.close()
        }
    }

    @Test func optionalsTravelAsNull() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let missing: String? = nil
            let row = try await connection.query("select \(missing)::text as a, \(Optional("x"))::text as b")[0]
            #expect(try row.decode(String?.self, column: "a") == nil)
            #expect(try row.decode(String?.self, column: "b") == "x")
            #expect(row.isNull(at: 0))
            let error = #expect(throws: PostgresError.self) { try row.decode(String.self, column: "a") }
            #expect(error?.code == .unexpectedNull)
            #expect(error?.column == "a")
            await connection.close()
        }
    }

    @Test func textWithNULIsRefusedNotTruncated() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let error = await #expect(throws: PostgresError.self) {
                try await connection.query("select \("before\u{0}after")::text")
            }
            #expect(error?.code == .encoding)
            #expect(error?.message.contains("$1") == true)
            #expect(error?.description.contains("before") == false)
            let document = JSONDocument(text: "{\"a\": \"\u{0}\"}")
            await #expect(throws: PostgresError.self) { try await connection.query("select \(document)") }
            await connection.close()
        }
    }

    @Test func wrongTypeIsAnErrorNamingTheColumn() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let row = try await connection.query("select 'abc'::text as title, 42 as count, 3000000000::bigint as big")[
                0
            ]
            let error = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "title") }
            #expect(error?.code == .decoding)
            #expect(error?.column == "title")
            #expect(error?.message.contains("title") == true)
            #expect(try row.decode(Int.self, column: "count") == 42)
            #expect(try row.decode(String.self, column: "count") == "42")
            #expect(throws: PostgresError.self) { try row.decode(Int32.self, column: "big") }
            let missing = #expect(throws: PostgresError.self) { try row.decode(String.self, column: "nope") }
            #expect(missing?.code == .missingColumn)
            #expect(throws: PostgresError.self) { try row.decode(String.self, at: 7) }
            await connection.close()
        }
    }

    @Test func hostileStringsAreStoredByteForByteAndNeverExecuted() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let hostile = [
                "'; drop table notes; --", "\"; drop table notes; --", "Robert'); DROP TABLE notes;--",
                "back\\slash \\' \\\\", "$1 $2 $$ dollar $$", "😀👍🏽 ñ ü 中文", "\u{202E}rtl", "%s %d {0}",
            ]
            try await connection.run { connection in
                try connection.execute("create table notes (id serial primary key, body text)")
                for text in hostile { try connection.execute("insert into notes (body) values (\(text))") }
                let stored = try connection.query("select body from notes order by id").map {
                    try $0.decode(String.self, at: 0)
                }
                #expect(stored == hostile)
                #expect(try connection.query("select count(*) from notes")[0].decode(Int.self, at: 0) == hostile.count)
                let found = try connection.query("select id from notes where body = \(hostile[0])")
                #expect(found.count == 1)
            }
            await connection.close()
        }
    }

    @Test func identifiersAreQuotedThroughLibpq() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let table = "odd \"name\"; drop"
            try await connection.run { connection in
                try connection.execute("create table \(identifier: table) (v int)")
                try connection.execute("insert into \(identifier: table) values (\(Int32(7)))")
                #expect(try connection.query("select v from \(identifier: table)")[0].decode(Int32.self, at: 0) == 7)
                #expect(try connection.escapeIdentifier("a\"b") == "\"a\"\"b\"")
            }
            await connection.close()
        }
    }
}

/// Any JSON value, to compare documents independent of key order and spacing.
private enum JSONValueProbe: Decodable, Equatable {
    case number(Double)
    case text(String)
    case list([JSONValueProbe])
    case object([String: JSONValueProbe])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([JSONValueProbe].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: JSONValueProbe].self))
        }
    }
}
