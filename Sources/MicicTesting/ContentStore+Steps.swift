public import Kernel

extension ContentStore {
    /// Creates `draft` and takes the workflow transitions `steps` one after the other, each
    /// without a comment, as `author`: test data in a given state.
    ///
    /// ```swift
    /// let published = try await store.create(draft, tenant: "cr", author: "seed", taking: ["submit", "approve", "publish"])
    /// ```
    public func create(_ draft: ItemDraft, tenant: String, author: String, taking steps: [String]) async throws -> Item
    {
        var item = try await create(draft, tenant: tenant, author: author, message: nil)
        for step in steps {
            item = try await transition(
                id: item.id,
                tenant: tenant,
                name: step,
                expectedVersion: item.version,
                author: author,
                comment: nil
            )
        }
        return item
    }
}
