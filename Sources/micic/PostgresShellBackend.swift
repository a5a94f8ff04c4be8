import Kernel
import Postgres
import Registration
import Shell
import Store
import Synchronization

/// The shell's view of the platform, over one PostgreSQL connection.
final class PostgresShellBackend: ShellBackend {
    let connection: Connection
    let contentStore: PostgresContentStore
    let user: String
    /// The cancel token of the connection an `sql` command runs on, while it runs.
    private let sqlCancel = Mutex<CancelToken?>(nil)
    /// Whether `begin` opened a transaction block that `commit` or `rollback` has not ended.
    private let blockOpen = Mutex(false)

    init(connection: Connection, registry: PluginRegistry) async {
        self.connection = connection
        contentStore = Platform.store(on: connection, registry: registry)
        user = await connection.user
    }

    var store: any ContentStore { contentStore }

    /// The plugins' services over this store (the translation desk, the adoption desk).
    var services: [any Sendable] { Platform.services(for: contentStore) }

    func tenants() async throws -> [Tenant] {
        try await connection.run { try TenantDirectory().list(on: $0) }
    }

    func begin() async throws {
        try await connection.run { try TransactionControl().begin(on: $0) }
        blockOpen.withLock { $0 = true }
    }

    /// Commits; a transaction that had failed is rolled back by the server, and says so.
    func commit() async throws {
        defer { blockOpen.withLock { $0 = false } }
        if try await !connection.run({ try TransactionControl().commit(on: $0) }) {
            throw CommandError("the transaction had failed, so it was rolled back: nothing since begin was kept")
        }
    }

    func rollback() async throws {
        defer { blockOpen.withLock { $0 = false } }
        try await connection.run { try TransactionControl().rollback(on: $0) }
    }

    func reconnectIfLost() async throws -> String? {
        guard await connection.lostWhileIdle() else { return nil }
        let before = await connection.server
        // With several hosts in the URL, libpq tries each again and keeps the one that takes
        // writes (`target_session_attrs=read-write`): after a failover, the new primary.
        try await connection.reset()
        let after = await connection.server
        let lostBlock = blockOpen.withLock { open in
            defer { open = false }
            return open
        }
        return "the connection to the server was lost; connected again"
            + (before == after ? "" : " to \(after), which now takes writes")
            + (lostBlock ? ": the open transaction was rolled back, nothing since begin was kept" : "")
    }

    func inTransaction() async -> Bool { await connection.isInTransaction }

    /// Runs `body` inside a transaction (or a savepoint of the open one) that is then
    /// rolled back.
    func dryRun<Value>(_ body: () async throws -> Value) async throws -> Value {
        let control = TransactionControl()
        let nested = try await connection.run { try control.beginDryRun(on: $0) }
        do {
            let value = try await body()
            try await connection.run { try control.endDryRun(nested: nested, on: $0) }
            return value
        } catch {
            _ = try? await connection.run { try control.endDryRun(nested: nested, on: $0) }
            throw error
        }
    }

    /// One statement in a read-only transaction on a connection of its own, closed
    /// afterwards, so nothing it does (prepared statements, settings, locks) outlives it or
    /// reaches the shell's own connection.
    func sql(_ text: String) async throws -> Table {
        let separate = try await Connection.connect(connection.configuration)
        sqlCancel.withLock { $0 = separate.cancelToken }
        defer {
            sqlCancel.withLock { $0 = nil }
            Task { await separate.close() }
        }
        return try await separate.run { connection in
            guard try PeopleDirectory().isPlatformAdmin(on: connection) else {
                throw CommandError("sql is for platform administrators")
            }
            let result = try ReadOnlyQuery().run(text, on: connection)
            return Table(columns: result.columns.map(\.name), rows: result.map(\.texts))
        }
    }

    func audit(tenant: String, item: Int64?, actor: String?, limit: Int) async throws -> Table {
        let result = try await connection.run { connection in
            try AuditTrail().entries(tenant: tenant, item: item, actor: actor, limit: limit, on: connection)
        }
        return Table(columns: result.columns.map(\.name), rows: result.map(\.texts))
    }

    func auditCount(tenant: String, item: Int64?, actor: String?) async throws -> Int {
        try await connection.run { try AuditTrail().count(tenant: tenant, item: item, actor: actor, on: $0) }
    }

    func cancel() {
        connection.cancelToken.cancel()
        sqlCancel.withLock { _ = $0?.cancel() }
    }

    /// Sets the session's `micic.command`, which audit entries take as their command
    /// (``AuditTrail/noteCommand(_:on:)``). Failing (in a transaction an error aborted) leaves
    /// the command to meet that error itself.
    func willRun(_ command: String) async {
        _ = try? await connection.run { try AuditTrail().noteCommand(command, on: $0) }
    }

    var administration: (any Administration)? { self }

    var transfer: (any BulkTransfer)? { self }
}

extension PostgresShellBackend: Administration {
    func people() async throws -> Table {
        let rows = try await connection.run { try PeopleDirectory().list(on: $0) }
        return Table(columns: ["name", "display_name", "disabled", "platform_admin", "memberships"], rows: rows)
    }

    func createPerson(_ name: String, password: String, displayName: String, membership: MembershipGrant?) async throws
    {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try PeopleDirectory().create(name, password: password, displayName: displayName, on: connection)
                if let membership { try Self.grant(name, membership, on: connection) }
            }
        }
    }

    func grant(_ person: String, _ membership: MembershipGrant) async throws {
        try await connection.run { try Self.grant(person, membership, on: $0) }
    }

    private static func grant(
        _ person: String,
        _ membership: MembershipGrant,
        on connection: isolated Connection
    ) throws {
        try PeopleDirectory().grant(
            person,
            role: membership.role,
            tenant: membership.tenant,
            languages: membership.languages,
            on: connection
        )
    }

    func revoke(_ person: String, tenant: String) async throws {
        try await connection.run { try PeopleDirectory().revoke(person, tenant: tenant, on: $0) }
    }

    func disable(_ person: String) async throws {
        try await connection.run { try PeopleDirectory().disable(person, on: $0) }
    }

    func makePlatformAdmin(_ person: String) async throws {
        try await connection.run { try PeopleDirectory().makePlatformAdmin(person, on: $0) }
    }

    func createTenant(_ tenant: Tenant) async throws {
        let created = try await connection.run { try TenantDirectory().create(tenant, on: $0) }
        if !created { throw CommandError("a tenant with the code \(tenant.code) already exists") }
    }

    func renameTenant(_ code: String, to name: String) async throws {
        try await connection.run { try TenantDirectory().rename(code, to: name, on: $0) }
        contentStore.forgetTenants()
    }

    func configure(_ code: String, setting: String, to value: String) async throws {
        guard let setting = TenantSetting(rawValue: setting) else { throw CommandError("no tenant setting \(setting)") }
        try await connection.run { try TenantDirectory().configure(code, setting, to: value, on: $0) }
    }

    func archiveTenant(_ code: String) async throws {
        try await connection.run { try TenantDirectory().archive(code, on: $0) }
        contentStore.forgetTenants()
    }
}
