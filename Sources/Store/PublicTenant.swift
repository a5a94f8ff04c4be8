public import Kernel

public import struct Foundation.Date

/// A tenant as the public reader sees it: one that is not archived.
public struct PublicTenant: Sendable, Hashable {
    /// The row id.
    public let id: Int64
    /// The tenant.
    public let tenant: Tenant
    /// When the public view of the tenant's content next changes by itself (an item's
    /// scheduled publication or unpublication), when one is scheduled.
    public let nextChange: Date?

    /// A tenant.
    public init(id: Int64, tenant: Tenant, nextChange: Date?) {
        self.id = id
        self.tenant = tenant
        self.nextChange = nextChange
    }
}
