internal import Kernel
internal import Postgres

/// What the store does for translation jobs: reading them, and moving them (the database
/// writes their events and audit entries, and carries out the Translations plugin's
/// publishing rule as workflow effects).
extension PostgresContentStore {
    /// The jobs `query` selects, read on `connection`.
    func translationJobs(
        _ query: TranslationJobQuery,
        tenant: String,
        lock: Bool = false,
        on connection: isolated Connection
    ) throws -> [TranslationJob] {
        let record = try tenantRecord(tenant, on: connection)
        let rows = try connection.query(TranslationJobColumns.statement(query, tenantID: record.id, lock: lock))
        return try rows.map { try TranslationJobColumns.job(from: $0, tenant: tenant) }
    }

    /// Moves `ids` to `state` in one statement; the database writes their workflow events
    /// (on the target item, so its history shows the thread, with `comment`) and audit
    /// entries, and on submitting brings the job's hashes up to the source as it now is.
    func moveJobs(
        _ ids: [Int64],
        to state: String,
        name: String,
        comment: String?,
        tenantID: Int64,
        author: String,
        on connection: isolated Connection
    ) throws {
        guard !ids.isEmpty else { return }
        try connection.execute(
            """
            update translation_jobs j set status = \(state), version = j.version + 1, updated_at = now()
            from \(RevisionNote.saying(nil, comment: comment))
            where j.tenant_id = \(tenantID) and j.id = any(\(ids))
            """
        )
    }
}
