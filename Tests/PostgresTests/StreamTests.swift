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

    @Test func streamedRowsArePlannedAsAskedAndOutliveTheStream() async throws {
        struct Stop: Error {}
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let outcome = try await connection.run { connection in
                try connection.execute("create table numbers (n int primary key)")
                try connection.execute("insert into numbers select generate_series(1, 1000)")
                let statement: @Sendable (Int) -> Query = {
                    "select n, current_setting('plan_cache_mode') as mode from numbers where n > \($0) order by n"
                }
                var rows: [Row] = []
                for floor in [990, 995] { try connection.stream(statement(floor), plan: .generic) { rows.append($0) } }
                // Inside a block, the mode is set for the statement alone.
                var inBlock: [String] = []
                try connection.withTransaction { connection in
                    try connection.stream(statement(998), plan: .generic) {
                        inBlock.append(try $0.decode(String.self, column: "mode"))
                    }
                    inBlock.append(try connection.query("show plan_cache_mode")[0].decode(String.self, at: 0))
                }
                let plans = try connection.query(
                    "select generic_plans, custom_plans from pg_prepared_statements where statement like '%numbers%'"
                )
                .map { [try $0.decode(Int.self, at: 0), try $0.decode(Int.self, at: 1)] }
                let after = try connection.query("show plan_cache_mode")[0].decode(String.self, at: 0)
                // A failing body or statement inside a block: the block is rolled back and
                // the mode with it.
                #expect(throws: Stop.self) {
                    try connection.withTransaction { try $0.stream(statement(0), plan: .generic) { _ in throw Stop() } }
                }
                let failure = #expect(throws: PostgresError.self) {
                    try connection.withTransaction {
                        try $0.stream("select 1 / (500 - n) from numbers order by n", plan: .generic) { _ in }
                    }
                }
                let afterFailure = try connection.query("show plan_cache_mode")[0].decode(String.self, at: 0)
                return (rows, inBlock, plans, after, failure?.sqlState, afterFailure)
            }
            let (rows, inBlock, plans, after, failure, afterFailure) = outcome
            #expect(try rows.map { try $0.decode(Int.self, column: "n") } == Array(991...1000) + Array(996...1000))
            #expect(try rows.allSatisfy { try $0.decode(String.self, column: "mode") == "force_generic_plan" })
            #expect(inBlock == ["force_generic_plan", "force_generic_plan", "auto"])
            #expect(plans == [[3, 0]])
            #expect(after == "auto")
            #expect(failure == SQLState("22012"))
            #expect(afterFailure == "auto")
            #expect(await connection.isIdle)
            await connection.close()
        }
    }
}
