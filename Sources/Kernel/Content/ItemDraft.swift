/// What is needed to create an item.
public struct ItemDraft: Sendable, Hashable {
    /// The content type's name.
    public var type: String
    /// The language; the tenant's default when `nil`.
    public var language: String?
    /// The title.
    public var title: String
    /// A slug chosen by hand; made from the title when `nil`.
    public var slug: String?
    /// The initial workflow state; the workflow's initial one when `nil`.
    public var status: String?
    /// The field values.
    public var fields: [String: FieldValue]
    /// The original, when the item is a translation of it (its slug then suffixed on a
    /// clash, and its title and required fields may wait until the translation is submitted).
    public var translationOf: Int64?

    /// A draft.
    public init(
        type: String,
        title: String,
        language: String? = nil,
        slug: String? = nil,
        status: String? = nil,
        fields: [String: FieldValue] = [:]
    ) {
        self.type = type
        self.title = title
        self.language = language
        self.slug = slug
        self.status = status
        self.fields = fields
    }
}
