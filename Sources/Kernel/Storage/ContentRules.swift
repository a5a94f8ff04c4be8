public import struct Foundation.Date

/// The checks every store makes before it writes, so that all stores accept and refuse
/// exactly the same things.
public struct ContentRules: Sendable {
    /// The registered content types.
    public let registry: PluginRegistry

    /// Rules over `registry`.
    public init(registry: PluginRegistry) {
        self.registry = registry
    }

    /// The content type called `name`.
    public func type(_ name: String) throws -> ContentType {
        guard let type = registry.contentType(name) else {
            let message = "there is no content type '\(name)'"
            throw ContentError(
                .unknownType,
                message + NameSuggestions.hint(name, among: registry.contentTypes.map(\.name))
            )
        }
        return type
    }

    /// A draft checked and completed: language, status and slug base filled in.
    public func prepare(_ draft: ItemDraft, in tenant: Tenant) throws -> (draft: ItemDraft, slugBase: String) {
        try writable(tenant)
        let type = try type(draft.type)
        var completed = draft
        completed.language = draft.language.map(LanguageTag.canonical) ?? tenant.defaultLanguage
        completed.status = draft.status ?? type.workflow.initialState
        completed.fields = type.fields.canonical(draft.fields)
        var issues = type.validate(
            title: draft.title,
            fields: completed.fields,
            languages: tenant.languages,
            complete: draft.translationOf == nil
        )
        issues += check(
            language: completed.language!,
            status: completed.status!,
            slug: draft.slug,
            type: type,
            tenant: tenant
        )
        if !issues.isEmpty { throw ValidationError(issues: issues) }
        return (completed, draft.slug ?? Slug.make(from: draft.title))
    }

    /// The item as `changes` leave it, checked.
    public func apply(_ changes: ItemChanges, to item: Item, in tenant: Tenant) throws -> Item {
        try writable(tenant)
        let type = try type(item.type)
        var changes = changes
        changes.set = type.fields.canonical(changes.set)
        let changed = changes.applied(to: item)
        let isTranslation = item.translationOf != nil
        var issues = type.validate(
            title: changed.title,
            fields: changed.fields,
            languages: tenant.languages,
            complete: !isTranslation
        )
        if isTranslation {
            for name in type.sharedFields where changed.fields[name] != item.fields[name] {
                issues.append(
                    ValidationIssue(
                        field: name,
                        message: "is shared with the original (item \(item.translationOf!)); change it there"
                    )
                )
            }
        }
        if let slug = changes.slug, !Slug.isValid(slug) { issues.append(Self.slugIssue(slug)) }
        if !issues.isEmpty { throw ValidationError(issues: issues) }
        return changed
    }

    /// Refuses a translation that still lacks its title or a required field.
    public func complete(_ item: Item, in tenant: Tenant) throws {
        let issues = try type(item.type).validate(title: item.title, fields: item.fields, languages: tenant.languages)
        if !issues.isEmpty { throw ValidationError(issues: issues) }
    }

    /// The transition called `name` for `item`, checked against its workflow and state.
    public func transition(_ name: String, for item: Item, in tenant: Tenant, comment: String?) throws -> Transition {
        try writable(tenant)
        let workflow = try type(item.type).workflow
        guard let transition = workflow.transition(name) else {
            throw ContentError(
                .invalidState,
                "the \(workflow.name) workflow has no transition '\(name)' ("
                    + workflow.transitions.map(\.name).joined(separator: ", ") + ")"
            )
        }
        guard transition.from.contains(item.status) else {
            throw ContentError(
                .invalidState,
                "\(item.type) \(item.id) is \(item.status); \(name) applies to "
                    + transition.from.joined(separator: " or ") + " items"
            )
        }
        if transition.requiresComment && (comment ?? "").trimmingWhitespace().isEmpty {
            throw ValidationError(issues: [ValidationIssue(field: "comment", message: "is required to \(name)")])
        }
        return transition
    }

    /// `item` after taking `transition` at `at` (now when `nil` or past): publishing later
    /// publishes it with a start of public view; unpublishing later keeps it published
    /// with an end of public view; either now clears the schedule it ends. Which
    /// transitions publish and unpublish, the item's workflow says (``Workflow/publishes(_:)``).
    public func moved(_ item: Item, by transition: Transition, at: Date?, now: Date) throws -> Item {
        var moved = item
        let later = at.flatMap { $0 > now ? $0 : nil }
        let workflow = try type(item.type).workflow
        if workflow.publishes(transition) {
            moved.status = transition.to
            moved.publishAt = later
            if let end = moved.unpublishAt, end <= (later ?? now) { moved.unpublishAt = nil }
        } else if workflow.unpublishes(transition) {
            if let later {
                if let start = item.publishAt, later <= start {
                    throw ValidationError(issues: [
                        ValidationIssue(field: "at", message: "is before the item's publication at \(start)")
                    ])
                }
                moved.unpublishAt = later
            } else {
                moved.status = transition.to
                moved.publishAt = nil
                moved.unpublishAt = nil
            }
        } else {
            if at != nil {
                let scheduled = workflow.transitions.filter { workflow.publishes($0) || workflow.unpublishes($0) }
                throw ValidationError(issues: [
                    ValidationIssue(
                        field: "at",
                        message: "schedules " + scheduled.map(\.name).joined(separator: " and ")
                            + " only, not \(transition.name)"
                    )
                ])
            }
            moved.status = transition.to
            if !workflow.publishedStates.contains(transition.to) {
                moved.publishAt = nil
                moved.unpublishAt = nil
            }
        }
        return moved
    }

    /// Refuses writes to an archived tenant.
    public func writable(_ tenant: Tenant) throws {
        if tenant.isArchived {
            throw ContentError(.archivedTenant, "tenant \(tenant.code) is archived and read-only")
        }
    }

    private func check(
        language: String,
        status: String,
        slug: String?,
        type: ContentType,
        tenant: Tenant
    )
        -> [ValidationIssue]
    {
        var issues: [ValidationIssue] = []
        if !tenant.languages.contains(language) {
            issues.append(
                ValidationIssue(
                    field: "language",
                    message:
                        "'\(language)' is not one of tenant \(tenant.code)'s languages (\(tenant.languages.joined(separator: ", ")))"
                )
            )
        }
        if !type.workflow.states.contains(status) {
            issues.append(
                ValidationIssue(
                    field: "status",
                    message: "'\(status)' is not a state of the \(type.workflow.name) workflow ("
                        + type.workflow.states.joined(separator: ", ") + ")"
                )
            )
        }
        if let slug, !Slug.isValid(slug) { issues.append(Self.slugIssue(slug)) }
        return issues
    }

    private static func slugIssue(_ slug: String) -> ValidationIssue {
        ValidationIssue(
            field: "slug",
            message:
                "'\(slug)' is not a valid slug: use lowercase letters, digits and single hyphens, up to \(Slug.maximumLength) characters"
        )
    }
}
