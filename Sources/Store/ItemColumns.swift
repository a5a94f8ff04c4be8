internal import Kernel
internal import Postgres

/// The columns an ``Item`` is read from, and the reading.
enum ItemColumns {
    /// The item's columns, and its private fields (null where the reader may not see them).
    static let list: Query = """
        id, type, language, translation_of, slug, title, status, version, fields, author, created_at, updated_at, \
        deleted_at, (select p.fields from item_private_fields p where p.tenant_id = items.tenant_id \
        and p.item_id = items.id) as private_fields
        """

    /// What an export reads: the same columns, in the same form.
    static let export = list

    /// The item columns a CSV export writes before the fields.
    static let exportNames = [
        "id", "type", "language", "translation_of", "slug", "title", "status", "version", "author", "created",
        "updated",
    ]

    static func item(from row: Row, tenant: String) throws -> Item {
        Item(
            id: try row.decode(column: "id"),
            tenant: tenant,
            type: try row.decode(column: "type"),
            language: try row.decode(column: "language"),
            translationOf: try row.decode(column: "translation_of"),
            slug: try row.decode(column: "slug"),
            title: try row.decode(column: "title"),
            status: try row.decode(column: "status"),
            version: try row.decode(column: "version"),
            fields: try fields(of: row),
            author: try row.decode(column: "author"),
            createdAt: try row.decode(column: "created_at"),
            updatedAt: try row.decode(column: "updated_at"),
            deletedAt: try row.decode(column: "deleted_at")
        )
    }

    /// The public fields with the private ones the reader may see merged in.
    private static func fields(of row: Row) throws -> [String: FieldValue] {
        var fields = try FieldValue.parseFields(json: try row.decode(JSONDocument.self, column: "fields").text)
        if let hidden = try row.decode(JSONDocument?.self, column: "private_fields") {
            fields.merge(try FieldValue.parseFields(json: hidden.text)) { _, `private` in `private` }
        }
        return fields
    }
}
