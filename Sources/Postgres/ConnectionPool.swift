public import Logging

/// A small pool of connections, lent through a scoped closure.
///
/// A connection goes back to the pool only when it is healthy and idle (no open
/// transaction); any other is closed, and a new one is opened on demand.
///
/// ```swift
/// let pool = ConnectionPool(configuration: configuration, maximumConnections: 8)
/// let count = try await pool.withConnection { connection in
///     try await connection.run { try $0.query("select count(*) from items")[0].decode(Int.self, at: 0) }
/// }
/// await pool.close()
/// ```
public actor ConnectionPool {
    /// Where the pool's connections go.
    public nonisolated let configuration: ConnectionConfiguration
    /// The most connections open at once.
    public nonisolated let maximumConnections: Int
    private let logger: Logger
    private var idle: [Connection] = []
    private var leased = 0
    private var waiters: [CheckedContinuation<Void, any Error>] = []
    private var closed = false

    /// Creates a pool; connections open lazily.
    public init(
        configuration: ConnectionConfiguration,
        maximumConnections: Int = 4,
        logger: Logger = Logger(label: "micic.postgres.pool")
    ) {
        precondition(maximumConnections > 0, "a pool needs at least one connection")
        self.configuration = configuration
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    /// Lends a connection to `body` and takes it back afterwards.
    /// - Throws: ``PostgresError/Code/poolClosed`` after ``close()``, connection errors, and
    ///   whatever `body` throws.
    public func withConnection<Value: Sendable>(
        _ body: @Sendable (Connection) async throws -> Value
    ) async throws -> Value {
        let connection = try await lease()
        do {
            let value = try await body(connection)
            await giveBack(connection)
            return value
        } catch {
            await giveBack(connection)
            throw error
        }
    }

    /// The number of connections open now (idle and lent).
    public var openConnections: Int { idle.count + leased }

    /// Closes idle connections and refuses new leases; lent ones close when returned.
    public func close() async {
        closed = true
        for connection in idle { await connection.close() }
        idle.removeAll()
        for waiter in waiters { waiter.resume(throwing: Self.closedError) }
        waiters.removeAll()
    }

    private func lease() async throws -> Connection {
        while true {
            guard !closed else { throw Self.closedError }
            if let connection = idle.popLast() {
                leased += 1
                return connection
            }
            if leased < maximumConnections {
                leased += 1
                do {
                    return try await Connection.connect(configuration, logger: logger)
                } catch {
                    leased -= 1
                    wakeOne()
                    throw error
                }
            }
            try await withCheckedThrowingContinuation { waiters.append($0) }
        }
    }

    private func giveBack(_ connection: Connection) async {
        leased -= 1
        if !closed, await connection.isIdle {
            idle.append(connection)
        } else {
            logger.debug("closing a returned connection that is not idle")
            await connection.close()
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }

    private static let closedError = PostgresError(code: .poolClosed, message: "the connection pool is closed")
}
