import MicicTesting
import Postgres
import Testing

@Suite struct StreamTests {
    @Test func streamHandsOnEveryRowInOrderWithBoundValues() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let limit = 5_000
            let (count, values, nulls) = try await connection.run { connection in
                var values: [Int] = []
                var nulls = 0
                let count = try connection.stream(
                    "select n, case when n % 10 = 0 then null else 'row ' || n end from generate_series(1, \(limit)) n order by n"
                ) { row in
                    #expect(row.columnCount == 2)
                    values.append(row.withTextBytes(at: 0) { Int(String(decoding: $0, as: UTF8.self))! } ?? -1)
                    if row.isNull(at: 1) { nulls += 1 }
                }
                return (count, values, nulls)
            }
            #expect(count == limit)
            #expect(values == Array(1...limit))
            #expect(nulls == limit / 10)
            #expect(await connection.isIdle)
            await connection.close()
        }
    }

    @Test func aFailingBodyOrStatementLeavesTheConnectionUsable() async throws {
        struct Stop: Error {}
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            await #expect(throws: Stop.self) {
                try await connection.run { connection in
                    try connection.stream("select n from generate_series(1, 1000) n") { _ in throw Stop() }
                }
            }
            let error = await #expect(throws: PostgresError.self) {
                try await connection.run { connection in
                    try connection.stream("select 1 / (500 - n) from generate_series(1, 1000) n") { _ in }
                }
            }
            #expect(error?.sqlState == SQLState("22012"))
            #expect(try await connection.query("select 42")[0].decode(Int.self, at: 0) == 42)
            await connection.close()
        }
    }
}
