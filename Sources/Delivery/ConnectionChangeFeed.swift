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

    /// Listens on `connection`, from now on.
    static func listening(on connection: Connection, reader: PublicReader) async throws -> ConnectionChangeFeed {
        try await connection.run { try $0.listen(channel) }
        return ConnectionChangeFeed(connection: connection, reader: reader)
    }

    func notifications(waitingUpTo timeout: Duration) async throws -> Int {
        try await connection.run { try $0.notifications(waitingUpTo: timeout).count }
    }

    func counters() async throws -> PublicChangeCounters {
        try await connection.run { try reader.changeCounters(on: $0) }
    }
}
