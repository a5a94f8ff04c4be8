public import Kernel

/// A demonstration person and their role in one tenant.
public struct DemoPerson: Sendable {
    /// The login name.
    public let name: String
    /// The name shown to others.
    public let displayName: String
    /// The tenant they work in.
    public let tenant: String
    /// Their role there.
    public let role: Role
    /// The languages a translator or reviewer works in.
    public let languages: [String]

    /// A demonstration person.
    public init(name: String, displayName: String, tenant: String, role: Role, languages: [String] = []) {
        self.name = name
        self.displayName = displayName
        self.tenant = tenant
        self.role = role
        self.languages = languages
    }
}
