public import Kernel

/// What an editor asks for: one item carried into some languages, by whom, by when.
public struct TranslationRequest: Sendable, Hashable {
    /// The source item.
    public var sourceID: Int64
    /// The target languages (each a language of the tenant other than the source's).
    public var languages: [String]
    /// Who translates (`nil`: any translator of the language).
    public var translator: String?
    /// Who reviews (`nil`: any reviewer of the language).
    public var reviewer: String?
    /// When the translations are due.
    public var due: CalendarDate?

    /// A request.
    public init(
        sourceID: Int64,
        languages: [String],
        translator: String? = nil,
        reviewer: String? = nil,
        due: CalendarDate? = nil
    ) {
        self.sourceID = sourceID
        self.languages = languages
        self.translator = translator
        self.reviewer = reviewer
        self.due = due
    }
}
