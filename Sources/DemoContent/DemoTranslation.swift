public import Kernel

/// A demonstration translation job: an item (by tenant, type and title) to carry into
/// other languages, and who works on it.
public struct DemoTranslation: Sendable {
    /// The tenant's code.
    public let tenant: String
    /// The item's type.
    public let type: String
    /// The item's title (its slug is made from it).
    public let title: String
    /// The target languages.
    public let languages: [String]
    /// Who translates.
    public let translator: String?
    /// Who reviews.
    public let reviewer: String?
    /// When it is due.
    public let due: CalendarDate?

    /// A demonstration job.
    public init(
        tenant: String,
        type: String,
        title: String,
        languages: [String],
        translator: String?,
        reviewer: String?,
        due: CalendarDate? = nil
    ) {
        self.tenant = tenant
        self.type = type
        self.title = title
        self.languages = languages
        self.translator = translator
        self.reviewer = reviewer
        self.due = due
    }
}
