internal import Kernel
package import Postgres

/// The columns an ``Item`` is read from, and the reading.
package enum ItemColumns {
    /// The item's columns, and its private fields (null where the reader may not see them).
    static let list = columns(of: "items")

    /// The item's columns without the look-up of its private fields (read as null): for
    /// people the database would show none (editors and admins only may read them).
    static let listWithoutPrivateFields = Query(
        unsafeSQL: names.map { "items.\($0)" }.joined(separator: ", ") + ", null::jsonb as private_fields"
    )

    /// What an export reads: the same columns, in the same form.
    static let export = list

    /// The item columns a CSV export writes before the fields.
    static let exportNames = [
        "id", "type", "language", "translation_of", "slug", "title", "status", "version", "author", "created",
        "updated",
    ]

    /// What the public reader (see ``PublicReader``) may read: the same columns in the same
    /// form, except the author (read as empty text) and private fields (never).
    static let publicList = Query(
        unsafeSQL: publicNames.map { "items.\($0)" }.joined(separator: ", ")
            + ", ''::text as author, null::jsonb as private_fields"
    )

    /// The item columns read, in order.
    static let names = [
        "id", "type", "language", "translation_of", "slug", "title", "status", "version", "fields", "author",
        "created_at", "updated_at", "deleted_at", "publish_at", "unpublish_at",
    ]

    /// The item columns the public reader is granted, of those read.
    static let publicNames = names.filter { $0 != "author" }

    /// The columns of the items table called (or aliased) `table`, each named with `prefix`
    /// in front, so that one statement can read two items.
    package static func columns(of table: String, prefix: String = "") -> Query {
        let plain = names.map { prefix.isEmpty ? "\(table).\($0)" : "\(table).\($0) as \(prefix)\($0)" }
        return Query(
            unsafeSQL: plain.joined(separator: ", ")
                + ", (select p.fields from item_private_fields p where p.tenant_id = \(table).tenant_id"
                + " and p.item_id = \(table).id) as \(prefix)private_fields"
        )
    }

    /// The item of `row` (for results of many rows, ``ItemRowReader`` finds the columns once).
    static func item(from row: Row, tenant: String) throws -> Item {
        try ItemRowReader(row.result).item(from: row, tenant: tenant)
    }
}
