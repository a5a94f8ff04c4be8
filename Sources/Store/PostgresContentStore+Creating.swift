public import Kernel
public import Postgres

internal import struct Foundation.Date

extension PostgresContentStore {
    /// How many items one statement of a batch create inserts.
    static let createChunk = 500

    /// Creates many items in one transaction (a savepoint inside the caller's): every draft
    /// is checked first, so nothing is written when one is refused; then the items go in
    /// by hundreds, one statement each, sent without waiting for the previous one's answer
    /// (libpq's pipeline mode). Each item gets its revision and audit entry as a single
    /// create gives it; a draft whose slug is taken (or repeats an earlier draft's) is then
    /// created on its own, with the next free slug.
    ///
    /// ```swift
    /// let items = try store.create(drafts, tenant: "cr", author: "ana", message: "from the 2025 survey", on: connection)
    /// ```
    ///
    /// - Returns: the items, in the order of `drafts`.
    /// - Throws: the first draft's ``ValidationError`` or ``ContentError`` (nothing written),
    ///   or the server's error (the whole batch undone).
    public func create(
        _ drafts: [ItemDraft],
        tenant: String,
        author: String,
        message: String?,
        on connection: isolated Connection
    ) throws -> [Item] {
        let record = try tenantRecord(tenant, on: connection)
        let checked = try drafts.map { try newItem($0, record: record) }
        return try connection.withTransaction { connection in
            var items = [Item?](repeating: nil, count: checked.count)
            // A draft whose slug an earlier draft takes goes in on its own afterwards, so each
            // inserted row names its draft by its slug.
            var keys = Set<NewItem.Key>()
            var batch: [Int] = []
            var alone: [Int] = []
            for (index, new) in checked.enumerated() {
                if keys.insert(new.key).inserted { batch.append(index) } else { alone.append(index) }
            }
            let results = try connection.pipeline { pipeline in
                for start in stride(from: 0, to: batch.count, by: Self.createChunk) {
                    let chunk = batch[start..<min(start + Self.createChunk, batch.count)]
                    try pipeline.send(
                        insertStatement(
                            chunk.map { ($0, checked[$0]) },
                            tenantID: record.id,
                            author: author,
                            message: message
                        )
                    )
                }
            }
            for row in results.joined() {
                let index: Int = try row.decode(column: "n")
                items[index] = checked[index].item(
                    id: try row.decode(column: "id"),
                    slug: checked[index].slugBase,
                    tenant: tenant,
                    author: author,
                    createdAt: try row.decode(column: "created_at"),
                    updatedAt: try row.decode(column: "updated_at")
                )
            }
            // Taken slugs: the drafts the statements left out, then the repeated ones.
            for index in batch.filter({ items[$0] == nil }) + alone {
                items[index] = try insert(
                    checked[index],
                    tenant: record,
                    author: author,
                    message: message,
                    on: connection
                )
            }
            return items.map { $0! }
        }
    }

    /// One statement inserting `items` (each with its index among the drafts) that leaves
    /// out those whose slug is taken, with their private fields; it answers each inserted
    /// item's index, id and times.
    private func insertStatement(
        _ items: [(index: Int, new: NewItem)],
        tenantID: Int64,
        author: String,
        message: String?
    ) -> Query {
        var input = "["
        input.reserveCapacity(items.reduce(2) { $0 + $1.new.fields.text.utf8.count + 300 })
        for (position, (index, new)) in items.enumerated() {
            input += position == 0 ? "{\"n\":" : ",{\"n\":"
            input += String(index)
            input += ",\"type\":" + FieldValue.text(new.draft.type).jsonText
            input += ",\"language\":" + FieldValue.text(new.language).jsonText
            if let source = new.draft.translationOf { input += ",\"translation_of\":" + String(source) }
            input += ",\"slug\":" + FieldValue.text(new.slugBase).jsonText
            input += ",\"title\":" + FieldValue.text(new.draft.title).jsonText
            input += ",\"status\":" + FieldValue.text(new.status).jsonText
            input += ",\"fields\":" + new.fields.text
            if let hidden = new.hidden { input += ",\"hidden\":" + hidden.text }
            input += "}"
        }
        input += "]"
        return """
            with input as (
                select * from jsonb_to_recordset(\(JSONDocument(text: input))) as u(n integer, type text, language text,
                    translation_of bigint, slug text, title text, status text, fields jsonb, hidden jsonb)
            ), item as (
                insert into items (tenant_id, type, language, translation_of, slug, title, status, fields, author)
                select \(tenantID), u.type, u.language, u.translation_of, u.slug, u.title, u.status, u.fields, \(author)
                from input u, \(RevisionNote.saying(message))
                order by u.n
                on conflict (tenant_id, type, language, slug) do nothing
                returning tenant_id, id, type, language, slug, created_at, updated_at
            ), hidden as (
                insert into item_private_fields (tenant_id, item_id, fields)
                select i.tenant_id, i.id, u.hidden from item i join input u using (type, language, slug)
                where u.hidden is not null
            )
            select u.n, i.id, i.created_at, i.updated_at from item i join input u using (type, language, slug)
            """
    }
}
