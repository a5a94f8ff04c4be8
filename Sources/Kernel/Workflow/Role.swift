/// What a person may do in one tenant.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Manages the tenant's memberships and may do everything in it.
    case admin
    /// Writes content, submits it and publishes approved content.
    case editor
    /// Writes translations in their languages.
    case translator
    /// Approves content and translations, or requests changes.
    case reviewer
    /// Reads.
    case viewer
}
