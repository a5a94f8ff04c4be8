/// What to export: a tenant's items of one type or of every type, in every language.
public struct ExportRequest: Sendable, Hashable {
    /// The tenant.
    public var tenant: String
    /// The content type, or `nil` for every type.
    public var type: String?
    /// The format written.
    public var format: TransferFormat
    /// Whether each item carries its revisions (NDJSON only).
    public var revisions: Bool
    /// Only this language, when given.
    public var language: String?
    /// Only these workflow states, when given.
    public var statuses: [String]
    /// Languages in order of preference: each item once, in the first of them it has a
    /// version in (`language` is then the first). Empty: no fallback.
    public var fallbackLanguages: [String] = []

    /// A request for every live item of `type` (every type when `nil`).
    public init(tenant: String, type: String?, format: TransferFormat) {
        self.tenant = tenant
        self.type = type
        self.format = format
        revisions = false
        language = nil
        statuses = []
    }
}
