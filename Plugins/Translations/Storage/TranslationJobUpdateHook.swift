package import Kernel
package import Postgres
package import Store
internal import Translations

/// A translation changes only as its job allows (see
/// ``Translations/TranslationJob/editRefusal(person:role:languages:)``), and the first change its
/// translator (or an admin) makes starts a requested job.
package struct TranslationJobUpdateHook: ItemUpdateHook {
    /// The hook.
    package init() {}

    package func willUpdate(
        _ item: Item,
        by author: String,
        as member: PostgresContentStore.TenantRecord,
        in store: PostgresContentStore,
        on connection: isolated Connection
    ) throws {
        guard item.translationOf != nil,
            let job = try store.translationJobs(
                TranslationJobQuery(targetID: item.id),
                tenant: item.tenant,
                lock: true,
                on: connection
            ).first,
            let refusal = job.editRefusal(person: author, role: member.role, languages: member.languages)
        else { return }
        throw ContentError(.forbidden, refusal)
    }

    package func didUpdate(
        _ item: Item,
        by author: String,
        as member: PostgresContentStore.TenantRecord,
        in store: PostgresContentStore,
        on connection: isolated Connection
    ) throws {
        guard item.translationOf != nil, member.role == .translator || member.role == .admin else { return }
        try store.startRequestedJobs("target_id = \(item.id)", tenantID: member.id, author: author, on: connection)
    }
}
