import MicicTesting
import Postgres
import Synchronization
import Testing

@Suite struct ConnectionPoolTests {
    @Test func anIdleConnectionIsReused() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let pool = ConnectionPool(configuration: try database.configuration, maximumConnections: 2)
            let first = try await pool.withConnection { await $0.backendPID }
            let second = try await pool.withConnection { await $0.backendPID }
            #expect(first == second)
            #expect(await pool.openConnections == 1)
            await pool.close()
        }
    }

    @Test func aConnectionLeftInATransactionIsDiscarded() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let pool = ConnectionPool(configuration: try database.configuration, maximumConnections: 2)
            let first = try await pool.withConnection { connection in
                try await connection.query("begin")
                return await connection.backendPID
            }
            let second = try await pool.withConnection { await $0.backendPID }
            #expect(first != second)
            await pool.close()
        }
    }

    @Test func aBrokenConnectionIsDiscarded() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let pool = ConnectionPool(configuration: try database.configuration, maximumConnections: 1)
            let killer = try await database.connect()
            let first = try await pool.withConnection { await $0.backendPID }
            try await killer.query("select pg_terminate_backend(\(Int32(first)))")
            await #expect(throws: PostgresError.self) {
                try await pool.withConnection { try await $0.query("select 1") }
            }
            let value = try await pool.withConnection { try await $0.query("select 5")[0].decode(Int.self, at: 0) }
            #expect(value == 5)
            await killer.close()
            await pool.close()
        }
    }

    @Test func leasesWaitWhenEveryConnectionIsLent() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let pool = ConnectionPool(configuration: try database.configuration, maximumConnections: 2)
            let peak = Peak()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            peak.enter()
                            // Long enough that the second connection opens while the
                            // first is lent, even on a loaded machine.
                            try await connection.query("select pg_sleep(0.2)")
                            peak.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(peak.highest == 2)
            #expect(await pool.openConnections <= 2)
            await pool.close()
            let error = await #expect(throws: PostgresError.self) { try await pool.withConnection { _ in 1 } }
            #expect(error?.code == .poolClosed)
        }
    }
}

/// Counts how many leases overlap.
private final class Peak: Sendable {
    private let state = Mutex((current: 0, highest: 0))

    func enter() {
        state.withLock { state in
            state.current += 1
            state.highest = max(state.highest, state.current)
        }
    }

    func leave() { state.withLock { $0.current -= 1 } }

    var highest: Int { state.withLock { $0.highest } }
}
