import Kernel
import Postgres
import Shell
import Store

/// The shell's view of the platform, over one PostgreSQL connection.
final class PostgresShellBackend: ShellBackend {
    let connection: Connection
    let contentStore: PostgresContentStore
    let user: String

    init(connection: Connection, registry: PluginRegistry) async {
        self.connection = connection
        contentStore = PostgresContentStore(connection: connection, registry: registry)
        user = await connection.user
    }

    var store: any ContentStore { contentStore }

    func tenants() async throws -> [Tenant] {
        try await connection.run { try TenantDirectory().list(on: $0) }
    }

    func begin() async throws { try await connection.execute("begin") }

    func commit() async throws { try await connection.execute("commit") }

    func rollback() async throws { try await connection.execute("rollback") }

    func inTransaction() async -> Bool { await connection.isInTransaction }

    /// Runs `body` inside a transaction (or a savepoint of the open one) that is then
    /// rolled back.
    func dryRun<Value>(_ body: () async throws -> Value) async throws -> Value {
        let nested = await connection.isInTransaction
        try await connection.execute(nested ? "savepoint micic_dry_run" : "begin")
        let undo: Query = nested ? "rollback to savepoint micic_dry_run" : "rollback"
        do {
            let value = try await body()
            try await connection.execute(undo)
            return value
        } catch {
            _ = try? await connection.execute(undo)
            throw error
        }
    }

    /// One statement in a read-only transaction of its own.
    func sql(_ text: String) async throws -> Table {
        guard !(await connection.isInTransaction) else {
            throw ShellError("sql runs in a read-only transaction of its own: commit or rollback first")
        }
        return try await connection.run { connection in
            try connection.execute("begin read only")
            defer { _ = try? connection.execute("rollback") }
            let result = try connection.query(Query(unsafeSQL: text))
            return Table(columns: result.columns.map(\.name), rows: result.map(\.texts))
        }
    }

    func cancel() {
        connection.cancelToken.cancel()
    }
}
