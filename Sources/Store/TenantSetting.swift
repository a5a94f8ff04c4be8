internal import Postgres

/// A tenant's setting that platform administrators change (`tenant configure`), with the
/// values it takes.
public enum TenantSetting: String, Sendable, CaseIterable {
    /// Whether approving a translation publishes it (`on-approval`, when its original is
    /// published) or editors publish approved translations (`by-editor`).
    case translationsPublish = "translations-publish"
    /// Whether the changes adoptions inherit from upstream reach a published adoption at once
    /// (`publish`) or wait for an editor to take them (`review`).
    case inheritedChanges = "inherited-changes"

    /// The values it takes, the default first.
    public var values: [String] {
        switch self {
        case .translationsPublish: ["on-approval", "by-editor"]
        case .inheritedChanges: ["publish", "review"]
        }
    }

    /// The statement that sets it for the tenant with `code` (the column is the setting's own,
    /// never a value given).
    func update(_ code: String, to value: String) -> Query {
        switch self {
        case .translationsPublish: "update tenants set translations_publish = \(value) where code = \(code)"
        case .inheritedChanges: "update tenants set inherited_changes = \(value) where code = \(code)"
        }
    }
}
