public import Kernel

/// A role in one tenant given to a person: by `user grant`, or by `user create` with
/// `--role`, in the same transaction as the person.
public struct MembershipGrant: Sendable, Equatable {
    /// The role.
    public var role: Role
    /// The tenant's code.
    public var tenant: String
    /// The languages a translator or reviewer works in.
    public var languages: [String]

    /// A grant.
    public init(role: Role, tenant: String, languages: [String] = []) {
        self.role = role
        self.tenant = tenant
        self.languages = languages
    }
}
