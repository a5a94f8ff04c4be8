/// A partial update: only what is named changes.
public struct ItemChanges: Sendable, Hashable {
    /// A new title (the slug stays).
    public var title: String?
    /// A new slug.
    public var slug: String?
    /// Fields to set.
    public var set: [String: FieldValue]
    /// Fields to clear.
    public var remove: [String]
    /// A person to reassign the item to (its author), instead of whoever saves the change.
    public var author: String?

    /// Changes.
    public init(title: String? = nil, slug: String? = nil, set: [String: FieldValue] = [:], remove: [String] = []) {
        self.title = title
        self.slug = slug
        self.set = set
        self.remove = remove
    }

    /// Changes that reassign the item to `author`.
    public static func reassign(to author: String) -> ItemChanges {
        var changes = ItemChanges()
        changes.author = author
        return changes
    }

    /// The item with these changes applied (not validated).
    public func applied(to item: Item) -> Item {
        var changed = item
        if let title { changed.title = title }
        if let slug { changed.slug = slug }
        for (name, value) in set { changed.fields[name] = value }
        for name in remove { changed.fields[name] = nil }
        return changed
    }
}
