public import Kernel
public import Postgres

/// Reads what the public sees, on a connection whose role is a member of `micic_public`
/// (and of nothing else): row-level security (`Schema/kernel/0015_public_reader.sql`)
/// keeps every other row out of reach, so no statement here filters on state or schedule.
/// The author and private fields of items are not read (the role is not granted them).
///
/// ```swift
/// let reader = PublicReader(registry: registry)
/// let page = try await connection.run { connection in
///     guard let tenant = try reader.tenant("cr", on: connection) else { return nil }
///     return try reader.list(ItemQuery(type: "practice", limit: 20), tenant: tenant, on: connection)
/// }
/// ```
public struct PublicReader: Sendable {
    /// The group role whose members read as the public.
    public static let role = "micic_public"
    /// The login role `micic serve` creates and uses on the local database.
    public static let localLoginRole = "micic_web"

    /// The content types and their rules.
    public let rules: ContentRules
    /// The text search configuration of each language searched so far.
    private let searchConfigurations = SearchConfigurations()

    /// A reader of the content types of `registry`.
    public init(registry: PluginRegistry) {
        rules = ContentRules(registry: registry)
    }

    /// The tenant with `code`, or `nil` when there is none the public sees (archived or unknown).
    public func tenant(_ code: String, on connection: isolated Connection) throws -> PublicTenant? {
        let rows = try connection.query(
            """
            select id, code, name, default_language, languages, micic_public_next_change(id) as next_change
            from tenants where code = \(code)
            """,
            plan: .prepared
        )
        return try rows.first.map { row in
            PublicTenant(
                id: try row.decode(column: "id"),
                tenant: Tenant(
                    code: try row.decode(column: "code"),
                    name: try row.decode(column: "name"),
                    defaultLanguage: try row.decode(column: "default_language"),
                    languages: try row.decode(column: "languages")
                ),
                nextChange: try row.decode(column: "next_change")
            )
        }
    }

    /// The change counters of the tenants the public sees, as committed now.
    public func changeCounters(on connection: isolated Connection) throws -> PublicChangeCounters {
        let rows = try connection.query(
            """
            select t.id, t.code, coalesce(c.changes, 0) as changes
            from tenants t left join public_change_counters c on c.tenant_id = t.id
            """,
            plan: .prepared
        )
        var counters: [Int64: PublicChangeCounters.Counter] = [:]
        for row in rows {
            counters[try row.decode(column: "id")] = PublicChangeCounters.Counter(
                code: try row.decode(column: "code"),
                changes: try row.decode(column: "changes")
            )
        }
        return PublicChangeCounters(counters)
    }

    /// A page of items, every field parsed as its row arrives (the public reads them all).
    public func list(_ query: ItemQuery, tenant: PublicTenant, on connection: isolated Connection) throws -> ItemPage {
        // Planned once, generically, as the store's lists are (see `PostgresContentStore.list`).
        try ItemListQuery.page(
            of: try listQuery(query, tenant: tenant).statement,
            query: query,
            tenant: tenant.tenant.code,
            parsingFields: true,
            on: connection
        )
    }

    /// How many of all the items `query` matches (every page) have each value of each of
    /// `facets`, by facet in the order given, then most frequent first.
    public func facetCounts(
        _ query: ItemQuery,
        facets: [String],
        tenant: PublicTenant,
        on connection: isolated Connection
    ) throws -> [FacetCount] {
        let statement = try listQuery(query, tenant: tenant).facetStatement(facets, rules: rules)
        return FacetCount.ordered(try FacetCountQuery.counts(connection.query(statement)), facets: facets)
    }

    /// The item called `slug` (in any of the tenant's languages), in the first language of
    /// `languages` it has a version in, or `nil`.
    public func item(
        slug: String,
        type: String,
        languages: [String],
        tenant: PublicTenant,
        on connection: isolated Connection
    ) throws -> Item? {
        let rows = try connection.query(
            """
            with named as (
                select coalesce(translation_of, id) as original from items
                where tenant_id = \(tenant.id) and type = \(type) and language = any(\(tenant.tenant.languages))
                  and slug = \(slug)
                order by array_position(\(languages), language) nulls last, id
                limit 1
            )
            select \(ItemColumns.publicList) from items, named
            where items.tenant_id = \(tenant.id) and items.type = \(type) and items.language = any(\(languages))
              and (items.id = named.original or items.translation_of = named.original)
            order by array_position(\(languages), items.language)
            limit 1
            """,
            plan: .prepared
        )
        return try rows.first.map { try ItemColumns.item(from: $0, tenant: tenant.tenant.code) }
    }

