public import Kernel
public import Postgres
internal import Synchronization

internal import struct Foundation.Date

/// The Kernel's ``ContentStore`` over PostgreSQL.
///
/// Every write is one transaction (a savepoint inside the caller's transaction) that saves
/// the item, a full revision and an audit entry together. Each operation also has a
/// synchronous form taking an `isolated Connection`, for callers that group several
/// operations in one transaction:
///
/// ```swift
/// let store = PostgresContentStore(connection: connection, registry: registry)
/// try await connection.run { connection in
///     try connection.withTransaction { connection in
///         for draft in drafts { _ = try store.create(draft, tenant: "cr", author: "ana", message: nil, on: connection) }
///     }
/// }
/// ```
public final class PostgresContentStore: ContentStore {
    /// The connection every operation runs on.
    public let connection: Connection
    /// The checks made before writing.
    public let rules: ContentRules
    private let tenants = Mutex<[String: (record: TenantRecord, read: ContinuousClock.Instant)]>([:])
    /// The text search configuration of each language searched so far.
    let searchConfigurations = SearchConfigurations()
    /// How long a tenant (its archived flag, languages, and the person's role there) is
    /// trusted before it is read again, so a long session sees changes made elsewhere.
    static let tenantLifetime = Duration.seconds(2)

    /// What plugins' storage does when an item is updated.
    let updateHooks: [any ItemUpdateHook]

    /// A store on `connection` for the content types of `registry`.
    public convenience init(connection: Connection, registry: PluginRegistry) {
        self.init(connection: connection, registry: registry, updateHooks: [])
    }

    /// A store on `connection` for the content types of `registry`, whose updates of items
    /// also run `updateHooks`, in order.
    package init(connection: Connection, registry: PluginRegistry, updateHooks: [any ItemUpdateHook]) {
        self.connection = connection
        rules = ContentRules(registry: registry)
        self.updateHooks = updateHooks
    }

    /// A tenant, its row id, and the connected person's role and languages there.
    package struct TenantRecord: Sendable {
        /// The tenant's row id.
        package let id: Int64
        package let tenant: Tenant
        /// The connected person's role there (`nil`: none).
        package let role: Role?
        /// The languages the person works in there.
        package let languages: [String]

        /// Throws when the person may not take `action`.
        package func authorize(_ action: Permissions.Action, item: Item?, type: ContentType) throws {
            try Permissions.check(action, role: role, languages: languages, item: item, type: type, tenant: tenant.code)
        }
    }

    // MARK: Tenants

    public func tenant(_ code: String) async throws -> Tenant {
        try await connection.run { try self.tenantRecord(code, on: $0).tenant }
    }

    /// The tenant with `code`, read on `connection`.
    public func tenant(_ code: String, on connection: isolated Connection) throws -> Tenant {
        try tenantRecord(code, on: connection).tenant
    }

    /// The tenant with `code`, its row id and the person's role there (cached briefly).
    package func tenantRecord(_ code: String, on connection: isolated Connection) throws -> TenantRecord {
        let now = ContinuousClock.now
        if let cached = tenants.withLock({ $0[code] }), now - cached.read < Self.tenantLifetime { return cached.record }
        let rows = try connection.query(
            """
            select id, code, name, default_language, languages, archived_at is not null as archived,
                   micic_role_in(id) as role, micic_languages_in(id) as person_languages
            from tenants where code = \(code)
            """,
            plan: .prepared
        )
        guard let row = rows.first else {
            throw ContentError(.unknownTenant, "there is no tenant '\(code)'")
        }
        let record = TenantRecord(
            id: try row.decode(column: "id"),
            tenant: Tenant(
                code: try row.decode(column: "code"),
                name: try row.decode(column: "name"),
                defaultLanguage: try row.decode(column: "default_language"),
                languages: try row.decode(column: "languages"),
                isArchived: try row.decode(column: "archived")
            ),
            role: try row.decode(String?.self, column: "role").flatMap(Role.init(rawValue:)),
            languages: try row.decode(column: "person_languages")
        )
        tenants.withLock { $0[code] = (record, now) }
        return record
    }

    /// The fields anyone of the tenant may read, and the private ones (editors and admins).
    func split(_ fields: [String: FieldValue], type: String) throws -> ([String: FieldValue], [String: FieldValue]) {
        let hidden = Set(try rules.type(type).privateFields)
        var open: [String: FieldValue] = [:]
        var closed: [String: FieldValue] = [:]
        for (name, value) in fields {
            if hidden.contains(name) { closed[name] = value } else { open[name] = value }
        }
        return (open, closed)
    }

    /// Forgets cached tenants (after one was changed).
    public func forgetTenants() {
        tenants.withLock { $0.removeAll() }
    }

