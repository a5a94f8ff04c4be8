import Kernel
import Postgres
import Registration
import Store
import Synchronization

/// The bench database's tenant id once the content schema is in place (set once per run).
private let contentTenantID = Mutex<Int64?>(nil)

extension BenchContext {
    /// The tenant the content benchmarks write to and read from.
    static let contentTenant = Tenant(
        code: "cr",
        name: "IOM Costa Rica",
        defaultLanguage: "es",
        languages: ["es", "en"]
    )

    /// The plugins the executable registers.
    static func contentRegistry() throws -> PluginRegistry {
        try Platform.registry()
    }

    /// Migrates the bench database with the kernel's and the plugins' migrations and creates
    /// the tenant, the first time a benchmark asks (once per run).
    /// - Returns: the tenant's row id.
    @discardableResult
    func prepareContent() async throws -> Int64 {
        if let id = contentTenantID.withLock({ $0 }) { return id }
        let connection = try await connect()
        let id = try await Self.prepareContent(on: connection)
        await connection.close()
        contentTenantID.withLock { $0 = id }
        return id
    }

    /// Migrates the database of `connection` (another server's, such as a replica set's
    /// primary) and creates the tenant.
    /// - Returns: the tenant's row id.
    static func prepareContent(on connection: Connection) async throws -> Int64 {
        let migrator = Migrator(migrations: try Platform.migrations())
        return try await connection.run { connection in
            try migrator.migrate(on: connection)
            let lookUp = { try connection.query("select id from tenants where code = \(Self.contentTenant.code)") }
            // A reused server (see `MICIC_BENCH_HOME`) has the tenant already.
            if let row = try lookUp().first { return try row.decode(Int64.self, at: 0) }
            try TenantDirectory().create(Self.contentTenant, on: connection)
            return try lookUp()[0].decode(Int64.self, at: 0)
        }
    }

    /// Makes `name` a login role reading as the public (a member of `micic_public`) on the
    /// server of `connection`, unless it exists.
    static func createPublicReader(_ name: String, on connection: Connection) async throws {
        try await connection.execute(
            """
            do $$ begin create role \(identifier: name) login in role micic_public;
            exception when duplicate_object then null; end $$
            """
        )
    }
}
