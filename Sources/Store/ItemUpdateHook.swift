package import Kernel
package import Postgres

/// A plugin's storage's part in updating an item, inside the update's transaction: it may
/// refuse the change before it is written, and act once it is saved. The Translations
/// plugin's storage lets a translation change only as its job allows, and starts the job
/// when its translator first writes.
///
/// ```swift
/// struct FrozenOriginals: ItemUpdateHook {
///     func willUpdate(_ item: Item, by author: String, as member: PostgresContentStore.TenantRecord,
///                     in store: PostgresContentStore, on connection: isolated Connection) throws {
///         if item.translationOf == nil && member.role != .admin { throw ContentError(.forbidden, "frozen") }
///     }
///     func didUpdate(_ item: Item, by author: String, as member: PostgresContentStore.TenantRecord,
///                    in store: PostgresContentStore, on connection: isolated Connection) throws {}
/// }
/// ```
package protocol ItemUpdateHook: Sendable {
    /// Called with `item` as it is (locked) before `author`, a member of its tenant as
    /// `member` says, changes it.
    /// - Throws: to refuse the change; nothing is written.
    func willUpdate(
        _ item: Item,
        by author: String,
        as member: PostgresContentStore.TenantRecord,
        in store: PostgresContentStore,
        on connection: isolated Connection
    ) throws

    /// Called with `item` as it was saved, in the same transaction.
    func didUpdate(
        _ item: Item,
        by author: String,
        as member: PostgresContentStore.TenantRecord,
        in store: PostgresContentStore,
        on connection: isolated Connection
    ) throws
}