    // MARK: Creating

    public func create(_ draft: ItemDraft, tenant: String, author: String, message: String?) async throws -> Item {
        try await connection.run { try self.create(draft, tenant: tenant, author: author, message: message, on: $0) }
    }

    /// Creates an item on `connection`, in its current transaction if it has one.
    public func create(
        _ draft: ItemDraft,
        tenant: String,
        author: String,
        message: String?,
        on connection: isolated Connection
    ) throws -> Item {
        let record = try tenantRecord(tenant, on: connection)
        return try insert(
            try newItem(draft, record: record),
            tenant: record,
            author: author,
            message: message,
            on: connection
        )
    }

    /// Checks `draft` as a create does: the Kernel's rules, then the person's permission.
    func newItem(_ draft: ItemDraft, record: TenantRecord) throws -> NewItem {
        let (prepared, base) = try rules.prepare(draft, in: record.tenant)
        try record.authorize(.create, item: nil, type: try rules.type(draft.type))
        let (publicFields, privateFields) = try split(prepared.fields, type: prepared.type)
        return NewItem(
            draft: prepared,
            slugBase: base,
            fields: JSONDocument(text: FieldValue.jsonText(of: publicFields)),
            hidden: privateFields.isEmpty ? nil : JSONDocument(text: FieldValue.jsonText(of: privateFields))
        )
    }

    /// Inserts a checked item, with the next free slug when its own is taken (unless it
    /// was chosen by hand).
    func insert(
        _ new: NewItem,
        tenant record: TenantRecord,
        author: String,
        message: String?,
        on connection: isolated Connection
    ) throws -> Item {
        let draft = new.draft
        let (base, fields, hidden, language, status) = (new.slugBase, new.fields, new.hidden, new.language, new.status)
        var slug = base
        for _ in 0..<5 {
            let rows = try connection.query(
                """
                with item as (
                    insert into items (tenant_id, type, language, translation_of, slug, title, status, fields, author)
                    select \(record.id), \(draft.type), \(language), \(draft.translationOf), \(slug), \(draft.title),
                           \(status), \(fields), \(author)
                    from \(RevisionNote.saying(message))
                    on conflict (tenant_id, type, language, slug) do nothing
                    returning tenant_id, id, created_at, updated_at
                ), hidden as (
                    insert into item_private_fields (tenant_id, item_id, fields)
                    select tenant_id, id, \(hidden) from item where \(hidden)::jsonb is not null
                )
                select id, created_at, updated_at from item
                """,
                plan: .prepared
            )
            if let row = rows.first {
                return new.item(
                    id: try row.decode(column: "id"),
                    slug: slug,
                    tenant: record.tenant.code,
                    author: author,
                    createdAt: try row.decode(column: "created_at"),
                    updatedAt: try row.decode(column: "updated_at")
                )
            }
            if let chosen = draft.slug, draft.translationOf == nil {
                throw ContentError(
                    .slugTaken,
                    "the slug '\(chosen)' is already used by another \(draft.type) in \(language)"
                )
            }
            slug = Slug.unique(
                base,
                avoiding: try takenSlugs(
                    like: base,
                    type: draft.type,
                    language: language,
                    tenantID: record.id,
                    on: connection
                )
            )
        }
        throw ContentError(.slugTaken, "no free slug was found for '\(base)'")
    }

    private func takenSlugs(
        like base: String,
        type: String,
        language: String,
        tenantID: Int64,
        on connection: isolated Connection
    )
        throws -> Set<String>
    {
        let rows = try connection.query(
            """
            select slug from items
            where tenant_id = \(tenantID) and type = \(type) and language = \(language)
              and (slug = \(base) or slug like \(base + "-%"))
            """
        )
        return Set(try rows.map { try $0.decode(String.self, at: 0) })
    }

    // MARK: Reading

    public func item(id: Int64, tenant: String) async throws -> Item {
        try await connection.run { try self.item(id: id, tenant: tenant, on: $0) }
    }

    /// The item with `id`, read on `connection`.
    public func item(id: Int64, tenant: String, on connection: isolated Connection, lock: Bool = false) throws -> Item {
        let record = try tenantRecord(tenant, on: connection)
        let rows = try connection.query(
            "select \(ItemColumns.list) from items where tenant_id = \(record.id) and id = \(id)"
                + (lock ? " for update" : ""),
            plan: .prepared
        )
        guard let row = rows.first else { throw ContentError.notFound("item \(id)", tenant: tenant) }
        return try ItemColumns.item(from: row, tenant: tenant)
    }

