internal import Postgres
internal import Store

/// A connection of its own listening to `micic_public_changes`, which the schema's triggers
/// notify when a transaction that changed items or tenants commits; it reads the counters as
/// the public (``PublicReader/changeCounters(on:)``).
struct ConnectionChangeFeed: ChangeFeed {
    /// The channel the schema's triggers notify.
    static let channel = "micic_public_changes"

    let connection: Connection
    let reader: PublicReader
    /// Raised to the primary's log position with each reading of the counters.
    let floor: ReplayFloor

    /// Listens on `connection`, from now on.
    static func listening(
        on connection: Connection,
        reader: PublicReader,
        floor: ReplayFloor
    ) async throws -> ConnectionChangeFeed {
        try await connection.run { try $0.listen(channel) }
        return ConnectionChangeFeed(connection: connection, reader: reader, floor: floor)
    }

    func notifications(waitingUpTo timeout: Duration) async throws -> Int {
        try await connection.run { try $0.notifications(waitingUpTo: timeout).count }
    }

    /// The counters, after raising the replay floor to where the primary's log is now: past
    /// every change they count, before the follower forgets what those changes moved.
    func counters() async throws -> PublicChangeCounters {
        let (position, counters) = try await connection.run { connection in
            let position = try connection.query("select pg_current_wal_lsn()::text")[0].text(at: 0)
            return (position, try reader.changeCounters(on: connection))
        }
        if let position = LogPosition(position) { floor.raise(to: position) }
        return counters
    }
}
