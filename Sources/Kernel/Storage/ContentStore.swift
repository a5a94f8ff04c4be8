public import struct Foundation.Date

/// Where items live. The `Store` module implements it over PostgreSQL;
/// ``MemoryContentStore`` keeps everything in memory for tests and documentation.
///
/// Every implementation validates through ``ContentRules`` before it writes, saves a
/// ``Revision`` with every version, and refuses a stale `expectedVersion`.
public protocol ContentStore: Sendable {
    /// The tenant with `code`.
    func tenant(_ code: String) async throws -> Tenant

    /// Creates an item (version 1) with a unique slug.
    func create(_ draft: ItemDraft, tenant: String, author: String, message: String?) async throws -> Item

    /// Applies `changes` to the item if it is still at `expectedVersion`.
    func update(
        id: Int64,
        tenant: String,
        expectedVersion: Int,
        changes: ItemChanges,
        author: String,
        message: String?
    ) async throws -> Item

    /// The item with `id` (also when trashed).
    func item(id: Int64, tenant: String) async throws -> Item

    /// The live item with `slug` of `type` in `language`.
    func item(slug: String, type: String, language: String, tenant: String) async throws -> Item

    /// A page of items.
    func list(_ query: ItemQuery, tenant: String) async throws -> ItemPage

    /// How many items match `query` on every page (its paging ignored), counted by the store
    /// rather than read.
    func count(_ query: ItemQuery, tenant: String) async throws -> Int

    /// A page of the live items matching `query`, best first, each with a snippet.
    func search(_ query: SearchQuery, tenant: String) async throws -> SearchPage

    /// How many of all the items matching `query` (every page) have each value of each of
    /// `facets` (``SearchQuery/repositoryFacets``, for example), by facet in the order
    /// given, then most frequent first.
    func facetCounts(_ query: SearchQuery, facets: [String], tenant: String) async throws -> [FacetCount]

    /// Every revision of an item, oldest first.
    func history(id: Int64, tenant: String) async throws -> [Revision]

    /// Every workflow step of an item (and of its translation job), oldest first: the
    /// thread of comments on its transitions.
    func events(id: Int64, tenant: String) async throws -> [WorkflowEvent]

    /// Saves the content of revision `version` as a new version.
    func revert(id: Int64, tenant: String, to version: Int, expectedVersion: Int, author: String) async throws -> Item

    /// Takes the workflow transition called `name` (submit, approve, publish, ...) if the
    /// item is in one of its starting states and still at `expectedVersion`. With a future
    /// `at`, `publish` publishes the item but keeps it out of public view until then, and
    /// `unpublish` ends its public view then.
    func transition(
        id: Int64,
        tenant: String,
        name: String,
        expectedVersion: Int,
        author: String,
        comment: String?,
        at: Date?
    ) async throws -> Item

    /// Moves the item to the trash.
    func delete(id: Int64, tenant: String, author: String) async throws -> Item

    /// Takes the item out of the trash.
    func restore(id: Int64, tenant: String, author: String) async throws -> Item

    /// Removes a trashed item and its revisions for good.
    func purge(id: Int64, tenant: String, author: String) async throws
}

extension ContentStore {
    /// Takes the workflow transition called `name` now.
    public func transition(
        id: Int64,
        tenant: String,
        name: String,
        expectedVersion: Int,
        author: String,
        comment: String?
    ) async throws -> Item {
        try await transition(
            id: id,
            tenant: tenant,
            name: name,
            expectedVersion: expectedVersion,
            author: author,
            comment: comment,
            at: nil
        )
    }
}
