internal import Foundation
internal import Kernel
internal import Postgres

/// Where the delivery API reads content: the first standby that has replayed everything the
/// server was told of (``ReplayFloor``), else the primary.
///
/// A standby that has not yet replayed that far is waited for, until `maxLag` seconds after
/// the server heard of the change; past that it is left for the next standby or the primary
/// (and left at once from then on, until it catches up). A standby that cannot be reached is
/// left the same way. So a page read from a standby is never older than a change the server
/// heard of before the reading began, and the cache may keep it as it keeps the primary's.
struct ReadRouting: Sendable {
    /// The primary's pool (the one `/health` and the refusal check use).
    let primary: ConnectionPool
    /// A pool per standby, in the order given.
    let standbys: [ConnectionPool]
    /// What every reading from a standby must have replayed.
    let floor: ReplayFloor
    /// Seconds a standby may stay behind the floor before it is left.
    let maxLag: Double

    /// Runs `body` on a connection to the first standby ready for it, else to the primary.
    func withConnection<Value: Sendable>(_ body: @Sendable (Connection) async throws -> Value) async throws -> Value {
        let floor = floor.current
        for standby in standbys {
            do {
                let value: Value? = try await standby.withConnection { connection in
                    guard try await replayed(connection, past: floor) else { return nil }
                    return try await body(connection)
                }
                if let value { return value }
            } catch let error as PostgresError
                where [.connectionFailed, .connectionLost, .connectionClosed, .poolClosed].contains(error.code)
            {
                continue
            }
        }
        return try await primary.withConnection(body)
    }

    /// Whether the server behind `connection` has replayed past `floor` (a primary always
    /// has), waiting for it until `maxLag` seconds after the floor was raised.
    private func replayed(_ connection: Connection, past floor: ReplayFloor.Mark?) async throws -> Bool {
        guard let floor else { return true }
        let deadline = floor.raised.addingTimeInterval(maxLag)
        while true {
            let row = try await connection.run {
                try $0.query("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text", plan: .prepared)[0]
            }
            guard try row.decode(Bool.self, at: 0) else { return true }
            if let replayed = LogPosition(row.text(at: 1)), replayed >= floor.position { return true }
            guard Date() < deadline else { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// What `/health` says of the servers: the primary's role, and each standby's role, how
    /// many milliseconds it has been behind the floor (0 when it is not) and whether it is read.
    /// - Throws: when the primary cannot be reached.
    func health() async throws -> FieldValue {
        let role = try await primary.withConnection { connection in
            try await connection.run { try $0.query("select pg_is_in_recovery()", plan: .prepared)[0] }
        }
        var document: [String: FieldValue] = [
            "status": .text("ok"), "database": .text("ok"),
            "role": .text(try role.decode(Bool.self, at: 0) ? "standby" : "primary"),
        ]
        guard !standbys.isEmpty else { return .object(document) }
        let floor = floor.current
        var entries: [FieldValue] = []
        for standby in standbys {
            let entry: FieldValue
            do {
                let row = try await standby.withConnection { connection in
                    try await connection.run {
                        try $0.query("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text", plan: .prepared)[0]
                    }
                }
                let replayed = LogPosition(row.text(at: 1))
                var lag = 0
                if let floor, let replayed, replayed < floor.position {
                    lag = Int(Date().timeIntervalSince(floor.raised) * 1000)
                }
                entry = .object([
                    "role": .text(try row.decode(Bool.self, at: 0) ? "standby" : "primary"),
                    "replayed": replayed.map { .text($0.description) } ?? .null,
                    "lag_ms": .integer(lag), "read": .boolean(Double(lag) <= maxLag * 1000),
                ])
            } catch {
                entry = .object(["role": .text("unreachable"), "read": .boolean(false)])
            }
            entries.append(entry)
        }
        document["standbys"] = .list(entries)
        return .object(document)
    }
}
