internal import Kernel
internal import Postgres

internal import struct Foundation.Date

extension PostgresContentStore {
    /// Saves new versions of many items in one statement, each with its revision and an
    /// audit entry naming what changed and the revisions before and after, each only if
    /// still at the version it was read at. Only public fields are
    /// written: the items must not differ in private fields from what was read.
    /// - Returns: the saved items; an item changed meanwhile is missing from them.
    func saveAll(
        _ changes: [(item: Item, old: Item)],
        tenantID: Int64,
        action: String,
        actor: String,
        message: String?,
        on connection: isolated Connection
    ) throws -> [Item] {
        guard !changes.isEmpty else { return [] }
        // The rows as one JSON array, written as text: the audit snapshots are JSON already.
        var input = "["
        for (index, (item, old)) in changes.enumerated() {
            let hidden = try rules.type(item.type).privateFields
            let (before, after) = AuditSnapshot.reference(from: old, to: item)
            input += index == 0 ? "{" : ",{"
            input += "\"id\":\(item.id),\"version\":\(old.version),\"title\":" + FieldValue.text(item.title).jsonText
            input +=
                ",\"slug\":" + FieldValue.text(item.slug).jsonText + ",\"status\":"
                + FieldValue.text(item.status).jsonText
            input += ",\"fields\":" + FieldValue.jsonText(of: item.fields.filter { !hidden.contains($0.key) })
            input += ",\"author\":" + FieldValue.text(item.author).jsonText
            input += ",\"before\":" + before + ",\"after\":" + after + "}"
        }
        input += "]"
        let saved = try connection.query(
            """
            with input as (
                select * from jsonb_to_recordset(\(JSONDocument(text: input))) as u(id bigint, version integer, title text, slug text,
                    status text, fields jsonb, author text, before jsonb, after jsonb)
            ), item as (
                update items i set title = u.title, slug = u.slug, status = u.status, fields = u.fields, author = u.author,
                    version = i.version + 1, updated_at = now()
                from input u where i.tenant_id = \(tenantID) and i.id = u.id and i.version = u.version
                returning i.tenant_id, i.id, i.version, i.title, i.slug, i.status, i.fields, i.author, i.updated_at, i.type
            ), revision as (
                insert into item_revisions (tenant_id, item_id, version, title, slug, status, fields, author, message, created_at)
                select tenant_id, id, version, title, slug, status, fields, author, \(message), updated_at from item
            ), audit as (
                insert into audit_log (tenant_id, actor, action, item_type, item_id, before, after)
                select item.tenant_id, \(actor), \(action), item.type, item.id, u.before, u.after
                from item join input u using (id)
            )
            select id, version, updated_at from item
            """
        )
        var written: [Int64: (Int, Date)] = [:]
        for row in saved {
            written[try row.decode(column: "id")] = (
                try row.decode(column: "version"), try row.decode(column: "updated_at")
            )
        }
        return changes.compactMap { change in
            guard let (version, updated) = written[change.item.id] else { return nil }
            var item = change.item
            item.version = version
            item.updatedAt = updated
            return item
        }
    }
}
