public import Kernel

extension TranslationJob {
    /// The states in which the translator may change the translation.
    public static let editableStates: Set<String> = ["requested", "in_progress", "changes_requested", "outdated"]

    /// Why `person`, holding `role` (and working in `languages`), may not take `transition`
    /// on this job; `nil` when they may. Translators and reviewers act on jobs in their
    /// languages that name them or nobody; editors and admins on every job.
    /// - Parameter publishing: the tenant lets this person publish translations beyond the
    ///   transition's roles (reviewers, where approving publishes).
    public func refusal(
        of transition: Transition,
        person: String,
        role: Role?,
        languages: [String],
        publishing: Bool = false
    ) -> String? {
        guard let role else { return "you have no role in tenant \(tenant)" }
        if role == .admin { return nil }
        guard transition.roles.contains(role) || publishing else {
            let who = Role.allCases.filter(transition.roles.contains).map(\.rawValue).joined(separator: " or ")
            return "as \(role.article) \(role.rawValue) you may not \(transition.name) translations (\(who) only)"
        }
        if role == .translator || role == .reviewer {
            if !languages.contains(language) {
                return "you do not work in \(language)"
            }
            let assigned = role == .translator ? translator : reviewer
            if let assigned, assigned != person {
                return "job \(id) is assigned to \(assigned)"
            }
        }
        guard transition.from.contains(status) else {
            return "job \(id) is \(status); \(transition.name) applies to jobs that are "
                + transition.from.joined(separator: " or ")
        }
        return nil
    }

    /// Why `person` may not change the translation itself; `nil` when they may.
    public func editRefusal(person: String, role: Role?, languages: [String]) -> String? {
        guard let role else { return "you have no role in tenant \(tenant)" }
        switch role {
        case .admin, .editor: return nil
        case .translator:
            if !languages.contains(language) { return "you do not work in \(language)" }
            if let translator, translator != person { return "job \(id) is assigned to \(translator)" }
            if !Self.editableStates.contains(status) {
                return "job \(id) is \(status); its translation changes again only if a reviewer requests changes"
            }
            return nil
        case .reviewer, .viewer: return "as \(role.article) \(role.rawValue) you may not change translations"
        }
    }
}
