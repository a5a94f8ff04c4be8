/// Where the public finds an adopted item's upstream: its tenant and item, and whether the
/// adoption is a copy of it (the office overrides neither its title nor its body), so that
/// upstream is the canonical page.
public struct PublicUpstream: Sendable, Hashable {
    /// The upstream tenant's code.
    public let tenant: String
    /// The upstream item's type.
    public let type: String
    /// Its slug.
    public let slug: String
    /// Its language.
    public let language: String
    /// Whether upstream is the canonical page of the adoption.
    public let isCanonical: Bool

    /// An upstream.
    public init(tenant: String, type: String, slug: String, language: String, isCanonical: Bool) {
        self.tenant = tenant
        self.type = type
        self.slug = slug
        self.language = language
        self.isCanonical = isCanonical
    }
}
