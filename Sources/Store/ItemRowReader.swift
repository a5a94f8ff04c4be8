package import Kernel
package import Postgres

/// Reads items from the rows of one result: the positions of their columns (see
/// ``ItemColumns``) are found by name once, not for every row a list page or an export reads.
package struct ItemRowReader {
    private let id: Int
    private let type: Int
    private let language: Int
    private let translationOf: Int
    private let slug: Int
    private let title: Int
    private let status: Int
    private let version: Int
    private let fields: Int
    private let author: Int
    private let createdAt: Int
    private let updatedAt: Int
    private let deletedAt: Int
    private let publishAt: Int
    private let unpublishAt: Int
    private let privateFields: Int
    /// Whether each row's fields are parsed as it is read, rather than when first used: for
    /// rows read while the server still looks for the next (see `Connection.stream`), where
    /// the parsing costs no waiting.
    private let parsesFields: Bool

    /// A reader of `result`'s items, whose columns are named with `prefix` in front, that
    /// parses each item's fields as it reads the row when `parsingFields` says so (else when
    /// they are first used).
    /// - Throws: when a column is missing.
    package init(_ result: QueryResult, prefix: String = "", parsingFields: Bool = false) throws {
        parsesFields = parsingFields
        func position(_ name: String) throws -> Int { try result.columnNumber(prefix + name) }
        id = try position("id")
        type = try position("type")
        language = try position("language")
        translationOf = try position("translation_of")
        slug = try position("slug")
        title = try position("title")
        status = try position("status")
        version = try position("version")
        fields = try position("fields")
        author = try position("author")
        createdAt = try position("created_at")
        updatedAt = try position("updated_at")
        deletedAt = try position("deleted_at")
        publishAt = try position("publish_at")
        unpublishAt = try position("unpublish_at")
        privateFields = try position("private_fields")
    }

    /// The item of `row`, a row of the reader's result.
    package func item(from row: Row, tenant: String) throws -> Item {
        var item = Item(
            id: try row.decode(at: id),
            tenant: tenant,
            type: try row.decode(at: type),
            language: try row.decode(at: language),
            translationOf: try row.decode(at: translationOf),
            slug: try row.decode(at: slug),
            title: try row.decode(at: title),
            status: try row.decode(at: status),
            version: try row.decode(at: version),
            fields: [:],
            author: try row.decode(at: author),
            createdAt: try row.decode(at: createdAt),
            updatedAt: try row.decode(at: updatedAt),
            deletedAt: try row.decode(at: deletedAt)
        )
        item.publishAt = try row.decode(at: publishAt)
        item.unpublishAt = try row.decode(at: unpublishAt)
        try readFields(of: row, into: &item)
        return item
    }

    /// Runs `statement` on `connection` and hands each row to `body` as it arrives, with one
    /// reader of its items made from the first row, which parses each item's fields as its
    /// row is read (while the server makes the next rows) when `parsingFields` says so, for
    /// callers that read every field, or else when they are first read.
    static func stream(
        _ statement: Query,
        plan: StatementPlan,
        parsingFields: Bool,
        on connection: isolated Connection,
        _ body: (ItemRowReader, Row) throws -> Void
    ) throws {
        var reader: ItemRowReader?
        try connection.stream(statement, plan: plan) { row in
            let columns = try reader ?? ItemRowReader(row.result, parsingFields: parsingFields)
            reader = columns
            try body(columns, row)
        }
    }

    /// Gives `item` the row's fields: the public ones kept as stored text, parsed when first
    /// read (a list page shown as titles needs none), unless ``parsesFields`` says otherwise,
    /// or, when the reader may see private fields and the item has some, both parsed and
    /// merged.
    private func readFields(of row: Row, into item: inout Item) throws {
        // Read straight from libpq's buffer as valid UTF-8: the server sends text in UTF-8
        // from a UTF8 database (`Migrator` refuses any other), where it checked every string
        // it stored.
        let hidden = try row.withTextBytes(at: privateFields, FieldValue.parseFields(validUTF8JSON:))
        if hidden == nil && !parsesFields {
            if let stored = try row.withTextBytes(at: fields, StoredFields.init(jsonbText:)) {
                item.setFields(stored)
            }
            return
        }
        var values = try row.withTextBytes(at: fields, FieldValue.parseFields(validUTF8JSON:)) ?? [:]
        if let hidden { values.merge(hidden) { _, `private` in `private` } }
        item.fields = values
    }
}
