public import Kernel

/// Managing tenants and people, which the platform checks in the database itself (only
/// platform administrators create tenants and people; tenant admins manage memberships).
public protocol Administration: Sendable {
    /// Every person you can see, with their memberships.
    func people() async throws -> Table
    /// Creates a person: a login role with a password (stored by PostgreSQL as SCRAM), and
    /// their `membership` when one is given, all or nothing.
    func createPerson(_ name: String, password: String, displayName: String, membership: MembershipGrant?) async throws
    /// Gives a person a role in a tenant (replacing any role they had there).
    func grant(_ person: String, _ membership: MembershipGrant) async throws
    /// Takes a person's membership of a tenant away.
    func revoke(_ person: String, tenant: String) async throws
    /// Stops a person from logging in.
    func disable(_ person: String) async throws
    /// Makes a person a platform administrator.
    func makePlatformAdmin(_ person: String) async throws
    /// Creates a tenant.
    func createTenant(_ tenant: Tenant) async throws
    /// Renames a tenant.
    func renameTenant(_ code: String, to name: String) async throws
    /// Sets a tenant's setting (`translations-publish`, `inherited-changes`) to `value`.
    func configure(_ code: String, setting: String, to value: String) async throws
    /// Archives a tenant: it becomes read-only.
    func archiveTenant(_ code: String) async throws
}
