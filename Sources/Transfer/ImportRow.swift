public import Kernel

/// A row read from an import file and validated by the Kernel, ready to stage.
public struct ImportRow: Sendable, Hashable {
    /// The line the row starts on.
    public let line: Int
    /// The content type's name.
    public let type: String
    /// The language (the import's `--language`, or the tenant's default, when the row named
    /// none).
    public let language: String
    /// Whether the row named its language.
    public let languageGiven: Bool
    /// The title.
    public let title: String
    /// The slug: the row's own, or made from the title.
    public let slug: String
    /// Whether the row gave the slug (rather than it being made from the title).
    public let slugGiven: Bool
    /// The workflow state the row asks for; `nil` keeps an existing item's state (and gives
    /// a new one the workflow's first).
    public let status: String?
    /// The workflow's first state, for a new item without a status.
    public let initialStatus: String
    /// The values of the fields anyone in the tenant may read.
    public let fields: [String: FieldValue]
    /// The values of the private fields.
    public let privateFields: [String: FieldValue]
    /// Every field the row sets (a field it covers but has no value for is cleared); the
    /// fields it does not cover keep their values when an existing item is updated.
    public let covered: [String]
    /// The value of the import's key (the slug, or an external id field's value).
    public let key: String
    /// The item's id where the file came from (an export's `id`), when it says.
    public let sourceID: Int64?
    /// The id, where the file came from, of the item this one translates, when it says.
    public let sourceTranslationOf: Int64?
}
