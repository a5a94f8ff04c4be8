public import Kernel
public import Postgres

public import struct Foundation.Date

extension PostgresContentStore {
    public func update(
        id: Int64,
        tenant: String,
        expectedVersion: Int,
        changes: ItemChanges,
        author: String,
        message: String?
    ) async throws -> Item {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try self.update(
                    id: id,
                    tenant: tenant,
                    expectedVersion: expectedVersion,
                    changes: changes,
                    author: author,
                    message: message,
                    on: connection
                )
            }
        }
    }

    /// Applies `changes` on `connection`; the caller owns the transaction.
    public func update(
        id: Int64,
        tenant: String,
        expectedVersion: Int,
        changes: ItemChanges,
        author: String,
        message: String?,
        on connection: isolated Connection
    ) throws -> Item {
        let record = try tenantRecord(tenant, on: connection)
        let current = try item(id: id, tenant: tenant, on: connection, lock: true)
        guard current.deletedAt == nil else {
            throw ContentError(.invalidState, "item \(id) is in the trash; restore it before changing it")
        }
        guard current.version == expectedVersion else {
            throw ContentError.conflict(id: id, expected: expectedVersion, actual: current.version)
        }
        try record.authorize(.edit, item: current, type: try rules.type(current.type))
        for hook in updateHooks {
            try hook.willUpdate(current, by: author, as: record, in: self, on: connection)
        }
        var changed = try rules.apply(changes, to: current, in: record.tenant)
        if changed.slug != current.slug {
            let clash = try connection.query(
                """
                select 1 from items where tenant_id = \(record.id) and type = \(current.type)
                  and language = \(current.language) and slug = \(changed.slug) and id <> \(id)
                """
            )
            if !clash.isEmpty {
                throw ContentError(.slugTaken, "the slug '\(changed.slug)' is already used by another \(current.type)")
            }
        }
        if let reassigned = changes.author,
            try connection.query("select 1 from principals where name = \(reassigned)").isEmpty
        {
            throw ValidationError(issues: [
                ValidationIssue(field: "author", message: "there is no person '\(reassigned)'")
            ])
        }
        changed.author = changes.author ?? author
        let saved = try save(changed, replacing: current, tenantID: record.id, message: message, on: connection)
        for hook in updateHooks {
            try hook.didUpdate(saved, by: author, as: record, in: self, on: connection)
        }
        if current.translationOf == nil {
            try syncSharedFields(of: saved, from: current, tenantID: record.id, actor: author, on: connection)
        }
        return saved
    }

    /// Copies the shared fields of `source` (dates, vocabularies, countries) to its
    /// translations when they changed, each a new revision.
    private func syncSharedFields(
        of source: Item,
        from old: Item,
        tenantID: Int64,
        actor: String,
        on connection: isolated Connection
    ) throws {
        let shared = try rules.type(source.type).sharedFields
        guard shared.contains(where: { source.fields[$0] != old.fields[$0] }) else { return }
        let rows = try connection.query(
            """
            select \(ItemColumns.list) from items
            where tenant_id = \(tenantID) and translation_of = \(source.id) and deleted_at is null for update
            """
        )
        let changes = try rows.map { row in
            let translation = try ItemColumns.item(from: row, tenant: source.tenant)
            var synced = translation
            for name in shared { synced.fields[name] = source.fields[name] }
            synced.author = source.author
            return (item: synced, old: translation)
        }
        .filter { $0.item.fields != $0.old.fields }
        let saved = try saveAll(
            changes,
            tenantID: tenantID,
            message: "shared fields from item \(source.id)",
            on: connection
        )
        guard saved.count == changes.count else {
            throw ContentError(.conflict, "a translation of item \(source.id) changed meanwhile; try again")
        }
    }

    /// Writes a new version of an item; the database writes its revision (with `message`),
    /// audit entry and, for a change of status, workflow event (with `comment`).
    func save(
        _ item: Item,
        replacing old: Item,
        tenantID: Int64,
        message: String?,
        comment: String? = nil,
        on connection: isolated Connection
    ) throws -> Item {
        let (publicFields, privateFields) = try split(item.fields, type: item.type)
        let oldPrivate = try split(old.fields, type: old.type).1
        let fields = JSONDocument(text: FieldValue.jsonText(of: publicFields))
        // Private fields are written only when they changed: someone who may not read them
        // (a reviewer) saves an item without them, and must not erase them.
        if privateFields != oldPrivate {
            if privateFields.isEmpty {
                try connection.execute(
                    "delete from item_private_fields where tenant_id = \(tenantID) and item_id = \(item.id)"
                )
            } else {
                let hidden = JSONDocument(text: FieldValue.jsonText(of: privateFields))
                let written = try connection.execute(
                    """
                    insert into item_private_fields (tenant_id, item_id, fields) values (\(tenantID), \(item.id), \(hidden))
                    on conflict (tenant_id, item_id) do update set fields = excluded.fields
                    """
                )
                guard written == 1 else { throw ContentError(.forbidden, "you may not change private fields") }
            }
        }
        let rows = try connection.query(
            """
            with item as (
                update items set title = \(item.title), slug = \(item.slug), status = \(item.status), fields = \(fields),
                    author = \(item.author), version = version + 1, updated_at = now(),
                    publish_at = \(item.publishAt), unpublish_at = \(item.unpublishAt)
                from \(RevisionNote.saying(message, comment: comment))
                where tenant_id = \(tenantID) and id = \(item.id) and version = \(old.version)
                returning version, updated_at, slug
            )
            select version, updated_at, slug from item
            """,
            plan: .prepared
        )
        guard let row = rows.first else {
            throw ContentError.conflict(id: item.id, expected: old.version, actual: old.version + 1)
        }
        var saved = item
        saved.version = try row.decode(column: "version")
        saved.updatedAt = try row.decode(column: "updated_at")
        // The database gives a translation its own slug when its title is first set.
        saved.slug = try row.decode(column: "slug")
        return saved
    }

    public func revert(
        id: Int64,
        tenant: String,
        to version: Int,
        expectedVersion: Int,
        author: String
    ) async throws -> Item {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                let record = try self.tenantRecord(tenant, on: connection)
                let rows = try connection.query(
                    """
                    select title, slug, fields from item_revisions
                    where tenant_id = \(record.id) and item_id = \(id) and version = \(version)
                    """
                )
                guard let row = rows.first else {
                    throw ContentError.notFound("version \(version) of item \(id)", tenant: tenant)
                }
                let current = try self.item(id: id, tenant: tenant, on: connection, lock: true)
                let fields = try FieldValue.parseFields(json: try row.decode(JSONDocument.self, column: "fields").text)
                // Revisions hold the public fields only; private ones stay as they are.
                let hidden = Set(try self.rules.type(current.type).privateFields)
                let changes = ItemChanges(
                    title: try row.decode(column: "title"),
                    slug: try row.decode(column: "slug"),
                    set: fields,
                    remove: current.fields.keys.filter { fields[$0] == nil && !hidden.contains($0) }
                )
                return try self.update(
                    id: id,
                    tenant: tenant,
                    expectedVersion: expectedVersion,
                    changes: changes,
                    author: author,
                    message: "revert to version \(version)",
                    on: connection
                )
            }
        }
    }

    public func transition(
        id: Int64,
        tenant: String,
        name: String,
        expectedVersion: Int,
        author: String,
        comment: String?,
        at: Date?
    ) async throws -> Item {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                let record = try self.tenantRecord(tenant, on: connection)
                let current = try self.item(id: id, tenant: tenant, on: connection, lock: true)
                guard current.deletedAt == nil else {
                    throw ContentError(.invalidState, "item \(id) is in the trash; restore it first")
                }
                guard current.version == expectedVersion else {
                    throw ContentError.conflict(id: id, expected: expectedVersion, actual: current.version)
                }
                let transition = try self.rules.transition(name, for: current, in: record.tenant, comment: comment)
                try record.authorize(.transition(transition), item: current, type: try self.rules.type(current.type))
                var moved = try self.rules.moved(current, by: transition, at: at, now: Date())
                moved.author = author
                let when = at.map { " at " + Date.ISO8601FormatStyle().format($0) } ?? ""
                let saved = try self.save(
                    moved,
                    replacing: current,
                    tenantID: record.id,
                    message: (comment.map { "\(name)\(when): \($0)" } ?? name + when),
                    comment: comment,
                    on: connection
                )
                return saved
            }
        }
    }

    public func delete(id: Int64, tenant: String, author: String) async throws -> Item {
        try await moveTrash(id: id, tenant: tenant, author: author, toTrash: true)
    }

    public func restore(id: Int64, tenant: String, author: String) async throws -> Item {
        try await moveTrash(id: id, tenant: tenant, author: author, toTrash: false)
    }

    private func moveTrash(id: Int64, tenant: String, author: String, toTrash: Bool) async throws -> Item {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                let record = try self.tenantRecord(tenant, on: connection)
                try self.rules.writable(record.tenant)
                let current = try self.item(id: id, tenant: tenant, on: connection, lock: true)
                try record.authorize(.trash, item: current, type: try self.rules.type(current.type))
                guard (current.deletedAt == nil) == toTrash else {
                    throw ContentError(.invalidState, "item \(id) is \(toTrash ? "already" : "not") in the trash")
                }
                let action = toTrash ? "delete" : "restore"
                let rows = try connection.query(
                    """
                    with item as (
                        update items set deleted_at = case when \(toTrash) then now() end
                        where tenant_id = \(record.id) and id = \(id) returning deleted_at
                    )
                    select deleted_at from item
                    """
                )
                guard let row = rows.first else {
                    throw ContentError(.forbidden, "you may not \(action) items in tenant \(tenant)")
                }
                var item = current
                item.deletedAt = try row.decode(column: "deleted_at")
                return item
            }
        }
    }

    public func purge(id: Int64, tenant: String, author: String) async throws {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                let record = try self.tenantRecord(tenant, on: connection)
                try self.rules.writable(record.tenant)
                let current = try self.item(id: id, tenant: tenant, on: connection, lock: true)
                try record.authorize(.purge, item: current, type: try self.rules.type(current.type))
                guard current.deletedAt != nil else {
                    throw ContentError(.invalidState, "item \(id) is not in the trash; delete it before purging it")
                }
                let deleted = try connection.execute("delete from items where tenant_id = \(record.id) and id = \(id)")
                guard deleted == 1 else {
                    throw ContentError(.forbidden, "only admins of tenant \(tenant) purge items")
                }
            }
        }
    }
}
