public import struct Foundation.Date

/// One piece of content in one language, as stored.
public struct Item: Sendable, Hashable, Codable {
    /// The id, unique within the tenant.
    public var id: Int64
    /// The owning tenant's code.
    public var tenant: String
    /// The content type's name (`practice`).
    public var type: String
    /// The language the item is written in.
    public var language: String
    /// The id of the item this one translates (its own id for an original).
    public var translationOf: Int64?
    /// The URL-safe name, unique per tenant, type and language.
    public var slug: String
    /// The title.
    public var title: String
    /// The workflow state.
    public var status: String
    /// Increases with every save; updates name the version they read.
    public var version: Int
    /// The values of the type's fields.
    public var fields: [String: FieldValue] {
        get { fieldStorage.values }
        set { fieldStorage = .values(newValue) }
        _modify {
            var values = fieldStorage.values
            // Drop the storage's reference, so the values are changed in place.
            fieldStorage = .values([:])
            defer { fieldStorage = .values(values) }
            yield &values
        }
    }
    private var fieldStorage: FieldStorage
    /// Who saved the current version.
    public var author: String
    /// When it was created.
    public var createdAt: Date
    /// When the current version was saved.
    public var updatedAt: Date
    /// When it was moved to the trash, if it was.
    public var deletedAt: Date?
    /// When a published item becomes visible, if publishing was scheduled.
    public var publishAt: Date?
    /// When a published item stops being visible, if that was scheduled.
    public var unpublishAt: Date?

    /// An item.
    public init(
        id: Int64,
        tenant: String,
        type: String,
        language: String,
        translationOf: Int64? = nil,
        slug: String,
        title: String,
        status: String,
        version: Int,
        fields: [String: FieldValue],
        author: String,
        createdAt: Date,
        updatedAt: Date,
        deletedAt: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.type = type
        self.language = language
        self.translationOf = translationOf
        self.slug = slug
        self.title = title
        self.status = status
        self.version = version
        self.fieldStorage = .values(fields)
        self.author = author
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    /// Keeps `stored` as the item's fields, parsed when they are first read.
    package mutating func setFields(_ stored: StoredFields) {
        fieldStorage = .stored(stored)
    }

    /// Whether the fields are kept as the text they were read in (see ``setFields(_:)``)
    /// rather than as values.
    package var keepsFieldsAsText: Bool {
        if case .stored = fieldStorage { true } else { false }
    }

    /// Whether the public sees the item at `instant`: in one of `publishedStates` (its
    /// workflow's), not trashed, and within its schedule.
    public func isPublic(at instant: Date, publishedStates: Set<String>) -> Bool {
        publishedStates.contains(status) && deletedAt == nil && (publishAt.map { $0 <= instant } ?? true)
            && (unpublishAt.map { $0 > instant } ?? true)
    }

    /// The item with private fields removed, for readers who may not see them.
    public func withoutFields(_ names: [String]) -> Item {
        var copy = self
        for name in names { copy.fields[name] = nil }
        return copy
    }

    private enum CodingKeys: String, CodingKey {
        case id, tenant, type, language, translationOf, slug, title, status, version
        case fieldStorage = "fields"
        case author, createdAt, updatedAt, deletedAt, publishAt, unpublishAt
    }
}
