/// An upstream change to a field an adoption overrides: the value the adoption last took, and
/// upstream's value now (`nil`: none).
public struct AdoptionChange: Sendable, Hashable {
    /// The field, or `title`.
    public var field: String
    /// The value last taken from upstream.
    public var taken: FieldValue?
    /// Upstream's value now.
    public var upstream: FieldValue?

    /// A change.
    public init(field: String, taken: FieldValue?, upstream: FieldValue?) {
        self.field = field
        self.taken = taken
        self.upstream = upstream
    }
}