    /// The upstream of item `id` when it is an adoption whose upstream the public sees, or
    /// `nil`.
    public func upstream(
        of id: Int64,
        tenant: PublicTenant,
        on connection: isolated Connection
    ) throws
        -> PublicUpstream?
    {
        let rows = try connection.query(
            """
            select t.code, u.type, u.slug, u.language,
                   i.title = a.taken ->> 'title' and i.fields -> 'body' is not distinct from a.taken -> 'body'
                       as canonical
            from adoptions a
            join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
            join items u on u.tenant_id = a.upstream_tenant_id and u.id = a.upstream_id
            join tenants t on t.id = u.tenant_id
            where a.tenant_id = \(tenant.id) and a.item_id = \(id) and a.orphaned_at is null
            """,
            plan: .prepared
        )
        return try rows.first.map { row in
            PublicUpstream(
                tenant: try row.decode(String.self, at: 0),
                type: try row.decode(String.self, at: 1),
                slug: try row.decode(String.self, at: 2),
                language: try row.decode(String.self, at: 3),
                isCanonical: try row.decode(Bool.self, at: 4)
            )
        }
    }

    /// A page of search results, best first.
    public func search(
        _ query: SearchQuery,
        tenant: PublicTenant,
        on connection: isolated Connection
    ) throws
        -> SearchPage
    {
        try searchQuery(query, tenant: tenant, on: connection).page(tenant: tenant.tenant.code, on: connection)
    }

    /// The facet counts of every match of `query`.
    public func facetCounts(
        _ query: SearchQuery,
        facets: [String],
        tenant: PublicTenant,
        on connection: isolated Connection
    ) throws -> [FacetCount] {
        let statement = try searchQuery(query, tenant: tenant, on: connection).facetStatement(facets)
        return FacetCount.ordered(try FacetCountQuery.counts(connection.query(statement)), facets: facets)
    }

    /// Why the connected role must not read as the public, or `nil` when it may: it must be
    /// a member of ``role``, and neither a superuser, nor exempt from row-level security,
    /// nor the schema's owner, nor a person.
    public func refusal(on connection: isolated Connection) throws -> String? {
        let row = try connection.query(
            """
            select r.rolname, r.rolsuper, r.rolbypassrls,
                   pg_has_role(session_user, \(Self.role), 'member') as reader,
                   (to_regrole('micic_people') is not null
                    and pg_has_role(session_user, 'micic_people', 'member')) as person,
                   exists (select 1 from pg_class c where c.oid = to_regclass('items') and c.relowner = r.oid) as owner
            from pg_roles r where r.rolname = session_user
            """
        )[0]
        let name: String = try row.decode(column: "rolname")
        if try row.decode(Bool.self, column: "rolsuper") || row.decode(Bool.self, column: "rolbypassrls") {
            return "the role \(name) is exempt from row-level security; connect as a member of \(Self.role)"
        }
        if try row.decode(Bool.self, column: "owner") {
            return "the role \(name) owns the schema; connect as a member of \(Self.role)"
        }
        if try row.decode(Bool.self, column: "person") {
            return "the role \(name) is a person, who may see unpublished content; connect as a member of \(Self.role)"
        }
        if try !row.decode(Bool.self, column: "reader") {
            return "the role \(name) is not a member of \(Self.role) (create role \(name) login in role \(Self.role))"
        }
        return nil
    }

    private func listQuery(_ query: ItemQuery, tenant: PublicTenant) throws -> ItemListQuery {
        var list = ItemListQuery(query: query, type: try query.type.map { try rules.type($0) }, tenantID: tenant.id)
        list.columns = ItemColumns.publicList
        return list
    }

    private func searchQuery(
        _ query: SearchQuery,
        tenant: PublicTenant,
        on connection: isolated Connection
    ) throws -> ItemSearchQuery {
        var search = try ItemSearchQuery(
            query,
            tenantID: tenant.id,
            tenantLanguages: tenant.tenant.languages,
            rules: rules,
            configurations: searchConfigurations,
            on: connection
        )
        search.isPublic = true
        return search
    }
}
