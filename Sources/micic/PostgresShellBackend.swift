import Kernel
import Postgres
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
        contentStore = PostgresContentStore(connection: connection, registry: registry)
        user = await connection.user
    }

    var store: any ContentStore { contentStore }

    var translations: (any TranslationService)? { PostgresTranslationDesk(store: contentStore) }

    func tenants() async throws -> [Tenant] {
        try await connection.run { try TenantDirectory().list(on: $0) }
    }

    func begin() async throws {
        try await connection.execute("begin")
        blockOpen.withLock { $0 = true }
    }

    /// Commits; a transaction that had failed is rolled back by the server, and says so.
    func commit() async throws {
        defer { blockOpen.withLock { $0 = false } }
        let tag = try await connection.query("commit").commandTag
        if tag == "ROLLBACK" {
            throw ShellError("the transaction had failed, so it was rolled back: nothing since begin was kept")
        }
    }

    func rollback() async throws {
        defer { blockOpen.withLock { $0 = false } }
        try await connection.execute("rollback")
    }

    func reconnectIfLost() async throws -> String? {
        guard await connection.lostWhileIdle() else { return nil }
        try await connection.reset()
        let lostBlock = blockOpen.withLock { open in
            defer { open = false }
            return open
        }
        return "the connection to the server was lost; connected again"
            + (lostBlock ? ": the open transaction was rolled back, nothing since begin was kept" : "")
    }

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
            guard try connection.query("select micic_is_platform_admin()")[0].decode(Bool.self, at: 0) else {
                throw ShellError("sql is for platform administrators")
            }
            try connection.execute("begin read only")
            defer { _ = try? connection.execute("rollback") }
            let result = try connection.query(Query(unsafeSQL: text))
            return Table(columns: result.columns.map(\.name), rows: result.map(\.texts))
        }
    }

    func audit(tenant: String, item: Int64?, actor: String?, limit: Int) async throws -> Table {
        // Newest first by id (the table's key), through the item index when one is named.
        var query: Query = "select a.at, a.actor, a.action, a.item_type as type, a.item_id as item, a.command"
        query.append(Self.auditEntries(tenant: tenant, item: item, actor: actor))
        query.append(" order by a.id desc limit \(limit)")
        let result = try await connection.query(query)
        return Table(columns: result.columns.map(\.name), rows: result.map(\.texts))
    }

    func auditCount(tenant: String, item: Int64?, actor: String?) async throws -> Int {
        var query: Query = "select count(*)"
        query.append(Self.auditEntries(tenant: tenant, item: item, actor: actor))
        return try await connection.query(query)[0].decode(Int.self, at: 0)
    }

    /// The audit entries of `tenant` (of one item, or by one person, when named).
    private static func auditEntries(tenant: String, item: Int64?, actor: String?) -> Query {
        """
         from audit_log a join tenants t on t.id = a.tenant_id
        where t.code = \(tenant) and (\(item)::bigint is null or a.item_id = \(item))
          and (\(actor)::text is null or a.actor = \(actor))
        """
    }

    func cancel() {
        connection.cancelToken.cancel()
        sqlCancel.withLock { $0?.cancel() }
    }

    /// Sets the session's `micic.command`, which audit entries take as their command (see
    /// the kernel's audit migration); the line is cut at 1,000 characters. Failing (in a
    /// transaction an error aborted) leaves the command to meet that error itself.
    func willRun(_ command: String) async {
        _ = try? await connection.query("select set_config('micic.command', \(String(command.prefix(1_000))), false)")
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
        if !created { throw ShellError("a tenant with the code \(tenant.code) already exists") }
    }

    func renameTenant(_ code: String, to name: String) async throws {
        try await connection.run { try TenantDirectory().rename(code, to: name, on: $0) }
        contentStore.forgetTenants()
    }

    func setTranslationsPublish(_ code: String, to mode: String) async throws {
        try await connection.run { try TenantDirectory().setTranslationsPublish(code, to: mode, on: $0) }
    }

    func archiveTenant(_ code: String) async throws {
        try await connection.run { try TenantDirectory().archive(code, on: $0) }
        contentStore.forgetTenants()
    }
}
