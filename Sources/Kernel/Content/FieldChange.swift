/// How one field differs between two revisions.
public struct FieldChange: Sendable, Hashable {
    /// The field (`title`, `slug`, `status` or a type's field).
    public let field: String
    /// The value before; `nil` when it was unset.
    public let before: FieldValue?
    /// The value after; `nil` when it was cleared.
    public let after: FieldValue?

    /// The fields that differ from `old` to `new`, by name.
    public static func between(_ old: Revision, _ new: Revision) -> [FieldChange] {
        let before = old.comparable
        let after = new.comparable
        return Set(before.keys).union(after.keys).sorted().compactMap { name in
            before[name] == after[name] ? nil : FieldChange(field: name, before: before[name], after: after[name])
        }
    }
}
