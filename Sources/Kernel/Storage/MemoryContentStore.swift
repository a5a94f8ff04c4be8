public import struct Foundation.Date

/// A ``ContentStore`` that keeps everything in memory: the reference implementation for
/// tests of the domain that need no database, and for documentation.
///
/// ```swift
/// let store = MemoryContentStore(registry: registry, tenants: [Tenant(code: "cr", name: "Costa Rica",
///                                defaultLanguage: "es", languages: ["es", "en"])])
/// let item = try await store.create(draft, tenant: "cr", author: "ana", message: nil)
/// ```
public actor MemoryContentStore: ContentStore {
    private let rules: ContentRules
    private var tenants: [String: Tenant]
    private var items: [String: [Int64: Item]] = [:]
    private var revisions: [String: [Int64: [Revision]]] = [:]
    private var events: [String: [Int64: [WorkflowEvent]]] = [:]
    private var nextID: Int64 = 1
    private let clock: @Sendable () -> Date

    /// A store for `registry`'s types holding `tenants`.
    public init(registry: PluginRegistry, tenants: [Tenant], clock: @escaping @Sendable () -> Date = { Date() }) {
        rules = ContentRules(registry: registry)
        self.tenants = Dictionary(uniqueKeysWithValues: tenants.map { ($0.code, $0) })
        self.clock = clock
    }

    public func tenant(_ code: String) throws -> Tenant {
        guard let tenant = tenants[code] else { throw ContentError(.unknownTenant, "there is no tenant '\(code)'") }
        return tenant
    }

    public func create(_ draft: ItemDraft, tenant code: String, author: String, message: String?) throws -> Item {
        let (prepared, base) = try rules.prepare(draft, in: try tenant(code))
        let taken = Set(
            items[code, default: [:]].values
                .filter { $0.type == draft.type && $0.language == prepared.language }
                .map(\.slug)
        )
        if let chosen = draft.slug, taken.contains(chosen) {
            throw ContentError(
                .slugTaken,
                "the slug '\(chosen)' is already used by another \(draft.type) in \(prepared.language!)"
            )
        }
        let now = clock()
        let item = Item(
            id: nextID,
            tenant: code,
            type: draft.type,
            language: prepared.language!,
            translationOf: draft.translationOf,
            slug: Slug.unique(base, avoiding: taken),
            title: draft.title,
            status: prepared.status!,
            version: 1,
            fields: prepared.fields,
            author: author,
            createdAt: now,
            updatedAt: now
        )
        nextID += 1
        items[code, default: [:]][item.id] = item
        revisions[code, default: [:]][item.id] = [Revision(of: item, message: message)]
        return item
    }

    public func update(
        id: Int64,
        tenant code: String,
        expectedVersion: Int,
        changes: ItemChanges,
        author: String,
        message: String?
    ) throws -> Item {
        let current = try item(id: id, tenant: code)
        guard current.deletedAt == nil else {
            throw ContentError(.invalidState, "item \(id) is in the trash; restore it before changing it")
        }
        guard current.version == expectedVersion else {
            throw ContentError.conflict(id: id, expected: expectedVersion, actual: current.version)
        }
        var changed = try rules.apply(changes, to: current, in: try tenant(code))
        let others = Set(
            items[code, default: [:]].values.filter {
                $0.id != id && $0.type == current.type && $0.language == current.language
            }.map(\.slug)
        )
        if changed.slug != current.slug, others.contains(changed.slug) {
            throw ContentError(.slugTaken, "the slug '\(changed.slug)' is already used by another \(current.type)")
        }
        // As the database does: a translation's first title gives it a slug of its own.
        if let original = current.translationOf, current.title.isEmpty, !changed.title.isEmpty,
            changed.slug == current.slug, current.slug == items[code]?[original]?.slug
        {
            changed.slug = Slug.unique(Slug.make(from: changed.title), avoiding: others)
        }
        changed.author = changes.author ?? author
        changed.version += 1
        changed.updatedAt = clock()
        items[code]![id] = changed
        revisions[code]![id]!.append(Revision(of: changed, message: message))
        return changed
    }

    public func item(id: Int64, tenant code: String) throws -> Item {
        guard let item = items[code]?[id] else { throw ContentError.notFound("item \(id)", tenant: code) }
        return item
    }

    public func item(slug: String, type: String, language: String, tenant code: String) throws -> Item {
        guard
            let item = items[code, default: [:]].values.first(where: {
                $0.slug == slug && $0.type == type && $0.language == language && $0.deletedAt == nil
            })
        else { throw ContentError.notFound("\(type) '\(slug)' in \(language)", tenant: code) }
        return item
    }

    public func list(_ query: ItemQuery, tenant code: String) throws -> ItemPage {
        var matching = try matches(query, tenant: code)
        matching.sort { Self.precedes($0, $1, query.sort) }
        if let cursor = query.after, let index = matching.firstIndex(where: { $0.id == cursor.id }) {
            matching.removeFirst(index + 1)
        }
        let page = Array(matching.prefix(query.limit))
        let next = matching.count > query.limit ? page.last.map { ItemCursor(key: "", id: $0.id) } : nil
        return ItemPage(items: page, next: next)
    }

    public func count(_ query: ItemQuery, tenant code: String) throws -> Int {
        try matches(query, tenant: code).count
    }

    /// Every item `query` matches, in no order, its paging ignored.
    private func matches(_ query: ItemQuery, tenant code: String) throws -> [Item] {
        _ = try tenant(code)
        if let type = query.type { _ = try rules.type(type) }
        var matching = items[code, default: [:]].values.filter { item in
            (item.deletedAt != nil) == query.trashed && (query.type == nil || item.type == query.type)
                && (!query.publicOnly
                    || item.isPublic(
                        at: clock(),
                        publishedStates: (try? rules.type(item.type))?.workflow.publishedStates ?? []
                    ))
                && (query.language == nil || !query.fallbackLanguages.isEmpty || item.language == query.language)
                && (query.fallbackLanguages.isEmpty || query.fallbackLanguages.contains(item.language))
                && (query.statuses.isEmpty || query.statuses.contains(item.status))
                && (query.authors.isEmpty || query.authors.contains(item.author))
                && (query.updatedBefore.map { item.updatedAt < $0 } ?? true)
                && query.filters.allSatisfy { Self.matches(item, $0) }
        }
        if !query.fallbackLanguages.isEmpty {
            let rank = { (item: Item) in query.fallbackLanguages.firstIndex(of: item.language) ?? .max }
            matching = Dictionary(grouping: matching) { $0.translationOf ?? $0.id }.values.compactMap { versions in
                versions.min { rank($0) < rank($1) }
            }
        }
        return matching
    }

    /// Searches as ``MemorySearch`` describes: words, not stems.
    public func search(_ query: SearchQuery, tenant code: String) throws -> SearchPage {
        _ = try tenant(code)
        return try MemorySearch(query, rules: rules).page(of: items[code, default: [:]].values)
    }

    public func facetCounts(_ query: SearchQuery, facets: [String], tenant code: String) throws -> [FacetCount] {
        _ = try tenant(code)
        return try MemorySearch(query, rules: rules).facetCounts(of: items[code, default: [:]].values, facets: facets)
    }

    public func history(id: Int64, tenant code: String) throws -> [Revision] {
        _ = try item(id: id, tenant: code)
        return revisions[code]?[id] ?? []
    }

    public func revert(
        id: Int64,
        tenant code: String,
        to version: Int,
        expectedVersion: Int,
        author: String
    ) throws -> Item {
        guard let revision = try history(id: id, tenant: code).first(where: { $0.version == version }) else {
            throw ContentError.notFound("version \(version) of item \(id)", tenant: code)
        }
        let current = try item(id: id, tenant: code)
        let changes = ItemChanges(
            title: revision.title,
            slug: revision.slug,
            set: revision.fields,
            remove: current.fields.keys.filter { revision.fields[$0] == nil }
        )
        return try update(
            id: id,
            tenant: code,
            expectedVersion: expectedVersion,
            changes: changes,
            author: author,
            message: "revert to version \(version)"
        )
    }

    public func transition(
        id: Int64,
        tenant code: String,
        name: String,
        expectedVersion: Int,
        author: String,
        comment: String?,
        at: Date?
    ) throws -> Item {
        let current = try item(id: id, tenant: code)
        guard current.version == expectedVersion else {
            throw ContentError.conflict(id: id, expected: expectedVersion, actual: current.version)
        }
        let transition = try rules.transition(name, for: current, in: try tenant(code), comment: comment)
        var moved = try rules.moved(current, by: transition, at: at, now: clock())
        moved.author = author
        moved.version += 1
        moved.updatedAt = clock()
        items[code]![id] = moved
        revisions[code]![id]!.append(Revision(of: moved, message: comment.map { "\(name): \($0)" } ?? name))
        let event = WorkflowEvent(
            itemID: id,
            transition: name,
            from: current.status,
            to: moved.status,
            actor: author,
            comment: comment,
            at: moved.updatedAt
        )
        events[code, default: [:]][id, default: []].append(event)
        return moved
    }

    public func events(id: Int64, tenant code: String) throws -> [WorkflowEvent] {
        _ = try item(id: id, tenant: code)
        return events[code]?[id] ?? []
    }

    public func delete(id: Int64, tenant code: String, author: String) throws -> Item {
        try moveTrash(id: id, tenant: code, toTrash: true)
    }

    public func restore(id: Int64, tenant code: String, author: String) throws -> Item {
        try moveTrash(id: id, tenant: code, toTrash: false)
    }

    public func purge(id: Int64, tenant code: String, author: String) throws {
        try rules.writable(try tenant(code))
        guard try item(id: id, tenant: code).deletedAt != nil else {
            throw ContentError(.invalidState, "item \(id) is not in the trash; delete it before purging it")
        }
        items[code]![id] = nil
        revisions[code]![id] = nil
    }

    private func moveTrash(id: Int64, tenant code: String, toTrash: Bool) throws -> Item {
        try rules.writable(try tenant(code))
        var current = try item(id: id, tenant: code)
        guard (current.deletedAt == nil) == toTrash else {
            throw ContentError(.invalidState, "item \(id) is \(toTrash ? "already" : "not") in the trash")
        }
        current.deletedAt = toTrash ? clock() : nil
        items[code]![id] = current
        return current
    }

    private static func matches(_ item: Item, _ filter: ItemFilter) -> Bool {
        switch filter {
        case .equals(let field, let value): return item.fields[field] == value
        case .oneOf(let field, let values): return item.fields[field].map(values.contains) ?? false
        case .contains(let field, let values):
            return item.fields[field]?.listValue?.contains(where: values.contains) ?? false
        case .between(let field, let from, let to):
            guard let value = item.fields[field] else { return false }
            let text = ZonedDateTime.instant(of: value).map(ZonedDateTime.utcText) ?? value.textValue ?? ""
            return (from.map { text >= $0 } ?? true) && (to.map { text < $0 } ?? true)
        }
    }

    private static func precedes(_ a: Item, _ b: Item, _ sort: ItemSort) -> Bool {
        switch sort {
        case .updatedDescending: (a.updatedAt, a.id) > (b.updatedAt, b.id)
        case .updatedAscending: (a.updatedAt, a.id) < (b.updatedAt, b.id)
        case .titleAscending: (a.title, a.id) < (b.title, b.id)
        case .idAscending: a.id < b.id
        }
    }
}
