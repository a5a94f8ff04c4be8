internal import Kernel
internal import Postgres

internal import struct Foundation.Date

/// A draft checked by the Kernel's rules and the person's permissions, ready to insert:
/// its public fields and its private ones as the JSON each table stores.
struct NewItem {
    /// The draft completed (language, initial status, canonical fields).
    let draft: ItemDraft
    /// The slug it gets unless taken: the chosen one, or one made from the title.
    let slugBase: String
    /// The fields anyone of the tenant may read.
    let fields: JSONDocument
    /// The private fields, or `nil` when it has none.
    let hidden: JSONDocument?

    var language: String { draft.language! }
    var status: String { draft.status! }

    /// What no two live items of a tenant share: type, language and slug.
    struct Key: Hashable {
        let type: String
        let language: String
        let slug: String
    }

    /// The item's key with the slug it asks for.
    var key: Key { Key(type: draft.type, language: language, slug: slugBase) }

    /// The item as inserted with `id` and `slug`.
    func item(id: Int64, slug: String, tenant: String, author: String, createdAt: Date, updatedAt: Date) -> Item {
        Item(
            id: id,
            tenant: tenant,
            type: draft.type,
            language: language,
            translationOf: draft.translationOf,
            slug: slug,
            title: draft.title,
            status: status,
            version: 1,
            fields: draft.fields,
            author: author,
            createdAt: createdAt,
            updatedAt: updatedAt
        )
    }
}