    public func item(slug: String, type: String, language: String, tenant: String) async throws -> Item {
        try await connection.run { connection in
            guard let item = try self.item(slug: slug, type: type, language: language, tenant: tenant, on: connection)
            else {
                throw ContentError.notFound("\(type) '\(slug)' in \(language)", tenant: tenant)
            }
            return item
        }
    }

    /// The live item with `slug`, or `nil`, read on `connection`.
    public func item(
        slug: String,
        type: String,
        language: String,
        tenant: String,
        on connection: isolated Connection
    )
        throws -> Item?
    {
        let record = try tenantRecord(tenant, on: connection)
        let rows = try connection.query(
            """
            select \(ItemColumns.list) from items
            where tenant_id = \(record.id) and type = \(type) and language = \(language) and slug = \(slug)
              and deleted_at is null
            """,
            plan: .prepared
        )
        return try rows.first.map { try ItemColumns.item(from: $0, tenant: tenant) }
    }

    public func list(_ query: ItemQuery, tenant: String) async throws -> ItemPage {
        try await connection.run { try self.list(query, tenant: tenant, on: $0) }
    }

    /// A page of items, read on `connection`. Each item's fields are parsed when first read
    /// (a table of titles parses none), or, when `parsingFields` says so (for callers that
    /// read them all), as its row arrives.
    public func list(
        _ query: ItemQuery,
        tenant: String,
        parsingFields: Bool = false,
        on connection: isolated Connection
    ) throws -> ItemPage {
        // Planned once, generically: the filters are written so that the plan walks the
        // list index newest first whatever their values (planning each call cost a third of
        // the call, and PostgreSQL's estimates for common values would keep it planning).
        // A filter on a rare facet value then reads more of the index than the GIN index
        // would make it.
        try ItemListQuery.page(
            of: try listStatement(query, tenant: tenant, on: connection),
            query: query,
            tenant: tenant,
            parsingFields: parsingFields,
            on: connection
        )
    }

    public func count(_ query: ItemQuery, tenant: String) async throws -> Int {
        try await connection.run { connection in
            let record = try self.tenantRecord(tenant, on: connection)
            let type = try query.type.map { try self.rules.type($0) }
            let statement = try ItemListQuery(query: query, type: type, tenantID: record.id).countStatement
            return try connection.query(statement)[0].decode(Int.self, at: 0)
        }
    }

    /// The statement ``list(_:tenant:)`` runs for `query` (for `EXPLAIN` and benchmarks).
    public func listStatement(_ query: ItemQuery, tenant: String, on connection: isolated Connection) throws -> Query {
        let record = try tenantRecord(tenant, on: connection)
        let type = try query.type.map { try rules.type($0) }
        var list = ItemListQuery(query: query, type: type, tenantID: record.id)
        // Private fields are looked up for those who may read them only (as the database
        // shows them): the pages of translators, reviewers and viewers skip the look-up.
        if record.role != .admin && record.role != .editor { list.columns = ItemColumns.listWithoutPrivateFields }
        return try list.statement
    }

    public func history(id: Int64, tenant: String) async throws -> [Revision] {
        try await connection.run { connection in
            let record = try self.tenantRecord(tenant, on: connection)
            _ = try self.item(id: id, tenant: tenant, on: connection)
            let rows = try connection.query(
                """
                select item_id, version, title, slug, status, fields, author, message, created_at
                from item_revisions where tenant_id = \(record.id) and item_id = \(id) order by version
                """
            )
            return try rows.map { row in
                Revision(
                    itemID: try row.decode(column: "item_id"),
                    version: try row.decode(column: "version"),
                    title: try row.decode(column: "title"),
                    slug: try row.decode(column: "slug"),
                    status: try row.decode(column: "status"),
                    fields: try FieldValue.parseFields(json: try row.decode(JSONDocument.self, column: "fields").text),
                    author: try row.decode(column: "author"),
                    message: try row.decode(column: "message"),
                    createdAt: try row.decode(column: "created_at")
                )
            }
        }
    }

    public func events(id: Int64, tenant: String) async throws -> [WorkflowEvent] {
        try await connection.run { connection in
            let record = try self.tenantRecord(tenant, on: connection)
            _ = try self.item(id: id, tenant: tenant, on: connection)
            let rows = try connection.query(
                """
                select item_id, transition, from_status, to_status, actor, comment, at
                from workflow_events where tenant_id = \(record.id) and item_id = \(id) order by at, id
                """
            )
            return try rows.map { row in
                WorkflowEvent(
                    itemID: try row.decode(column: "item_id"),
                    transition: try row.decode(column: "transition"),
                    from: try row.decode(column: "from_status"),
                    to: try row.decode(column: "to_status"),
                    actor: try row.decode(column: "actor"),
                    comment: try row.decode(column: "comment"),
                    at: try row.decode(column: "at")
                )
            }
        }
    }
}
