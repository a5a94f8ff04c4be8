public import Kernel

/// One source field that changed since a translation was made from it.
public struct OutdatedField: Sendable, Hashable {
    /// The job whose translation needs the field again.
    public let jobID: Int64
    /// The field (`title` or a type's field).
    public let field: String
    /// The source value the translation was made from (`nil` when unknown or unset).
    public let before: FieldValue?
    /// The source value now.
    public let after: FieldValue?

    /// An outdated field.
    public init(jobID: Int64, field: String, before: FieldValue?, after: FieldValue?) {
        self.jobID = jobID
        self.field = field
        self.before = before
        self.after = after
    }
}
