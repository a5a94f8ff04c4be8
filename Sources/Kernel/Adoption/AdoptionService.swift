/// Offering published items to other tenants, and adopting them as linked copies: what the
/// shell needs, implemented over the database (which enforces who may read, adopt and
/// resolve, and carries upstream's changes to the adoptions itself).
public protocol AdoptionService: Sendable {
    /// Offers `tenant`'s published items of `type` (only `items` when given) to `receivers`
    /// (tenant codes; every tenant when empty). Returns how many offers were made (those
    /// already made are kept).
    func offer(type: String, items: [Int64], to receivers: [String], tenant: String) async throws -> Int
    /// Withdraws those offers. Returns how many were withdrawn.
    func withdraw(type: String, items: [Int64], from receivers: [String], tenant: String) async throws -> Int
    /// Adopts upstream item `id` of tenant `upstream` into `tenant` (in the office's language
    /// when upstream has that version, under `slug` when given), as a new item in its
    /// workflow's initial state.
    func adopt(_ id: Int64, from upstream: String, slug: String?, tenant: String) async throws -> Item
    /// The id of `upstream`'s item of `type` called `slug` (in `language`, else any).
    func upstreamItem(slug: String, type: String, language: String?, upstream: String) async throws -> Int64
    /// `tenant`'s adoptions (the orphaned ones only, when `orphaned`), by item id.
    func adoptions(tenant: String, orphaned: Bool) async throws -> [Adoption]
    /// Resolves adoption `item`'s fields: `take` gets upstream's value now (the override is
    /// dropped), `keep` keeps the office's and acknowledges upstream's change. The audit
    /// entry says `reset` when `resets` (overrides dropped on purpose), else `merge`.
    func resolve(_ item: Int64, take: [String], keep: [String], resets: Bool, tenant: String) async throws -> Item
}
