public import Postgres

/// One statement a platform administrator types (`sql "select ..."`), run in a read-only
/// transaction that is then rolled back.
///
/// ```swift
/// let result = try ReadOnlyQuery().run("select count(*) from items", on: connection)
/// ```
public struct ReadOnlyQuery: Sendable {
    /// The runner.
    public init() {}

    /// Runs `text` as it is (it is the person's own SQL, under their own role and row-level
    /// security) in a read-only transaction, rolled back afterwards.
    public func run(_ text: String, on connection: isolated Connection) throws -> QueryResult {
        try connection.execute("begin read only")
        defer { _ = try? connection.execute("rollback") }
        return try connection.query(Query(unsafeSQL: text))
    }
}
