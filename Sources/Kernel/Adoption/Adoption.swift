/// A local item linked to another tenant's item, its upstream: it inherits every field it has
/// not changed (upstream's new values reach it as upstream saves them); the fields it changed
/// are overridden, and outdated while upstream's value differs from the one last taken.
public struct Adoption: Sendable, Hashable {
    /// The local item.
    public var itemID: Int64
    /// Its content type.
    public var type: String
    /// Its title.
    public var title: String
    /// Its workflow state.
    public var status: String
    /// The upstream tenant's code.
    public var upstreamTenant: String
    /// The upstream item.
    public var upstreamID: Int64
    /// Upstream's version when the adoption last took its values.
    public var takenVersion: Int
    /// The fields (and `title`) the office changed, which no longer follow upstream.
    public var overridden: [String]
    /// The fields upstream changed since they were taken, with both values: the overridden
    /// ones, and in a published adoption of a tenant that reviews inherited changes, the
    /// inherited ones waiting to be taken.
    public var outdated: [AdoptionChange]
    /// Why upstream no longer feeds it (unpublished, in the trash, purged), or `nil`.
    public var orphanReason: String?

    /// An adoption.
    public init(
        itemID: Int64,
        type: String,
        title: String,
        status: String,
        upstreamTenant: String,
        upstreamID: Int64,
        takenVersion: Int,
        overridden: [String],
        outdated: [AdoptionChange],
        orphanReason: String?
    ) {
        self.itemID = itemID
        self.type = type
        self.title = title
        self.status = status
        self.upstreamTenant = upstreamTenant
        self.upstreamID = upstreamID
        self.takenVersion = takenVersion
        self.overridden = overridden
        self.outdated = outdated
        self.orphanReason = orphanReason
    }
}
