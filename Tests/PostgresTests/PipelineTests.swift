import Foundation
import MicicTesting
import Postgres
import Testing

@Suite struct PipelineTests {
    @Test func statementsSentAheadAnswerInOrder() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.execute("create table numbers (n int primary key, word text)")
            let results = try await connection.run { connection in
                try connection.withTransaction { connection in
                    // More statements than the window: answers are read while sending.
                    try connection.pipeline(window: 2) { pipeline in
                        for start in stride(from: 0, to: 1_000, by: 100) {
                            try pipeline.send(
                                """
                                insert into numbers select n, \("word") || n from generate_series(\(start), \(start + 99)) n
                                returning n
                                """
                            )
                        }
                    }
                }
            }
            #expect(results.count == 10)
            #expect(try results.map { try $0[0].decode(Int.self, at: 0) } == Array(stride(from: 0, to: 1_000, by: 100)))
            #expect(try await connection.query("select count(*) from numbers")[0].decode(Int.self, at: 0) == 1_000)
            await connection.close()
        }
    }

    @Test func aFailingStatementThrowsItsErrorAndTheConnectionStaysUsable() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.execute("create table numbers (n int primary key)")
            let error = await #expect(throws: PostgresError.self) {
                try await connection.run { connection in
                    try connection.withTransaction { connection in
                        try connection.pipeline(window: 3) { pipeline in
                            for n in [1, 2, 2, 3, 4, 5] { try pipeline.send("insert into numbers values (\(n))") }
                        }
                    }
                }
            }
            #expect(error?.sqlState == .uniqueViolation)
            // The transaction was rolled back whole, and the connection answers again.
            #expect(try await connection.query("select count(*) from numbers")[0].decode(Int.self, at: 0) == 0)
            #expect(await connection.isIdle)
            await connection.close()
        }
    }
}
