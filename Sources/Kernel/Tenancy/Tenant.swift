/// A country office (or headquarters) that owns content.
public struct Tenant: Sendable, Hashable, Codable {
    /// The short code (`cr`, `ph`, `hq`).
    public var code: String
    /// The office's name.
    public var name: String
    /// The language content is written in first.
    public var defaultLanguage: String
    /// The languages the tenant publishes (the default among them).
    public var languages: [String]
    /// Whether the tenant is archived (read-only).
    public var isArchived: Bool

    /// A tenant.
    public init(code: String, name: String, defaultLanguage: String, languages: [String], isArchived: Bool = false) {
        self.code = code
        self.name = name
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.isArchived = isArchived
    }
}
