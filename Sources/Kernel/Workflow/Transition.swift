/// A move from some states to another, and the roles that may make it.
public struct Transition: Sendable, Hashable {
    /// The verb (`submit`, `approve`, `publish`).
    public let name: String
    /// The states it starts from.
    public let from: [String]
    /// The state it leads to.
    public let to: String
    /// The roles allowed to take it.
    public let roles: Set<Role>
    /// Whether a comment must explain it (requesting changes).
    public let requiresComment: Bool

    /// A transition.
    public init(_ name: String, from: [String], to: String, roles: Set<Role>, requiresComment: Bool = false) {
        self.name = name
        self.from = from
        self.to = to
        self.roles = roles
        self.requiresComment = requiresComment
    }
}
