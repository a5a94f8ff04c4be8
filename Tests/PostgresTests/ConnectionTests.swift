import Foundation
import Logging
import MicicTesting
import Postgres
import Synchronization
import Testing

@Suite struct ConnectionTests {
    @Test func transactionsCommitOnSuccessAndRollBackOnError() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            struct Refused: Error {}
            let count = try await connection.run { connection in
                try connection.execute("create table notes (body text)")
                try connection.withTransaction { try $0.execute("insert into notes values ('kept')") }
                #expect(throws: Refused.self) {
                    try connection.withTransaction { connection in
                        try connection.execute("insert into notes values ('dropped')")
                        throw Refused()
                    }
                }
                try connection.withTransaction { connection in
                    try connection.execute("insert into notes values ('outer')")
                    try? connection.withTransaction { connection in
                        try connection.execute("insert into notes values ('inner')")
                        throw Refused()
                    }
                    try connection.withTransaction { try $0.execute("insert into notes values ('inner kept')") }
                }
                let stillOpen = connection.isInTransaction
                #expect(!stillOpen)
                return try connection.query("select body from notes order by body").map {
                    try $0.decode(String.self, at: 0)
                }
            }
            #expect(count == ["inner kept", "kept", "outer"])
            await connection.close()
        }
    }

    @Test func aFailedStatementRollsBackTheWholeTransaction() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let remaining = try await connection.run { connection in
                try connection.execute("create table numbers (n int primary key)")
                #expect(throws: PostgresError.self) {
                    try connection.withTransaction { connection in
                        try connection.execute("insert into numbers values (1)")
                        try connection.execute("insert into numbers values (1)")
                    }
                }
                return try connection.query("select count(*) from numbers")[0].decode(Int.self, at: 0)
            }
            #expect(remaining == 0)
            await connection.close()
        }
    }

    @Test func cancellingStopsTheStatementAndKeepsTheConnection() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let token = connection.cancelToken
            let started = Date()
            // A thread of its own: tests that wait on processes can keep the task pool busy.
            let canceller = Thread {
                Thread.sleep(forTimeInterval: 0.3)
                token.cancel()
            }
            canceller.start()
            let error = await #expect(throws: PostgresError.self) { try await connection.query("select pg_sleep(60)") }
            #expect(error?.sqlState == .queryCanceled)
            #expect(error?.code == .server)
            // Well before the minute the statement would take uncancelled, even on a loaded machine.
            #expect(Date().timeIntervalSince(started) < 45)
            #expect(try await connection.query("select 3")[0].decode(Int.self, at: 0) == 3)
            #expect(await connection.isIdle)
            await connection.close()
        }
    }

    @Test func preparedStatementsAreReusedAndSurviveAReset() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let sums = try await connection.run { connection in
                try (1...50).map { n in
                    try connection.query("select \(n) + \(n) as doubled", plan: .prepared)[0].decode(Int.self, at: 0)
                }
            }
            #expect(sums == (1...50).map { $0 * 2 })
            let prepared = try await connection.query("select count(*) from pg_prepared_statements")[0].decode(
                Int.self,
                at: 0
            )
            #expect(prepared == 1)
            try await connection.reset()
            #expect(
                try await connection.query("select \(20) + \(1) as x", plan: .prepared)[0].decode(Int.self, at: 0) == 21
            )
            await connection.close()
        }
    }

    @Test func genericStatementsKeepOnePlanAndLeaveTheSettingAsItWas() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let (rows, plans, mode, failure, afterFailure) = try await connection.run { connection in
                try connection.execute("create table numbers (n int primary key, odd boolean)")
                try connection.execute("insert into numbers select n, n % 2 = 1 from generate_series(1, 1000) n")
                let statement: (Int) -> Query = { "select n from numbers where odd = \($0 % 2 == 1) and n > \($0)" }
                // Out of and inside a transaction block: each call runs with the generic plan.
                var rows = try (1...4).map { try connection.query(statement($0), plan: .generic).count }
                try connection.withTransaction { connection in
                    rows += try (5...8).map { try connection.query(statement($0), plan: .generic).count }
                }
                let plans = try connection.query(
                    "select generic_plans, custom_plans from pg_prepared_statements where statement like '%numbers%'"
                )
                .map { [try $0.decode(Int.self, at: 0), try $0.decode(Int.self, at: 1)] }
                let mode = try connection.query("show plan_cache_mode")[0].decode(String.self, at: 0)
                // A failing statement reports its own error, and the setting is rolled back
                // with the implicit transaction or with the block.
                let failing: Query = "select 1 / (n - \(500)) from numbers"
                let failure = #expect(throws: PostgresError.self) { try connection.query(failing, plan: .generic) }
                #expect(throws: PostgresError.self) {
                    try connection.withTransaction { try $0.query(failing, plan: .generic) }
                }
                let afterFailure = try connection.query("show plan_cache_mode")[0].decode(String.self, at: 0)
                return (rows, plans, mode, failure?.sqlState, afterFailure)
            }
            #expect(rows == [499, 499, 498, 498, 497, 497, 496, 496])
            #expect(plans == [[8, 0]])
            #expect(mode == "auto")
            #expect(failure == SQLState("22012"))  // division_by_zero
            #expect(afterFailure == "auto")
            #expect(await connection.isIdle)
            await connection.close()
        }
    }

    @Test func genericStatementsInARowSendNoSettingAndEveryOtherStatementRunsWithTheDefault() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let observer = try await database.connect()
            let pid = await connection.backendPID
            let mode: Query = "select current_setting('plan_cache_mode') as mode"
            // What the session last sent, as another session sees it.
            let lastStatement = {
                try await observer.query("select query from pg_stat_activity where pid = \(pid)")[0]
                    .decode(String.self, at: 0)
            }
            let generic = try await connection.run { connection in
                try (1...3).map { _ in try connection.query(mode, plan: .generic)[0].decode(String.self, at: 0) }
            }
            #expect(generic == Array(repeating: "force_generic_plan", count: 3))
            #expect(try await lastStatement() == mode.description)
            let others = try await connection.run { connection in
                var seen: [String] = []
                for plan in [StatementPlan.withValues, .prepared] {
                    _ = try connection.query(mode, plan: .generic)
                    seen.append(try connection.query(mode, plan: plan)[0].decode(String.self, at: 0))
                }
                _ = try connection.query(mode, plan: .generic)
                try connection.stream(mode) { row in
                    seen.append(row.withTextBytes(at: 0) { String(decoding: $0, as: UTF8.self) } ?? "")
                }
                _ = try connection.query(mode, plan: .generic)
                try connection.copyTo("copy (select current_setting('plan_cache_mode')) to stdout") {
                    seen.append(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .newlines))
                }
                _ = try connection.query(mode, plan: .generic)
                try connection.executeScript("create temporary table seen as \(mode.description)")
                seen.append(try connection.query("select mode from seen")[0].decode(String.self, at: 0))
                // A generic statement inside a block that is rolled back, then one outside.
                _ = try connection.query(mode, plan: .generic)
                try connection.execute("begin")
                seen.append(try connection.query(mode, plan: .generic)[0].decode(String.self, at: 0))
                seen.append(try connection.query(mode)[0].decode(String.self, at: 0))
                try connection.execute("rollback")
                seen.append(try connection.query(mode)[0].decode(String.self, at: 0))
                seen.append(try connection.query(mode, plan: .generic)[0].decode(String.self, at: 0))
                return seen
            }
            #expect(
                others == [
                    "auto", "auto", "auto", "auto", "auto", "force_generic_plan", "auto", "auto", "force_generic_plan",
                ]
            )
            #expect(await connection.isIdle)
            await observer.close()
            await connection.close()
        }
    }

    @Test func scriptsRunSeveralStatementsAndStopAtTheFirstError() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.executeScript(
                "create table a (n int); insert into a values (1); insert into a values (2);"
            )
            let error = await #expect(throws: PostgresError.self) {
                try await connection.executeScript(
                    "insert into a values (3); select nonsense(); insert into a values (4);"
                )
            }
            #expect(error?.sqlState == .undefinedFunction)
            // One script is one implicit transaction: the statement before the error is undone too.
            #expect(try await connection.query("select count(*) from a")[0].decode(Int.self, at: 0) == 2)
            await connection.close()
        }
    }

    @Test func noticesGoToTheLoggerNotStandardError() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let box = MessageBox()
            let logger = Logger(label: "test.notices") { _ in CollectingLogHandler(box: box) }
            let connection = try await Connection.connect(database.configuration, logger: logger)
            try await connection.query("do $$ begin raise notice 'hello from plpgsql'; raise warning 'careful'; end $$")
            let seen = box.messages.withLock { $0 }
            #expect(seen.contains("notice hello from plpgsql"))
            #expect(seen.contains("warning careful"))
            await connection.close()
        }
    }

    @Test func connectionsReportTheirState() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            #expect(await connection.serverVersion >= 120_000)
            #expect(await connection.user == "postgres")
            #expect(await connection.isIdle)
            try await connection.query("begin")
            #expect(await connection.isInTransaction)
            #expect(!(await connection.isIdle))
            try await connection.query("rollback")
            let application = try await connection.query("select current_setting('application_name')")[0]
            #expect(try application.decode(String.self, at: 0) == "micic-tests")
            await connection.close()
        }
    }
}

/// Log messages collected by ``CollectingLogHandler``.
final class MessageBox: Sendable {
    let messages = Mutex<[String]>([])
}

/// Keeps every log message as "level message".
struct CollectingLogHandler: LogHandler {
    let box: MessageBox
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        box.messages.withLock { $0.append("\(event.level) \(event.message)") }
    }
}
