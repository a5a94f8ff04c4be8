import Foundation
import MicicTesting
import Postgres
import Testing

@Suite struct CopyTests {
    private func count(_ table: String, on connection: Connection) async throws -> Int {
        try await connection.query("select count(*) from \(identifier: table)")[0].decode(Int.self, at: 0)
    }

    @Test func copyFromStreamsRowsWithEveryKindOfCharacter() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.execute("create table items (id int, title text, fields jsonb)")
            let titles = ["tab\there", "new\nline", "carriage\rreturn", "back\\slash", "ñandú 🇨🇷", "\\N literal", ""]
            let loaded = try await connection.run { connection in
                try connection.copyFrom("copy items (id, title, fields) from stdin") { writer in
                    for index in 0..<20_000 {
                        let title: String? = index % 7 == 6 ? nil : titles[index % 7]
                        try writer.writeRow([String(index), title, #"{"n": \#(index)}"#])
                    }
                    #expect(writer.rowCount == 20_000)
                }
            }
            #expect(loaded == 20_000)
            let rows = try await connection.query(
                "select id, title, fields->>'n' as n from items where id < 7 order by id"
            )
            for row in rows {
                let id = try row.decode(Int.self, column: "id")
                let expected: String? = id == 6 ? nil : titles[id]
                #expect(try row.decode(String?.self, column: "title") == expected)
                #expect(try row.decode(String.self, column: "n") == String(id))
            }
            await connection.close()
        }
    }

    @Test func aCopyOfInvalidRowsFailsAndLeavesTheTableUnchanged() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.executeScript(
                "create table items (id int primary key, title text); insert into items values (0, 'kept');"
            )
            let error = await #expect(throws: PostgresError.self) {
                try await connection.run { connection in
                    try connection.copyFrom("copy items from stdin") { writer in
                        for index in 1...1000 {
                            try writer.writeRow([index == 500 ? "five hundred" : String(index), "t"])
                        }
                    }
                }
            }
            #expect(error?.sqlState == .invalidTextRepresentation)
            #expect(error?.context?.contains("line 500") == true)
            #expect(try await count("items", on: connection) == 1)
            #expect(await connection.isIdle)
            await connection.close()
        }
    }

    @Test func anAbandonedCopyIsEndedWithAnErrorNotLeftOpen() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.execute("create table items (id int, title text)")
            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await connection.run { connection in
                    try connection.copyFrom("copy items from stdin") { writer in
                        for index in 1...5000 { try writer.writeRow([String(index), "row"]) }
                        throw Stop()
                    }
                }
            }
            let nul = await #expect(throws: PostgresError.self) {
                try await connection.run { connection in
                    try connection.copyFrom("copy items from stdin") { writer in
                        try writer.writeRow(["1", "fine"])
                        try writer.writeRow(["2", "nul\u{0}inside"])
                    }
                }
            }
            #expect(nul?.code == .encoding)
            #expect(try await count("items", on: connection) == 0)
            #expect(await connection.isIdle)
            await connection.close()
        }
    }

    @Test func copyToStreamsRowsAndSurvivesAnAbandonedRead() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.execute(
                "create table items as select n, 'title ' || n as title from generate_series(1, 10000) n"
            )
            let (rows, bytes) = try await connection.run { connection in
                var lines = 0
                var bytes = 0
                let rows = try connection.copyTo("copy (select n, title from items order by n) to stdout") { line in
                    lines += 1
                    bytes += line.count
                    if lines == 1 { #expect(String(decoding: line, as: UTF8.self) == "1\ttitle 1\n") }
                }
                #expect(lines == rows)
                return (rows, bytes)
            }
            #expect(rows == 10_000)
            #expect(bytes > 10_000 * 8)
            struct Enough: Error {}
            await #expect(throws: Enough.self) {
                try await connection.run { connection in
                    var seen = 0
                    try connection.copyTo("copy items to stdout") { _ in
                        seen += 1
                        if seen == 10 { throw Enough() }
                    }
                }
            }
            #expect(try await count("items", on: connection) == 10_000)
            let misuse = await #expect(throws: PostgresError.self) {
                try await connection.query("copy items to stdout")
            }
            #expect(misuse?.code == .protocolViolation)
            #expect(await connection.isIdle)
            await connection.close()
        }
    }
}
