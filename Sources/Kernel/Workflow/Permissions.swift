/// What each role may do with content, checked before anything is written so that a
/// refusal comes with a clear message. The database enforces the same rules again for
/// anyone who connects directly.
public enum Permissions {
    /// Something a person wants to do with an item.
    public enum Action: Sendable {
        case create
        case edit
        case trash
        case purge
        case transition(Transition)
        /// Asking for translations of an item, or assigning them.
        case requestTranslation
    }

    /// Throws ``ContentError/Code/forbidden`` when `role` may not take `action` on `item`
    /// (`nil` for a new one) of `type` in `tenant`.
    /// - Parameter languages: the languages a translator works in.
    public static func check(
        _ action: Action,
        role: Role?,
        languages: [String] = [],
        item: Item?,
        type: ContentType,
        tenant: String
    ) throws {
        guard let role else { throw ContentError(.forbidden, "you have no role in tenant \(tenant)") }
        if role == .admin { return }
        let allowed: Bool
        let what: String
        switch action {
        case .create:
            allowed = role == .editor
            what = "create \(type.plural)"
        case .edit:
            let translation = item.map { $0.translationOf != nil && languages.contains($0.language) } ?? false
            allowed = role == .editor || (role == .translator && translation)
            what = role == .translator ? "change anything but translations in your languages" : "change \(type.plural)"
        case .trash:
            allowed = role == .editor
            what = "delete or restore \(type.plural)"
        case .requestTranslation:
            allowed = role == .editor
            what = "request translations of \(type.plural)"
        case .purge:
            allowed = false
            what = "purge \(type.plural) (admins only)"
        case .transition(let transition):
            allowed = transition.roles.contains(role)
            let who = Role.allCases.filter(transition.roles.contains).map(\.rawValue).joined(separator: " or ")
            what = "\(transition.name) \(type.plural) (\(who) only)"
        }
        if !allowed {
            throw ContentError(.forbidden, "as \(role.article) \(role.rawValue) in \(tenant) you may not \(what)")
        }
    }
}

extension Role {
    /// "a" or "an", for messages.
    public var article: String { self == .admin || self == .editor ? "an" : "a" }
}
