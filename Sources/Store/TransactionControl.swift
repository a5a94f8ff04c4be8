public import Postgres

/// The shell's explicit transactions on a connection: `begin`, `commit` and `rollback` typed by
/// a person, and the transaction (or savepoint of the open one) a dry run is rolled back in.
///
/// ```swift
/// let control = TransactionControl()
/// try await connection.run { try control.begin(on: $0) }
/// let kept = try await connection.run { try control.commit(on: $0) }
/// ```
public struct TransactionControl: Sendable {
    /// The statements.
    public init() {}

    /// Opens a transaction.
    public func begin(on connection: isolated Connection) throws {
        try connection.execute("begin")
    }

    /// Commits the open transaction.
    /// - Returns: `false` when the server rolled it back instead (it had failed).
    public func commit(on connection: isolated Connection) throws -> Bool {
        try connection.query("commit").commandTag != "ROLLBACK"
    }

    /// Rolls the open transaction back.
    public func rollback(on connection: isolated Connection) throws {
        try connection.execute("rollback")
    }

    /// Opens what a dry run is rolled back in: a transaction, or a savepoint of the open one.
    /// - Returns: whether it is a savepoint (`nested` for ``endDryRun(nested:on:)``).
    public func beginDryRun(on connection: isolated Connection) throws -> Bool {
        let nested = connection.isInTransaction
        try connection.execute(nested ? "savepoint micic_dry_run" : "begin")
        return nested
    }

    /// Rolls a dry run back: to its savepoint when `nested`, else the whole transaction.
    public func endDryRun(nested: Bool, on connection: isolated Connection) throws {
        try connection.execute(nested ? "rollback to savepoint micic_dry_run" : "rollback")
    }
}
