public import struct Foundation.Date

/// Which items a list shows, in what order, and from where.
///
/// ```swift
/// var query = ItemQuery(type: "practice")
/// query.filters = [.contains("phases", ["preparedness"]), .equals("status", "draft")]
/// query.limit = 20
/// ```
public struct ItemQuery: Sendable, Hashable {
    /// The content type; every type when `nil`.
    public var type: String?
    /// The language; every language when `nil`.
    public var language: String?
    /// Workflow states to keep; every state when empty.
    public var statuses: [String]
    /// Field conditions, all of which must hold.
    public var filters: [ItemFilter]
    /// Authors to keep (who saved the current version, or to whom it was reassigned);
    /// every author when empty.
    public var authors: [String] = []
    /// Only items last saved before this moment (`--older-than 365d`), when set.
    public var updatedBefore: Date?
    /// Trashed items instead of live ones.
    public var trashed: Bool
    /// Only items the public sees now (published, within their schedule).
    public var publicOnly = false
    /// Languages in order of preference (`es-MX`, `es`, `en`): each item appears once, in
    /// the first of them it has a version in. Empty: no fallback (`language` filters).
    public var fallbackLanguages: [String] = []
    /// The order.
    public var sort: ItemSort
    /// The page size (1 to 1000).
    public var limit: Int
    /// Continue after this position (from the previous page's ``ItemPage/next``).
    public var after: ItemCursor?

    /// A query.
    public init(
        type: String? = nil,
        language: String? = nil,
        statuses: [String] = [],
        filters: [ItemFilter] = [],
        trashed: Bool = false,
        sort: ItemSort = .updatedDescending,
        limit: Int = 50,
        after: ItemCursor? = nil
    ) {
        self.type = type
        self.language = language
        self.statuses = statuses
        self.filters = filters
        self.trashed = trashed
        self.sort = sort
        self.limit = limit
        self.after = after
    }
}

/// One condition on a field.
public enum ItemFilter: Sendable, Hashable {
    /// The field equals the value (a single-valued field).
    case equals(String, FieldValue)
    /// The field is one of the values (a single-valued field).
    case oneOf(String, [FieldValue])
    /// The list field contains at least one of the values.
    case contains(String, [FieldValue])
    /// The date (or date-time's UTC instant) lies in the range; either end may be open.
    case between(String, from: String?, to: String?)
}

/// The order of a list; every order ends with the id so pages never overlap.
public enum ItemSort: String, Sendable, Hashable, CaseIterable {
    case updatedDescending = "-updated"
    case updatedAscending = "updated"
    case titleAscending = "title"
    case idAscending = "id"
}

/// Where a page ended: the sort key and id of its last item.
public struct ItemCursor: Sendable, Hashable {
    /// The sort key's value, as text.
    public let key: String
    /// The id.
    public let id: Int64

    /// A cursor.
    public init(key: String, id: Int64) {
        self.key = key
        self.id = id
    }
}

/// One page of items.
public struct ItemPage: Sendable {
    /// The items.
    public let items: [Item]
    /// Where the next page starts; `nil` on the last page.
    public let next: ItemCursor?

    /// A page.
    public init(items: [Item], next: ItemCursor?) {
        self.items = items
        self.next = next
    }
}
