public import Kernel
public import Postgres

/// The Kernel's ``AdoptionService`` over PostgreSQL, beside a ``PostgresContentStore``.
///
/// The database keeps every rule: offers have row-level security (the offering tenant's
/// editors make them), receivers read offered published items through a policy of their own,
/// `micic_adopt` and `micic_resolve_adoption` check the person's role, and a trigger carries
/// each upstream save to the adoptions (`Schema/kernel/0024_offers_and_adoptions.sql`).
public final class PostgresAdoptionDesk: AdoptionService {
    /// The store whose items are offered and adopted.
    public let store: PostgresContentStore
    var connection: Connection { store.connection }

    /// A desk beside `store`.
    public init(store: PostgresContentStore) {
        self.store = store
    }

    public func offer(type: String, items: [Int64], to receivers: [String], tenant: String) async throws -> Int {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try self.offer(type: type, items: items, to: receivers, tenant: tenant, on: connection)
            }
        }
    }

    /// Makes the offers on `connection`; the caller owns the transaction.
    public func offer(
        type: String,
        items: [Int64],
        to receivers: [String],
        tenant: String,
        on connection: isolated Connection
    ) throws -> Int {
        try editOffers(type: type, items: items, receivers: receivers, tenant: tenant, on: connection) {
            tenant,
            items,
            receivers in
            """
            insert into offers (tenant_id, type, item_id, receiver_id)
            select \(tenant), \(type), nullif(item, 0), nullif(receiver, 0)
            from unnest(\(items)::bigint[]) as item cross join unnest(\(receivers)::bigint[]) as receiver
            on conflict do nothing
            """
        }
    }

    public func withdraw(type: String, items: [Int64], from receivers: [String], tenant: String) async throws -> Int {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try self.editOffers(type: type, items: items, receivers: receivers, tenant: tenant, on: connection) {
                    tenant,
                    items,
                    receivers in
                    """
                    delete from offers
                    where tenant_id = \(tenant) and type = \(type) and coalesce(item_id, 0) = any (\(items)::bigint[])
                      and coalesce(receiver_id, 0) = any (\(receivers)::bigint[])
                    """
                }
            }
        }
    }

    /// Runs the offers `statement` makes of the offering tenant's id, the items and the
    /// receivers' ids (`[0]` for every item of the type, or every tenant), once they are
    /// checked; returns the rows it wrote.
    private func editOffers(
        type: String,
        items: [Int64],
        receivers: [String],
        tenant: String,
        on connection: isolated Connection,
        _ statement: (Int64, [Int64], [Int64]) -> Query
    ) throws -> Int {
        let (record, receiverIDs) = try offerScope(
            type: type,
            items: items,
            receivers: receivers,
            tenant: tenant,
            on: connection
        )
        return try connection.execute(
            statement(record.id, items.isEmpty ? [0] : items, receiverIDs.isEmpty ? [0] : receiverIDs)
        )
    }

    /// The offering tenant and the receivers' ids, checked: the receivers exist, the items
    /// are of `type`.
    private func offerScope(
        type: String,
        items: [Int64],
        receivers: [String],
        tenant: String,
        on connection: isolated Connection
    ) throws -> (PostgresContentStore.TenantRecord, [Int64]) {
        let record = try store.tenantRecord(tenant, on: connection)
        try store.rules.writable(record.tenant)
        _ = try store.rules.type(type)
        for id in items {
            let item = try store.item(id: id, tenant: tenant, on: connection)
            guard item.type == type else {
                throw ContentError(.invalidState, "item \(id) is a \(item.type), not a \(type)")
            }
        }
        let ids = try receivers.map { code in
            guard let id = try connection.query("select micic_tenant_id(\(code))")[0].decode(Int64?.self, at: 0) else {
                throw ContentError(.unknownTenant, "there is no tenant '\(code)'")
            }
            guard id != record.id else {
                throw ContentError(.invalidState, "a tenant does not offer content to itself")
            }
            return id
        }
        return (record, ids)
    }

    public func adopt(_ id: Int64, from upstream: String, slug: String?, tenant: String) async throws -> Item {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                let record = try self.store.tenantRecord(tenant, on: connection)
                try self.store.rules.writable(record.tenant)
                guard
                    let upstreamID = try connection.query("select micic_tenant_id(\(upstream))")[0].decode(
                        Int64?.self,
                        at: 0
                    )
                else {
                    throw ContentError(.unknownTenant, "there is no tenant '\(upstream)'")
                }
                let local = try connection.query(
                    "select micic_adopt(\(record.id), \(upstreamID), \(id), \(slug))"
                )[0].decode(Int64.self, at: 0)
                return try self.store.item(id: local, tenant: tenant, on: connection)
            }
        }
    }

    public func upstreamItem(slug: String, type: String, language: String?, upstream: String) async throws -> Int64 {
        try await connection.run { connection in
            let rows = try connection.query(
                """
                select i.id from items i join tenants t on t.id = i.tenant_id
                where t.code = \(upstream) and i.type = \(type) and i.slug = \(slug)
                  and (\(language)::text is null or i.language = \(language))
                order by i.translation_of nulls first, i.id limit 1
                """
            )
            guard let row = rows.first else {
                throw ContentError.notFound("\(type) '\(slug)' offered by \(upstream)", tenant: upstream)
            }
            return try row.decode(Int64.self, at: 0)
        }
    }

    public func adoptions(tenant: String, orphaned: Bool) async throws -> [Adoption] {
        try await connection.run { connection in
            let record = try self.store.tenantRecord(tenant, on: connection)
            let rows = try connection.query(
                """
                select a.item_id, i.type, i.title, i.status, micic_tenant_code(a.upstream_tenant_id) as upstream_tenant,
                       a.upstream_id, a.taken_version, a.orphan_reason,
                       micic_overridden(micic_item_values(i.title, i.fields), a.taken) as overridden,
                       coalesce(micic_adoption_outdated(a.taken, micic_item_values(u.title, u.fields)), '{}') as outdated
                from adoptions a
                join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
                left join items u on u.tenant_id = a.upstream_tenant_id and u.id = a.upstream_id
                    and a.orphaned_at is null
                where a.tenant_id = \(record.id) and (not \(orphaned) or a.orphaned_at is not null)
                order by a.item_id
                """
            )
            return try rows.map { row in
                let changes = try FieldValue.parseFields(
                    json: try row.decode(JSONDocument.self, column: "outdated").text
                )
                return Adoption(
                    itemID: try row.decode(column: "item_id"),
                    type: try row.decode(column: "type"),
                    title: try row.decode(column: "title"),
                    status: try row.decode(column: "status"),
                    upstreamTenant: try row.decode(column: "upstream_tenant"),
                    upstreamID: try row.decode(column: "upstream_id"),
                    takenVersion: try row.decode(column: "taken_version"),
                    overridden: try row.decode(column: "overridden"),
                    outdated: changes.keys.sorted().map { field in
                        let values: [String: FieldValue]
                        if case .object(let object) = changes[field] { values = object } else { values = [:] }
                        return AdoptionChange(
                            field: field,
                            taken: values["taken"].flatMap { $0 == .null ? nil : $0 },
                            upstream: values["upstream"].flatMap { $0 == .null ? nil : $0 }
                        )
                    },
                    orphanReason: try row.decode(column: "orphan_reason")
                )
            }
        }
    }

    public func resolve(
        _ item: Int64,
        take: [String],
        keep: [String],
        resets: Bool,
        tenant: String
    ) async throws -> Item {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                let record = try self.store.tenantRecord(tenant, on: connection)
                try self.store.rules.writable(record.tenant)
                try connection.execute(
                    "select micic_resolve_adoption(\(record.id), \(item), \(take), \(keep), \(resets))"
                )
                return try self.store.item(id: item, tenant: tenant, on: connection)
            }
        }
    }
}
