public import Kernel

public import struct Foundation.Date

/// A request to carry one item into another language, and how far it has come.
public struct TranslationJob: Sendable, Hashable {
    /// The job's id, unique within the tenant.
    public var id: Int64
    /// The owning tenant's code.
    public var tenant: String
    /// The content type of the source and target items.
    public var type: String
    /// The item being translated.
    public var sourceID: Int64
    /// The source's version the job was made from (or last brought up to date with).
    public var sourceVersion: Int
    /// The source's language.
    public var sourceLanguage: String
    /// The source's title, for people.
    public var sourceTitle: String
    /// The target-language item the translator writes.
    public var targetID: Int64
    /// The target language.
    public var language: String
    /// Who translates (`nil`: any translator of the language).
    public var translator: String?
    /// Who reviews (`nil`: any reviewer of the language).
    public var reviewer: String?
    /// When it is due.
    public var due: CalendarDate?
    /// The state in ``Workflow/translation``.
    public var status: String
    /// The source fields changed since the job was made, which need translating again.
    public var outdatedFields: [String]
    /// A hash of every translatable source field as the job last saw it.
    public var sourceHashes: [String: String]
    /// Increases with every change to the job.
    public var version: Int
    /// When the job last changed.
    public var updatedAt: Date

    /// A job.
    public init(
        id: Int64,
        tenant: String,
        type: String,
        sourceID: Int64,
        sourceVersion: Int,
        sourceLanguage: String,
        sourceTitle: String,
        targetID: Int64,
        language: String,
        translator: String? = nil,
        reviewer: String? = nil,
        due: CalendarDate? = nil,
        status: String,
        outdatedFields: [String] = [],
        sourceHashes: [String: String] = [:],
        version: Int = 1,
        updatedAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.type = type
        self.sourceID = sourceID
        self.sourceVersion = sourceVersion
        self.sourceLanguage = sourceLanguage
        self.sourceTitle = sourceTitle
        self.targetID = targetID
        self.language = language
        self.translator = translator
        self.reviewer = reviewer
        self.due = due
        self.status = status
        self.outdatedFields = outdatedFields
        self.sourceHashes = sourceHashes
        self.version = version
        self.updatedAt = updatedAt
    }

    /// Whether the job is past its due date on `today` and not yet approved.
    public func isOverdue(on today: CalendarDate) -> Bool {
        guard let due else { return false }
        return due < today && !["approved", "published"].contains(status)
    }
}
