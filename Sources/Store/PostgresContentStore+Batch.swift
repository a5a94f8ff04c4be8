package import Kernel
package import Postgres

internal import struct Foundation.Date

extension PostgresContentStore {
    /// Saves new versions of many items in one statement, each only if still at the version
    /// it was read at; the database writes their revisions (with `message`) and audit
    /// entries. Only public fields are written: the items must not differ in private fields
    /// from what was read.
    /// - Returns: the saved items; an item changed meanwhile is missing from them.
    package func saveAll(
        _ changes: [(item: Item, old: Item)],
        tenantID: Int64,
        message: String?,
        on connection: isolated Connection
    ) throws -> [Item] {
        guard !changes.isEmpty else { return [] }
        // The rows as one JSON array, written as text.
        var input = "["
        for (index, (item, old)) in changes.enumerated() {
            let hidden = try rules.type(item.type).privateFields
            input += index == 0 ? "{" : ",{"
            input += "\"id\":\(item.id),\"version\":\(old.version),\"title\":" + FieldValue.text(item.title).jsonText
            input +=
                ",\"slug\":" + FieldValue.text(item.slug).jsonText + ",\"status\":"
                + FieldValue.text(item.status).jsonText
            input += ",\"fields\":" + FieldValue.jsonText(of: item.fields.filter { !hidden.contains($0.key) })
            input += ",\"author\":" + FieldValue.text(item.author).jsonText + "}"
        }
        input += "]"
        let saved = try connection.query(
            """
            with input as (
                select * from jsonb_to_recordset(\(JSONDocument(text: input))) as u(id bigint, version integer, title text, slug text,
                    status text, fields jsonb, author text)
            ), item as (
                update items i set title = u.title, slug = u.slug, status = u.status, fields = u.fields, author = u.author,
                    version = i.version + 1, updated_at = now()
                from input u, \(RevisionNote.saying(message))
                where i.tenant_id = \(tenantID) and i.id = u.id and i.version = u.version
                returning i.id, i.version, i.updated_at, i.slug
            )
            select id, version, updated_at, slug from item
            """
        )
        var written: [Int64: (Int, Date, String)] = [:]
        for row in saved {
            written[try row.decode(column: "id")] = (
                try row.decode(column: "version"), try row.decode(column: "updated_at"), try row.decode(column: "slug")
            )
        }
        return changes.compactMap { change in
            guard let (version, updated, slug) = written[change.item.id] else { return nil }
            var item = change.item
            item.version = version
            item.updatedAt = updated
            // The database gives a translation its own slug when its title is first set.
            item.slug = slug
            return item
        }
    }
}
