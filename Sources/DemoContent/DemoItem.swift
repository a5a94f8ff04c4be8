public import Kernel

/// One item of the demonstration data: the tenant that owns it, what to create, and whether
/// to publish it once created.
public struct DemoItem: Sendable {
    /// The owning tenant's code (`hq`, `cr`, `ph`).
    public let tenant: String
    /// What to create; its slug is left to be made from the title.
    public let draft: ItemDraft
    /// Whether the item ends up published (otherwise it stays a draft).
    public let published: Bool

    /// A demonstration item.
    public init(tenant: String, draft: ItemDraft, published: Bool) {
        self.tenant = tenant
        self.draft = draft
        self.published = published
    }
}
