public import struct Foundation.Date

/// A full snapshot of an item as one save left it.
public struct Revision: Sendable, Hashable, Codable {
    /// The item's id.
    public var itemID: Int64
    /// The version this snapshot is.
    public var version: Int
    /// The title then.
    public var title: String
    /// The slug then.
    public var slug: String
    /// The workflow state then.
    public var status: String
    /// The field values then.
    public var fields: [String: FieldValue]
    /// Who saved it.
    public var author: String
    /// Why, if they said.
    public var message: String?
    /// When.
    public var createdAt: Date

    /// A revision.
    public init(
        itemID: Int64,
        version: Int,
        title: String,
        slug: String,
        status: String,
        fields: [String: FieldValue],
        author: String,
        message: String?,
        createdAt: Date
    ) {
        self.itemID = itemID
        self.version = version
        self.title = title
        self.slug = slug
        self.status = status
        self.fields = fields
        self.author = author
        self.message = message
        self.createdAt = createdAt
    }

    /// The snapshot of an item.
    public init(of item: Item, message: String?) {
        self.init(
            itemID: item.id,
            version: item.version,
            title: item.title,
            slug: item.slug,
            status: item.status,
            fields: item.fields,
            author: item.author,
            message: message,
            createdAt: item.updatedAt
        )
    }

    /// Title, slug, status and fields as one dictionary, for diffs.
    var comparable: [String: FieldValue] {
        var values = fields
        values["title"] = .text(title)
        values["slug"] = .text(slug)
        values["status"] = .text(status)
        return values
    }
}
