/// One translatable field of a job, as a translation file carries it.
public struct TranslationUnit: Sendable, Hashable {
    /// The field (`title`, `summary`).
    public var field: String
    /// The hash of the source text the unit was made from.
    public var sourceHash: String
    /// The source text.
    public var source: String
    /// The translation, if there is one yet.
    public var target: String?

    /// A unit.
    public init(field: String, sourceHash: String, source: String, target: String?) {
        self.field = field
        self.sourceHash = sourceHash
        self.source = source
        self.target = target
    }
}
