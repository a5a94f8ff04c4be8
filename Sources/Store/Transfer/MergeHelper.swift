internal import Foundation
internal import Kernel
internal import Postgres
internal import Synchronization

/// A second connection, as the same person, that merges some of an import's batches while
/// the first merges the others: the server then spends both of its cores on the merge
/// (the generated search columns and index upkeep of each row), instead of one.
///
/// The first connection's code runs synchronously on that connection's own thread, so it
/// waits for the helper by blocking that thread, never one of Swift's cooperative pool.
final class MergeHelper: Sendable {
    /// The helper's connection.
    let connection: Connection
    private let work = Mutex<Task<ImportMerge.Counts, any Error>?>(nil)

    private init(connection: Connection) {
        self.connection = connection
    }

    /// A connection made as `connection` was, for the same person, with the settings made in
    /// `connection`'s session given to it too: the shell's command line (`micic.command`),
    /// which the audit entries of the helper's batches take, a role taken with `set role`, a
    /// timeout. `nil` when none can be opened or made the same (the import then merges on
    /// one connection).
    static func open(like connection: isolated Connection) -> MergeHelper? {
        let configuration = connection.configuration
        guard let settings = try? sessionSettings(of: connection),
            let identity = try? identity(of: connection),
            let helper = try? blocking({ try await Connection.connect(configuration) })
        else { return nil }
        let same = try? blocking {
            try await helper.run { helper in
                for (name, value) in settings {
                    try helper.execute("select set_config(\(name), \(value), false)")
                }
                return try Self.identity(of: helper) == identity
            }
        }
        guard same == true else {
            try? blocking { await helper.close() }
            return nil
        }
        return MergeHelper(connection: helper)
    }

    /// The settings made in `connection`'s session, a role taken last (after it, what only
    /// the person who logged in may set could not be). `pg_settings` does not show the role:
    /// it is read by its name (`none` when no role was taken).
    private static func sessionSettings(of connection: isolated Connection) throws -> [(String, String)] {
        try connection.query(
            """
            select name, value from (
                select name, current_setting(name) as value from pg_settings where source = 'session'
                union all
                select \(AuditTrail.commandSetting), current_setting(\(AuditTrail.commandSetting), true)
                where coalesce(current_setting(\(AuditTrail.commandSetting), true), '') <> ''
                union all
                select 'role', current_setting('role') where current_setting('role') <> 'none'
            ) as settings
            order by name = 'role', name
            """
        ).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)) }
    }

    /// Who logged in and whose rights apply.
    private static func identity(of connection: isolated Connection) throws -> [String] {
        let row = try connection.query("select session_user::text, current_user::text")[0]
        return [try row.decode(String.self, at: 0), try row.decode(String.self, at: 1)]
    }

    /// Starts `body` on the helper's connection; ``wait()`` gives its outcome.
    func start(_ body: @escaping @Sendable (isolated Connection) throws -> ImportMerge.Counts) {
        let connection = connection
        work.withLock { $0 = Task { try await connection.run(body) } }
    }

    /// Waits for the work ``start(_:)`` started, then closes the connection.
    func wait() -> Result<ImportMerge.Counts, any Error> {
        defer { close() }
        guard let task = work.withLock({ $0 }) else { return .success(ImportMerge.Counts()) }
        return Result { try Self.blocking { try await task.value } }
    }

    /// Closes the connection (for a helper that was given no work).
    func close() {
        try? Self.blocking { await self.connection.close() }
    }

    /// Runs `body` and waits for its value, blocking the calling thread.
    private static func blocking<Value: Sendable>(
        _ body: @escaping @Sendable () async throws -> Value
    ) throws -> Value {
        let done = DispatchSemaphore(value: 0)
        let value = Mutex<Result<Value, any Error>?>(nil)
        Task {
            let result: Result<Value, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            value.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try value.withLock { $0 }!.get()
    }
}
