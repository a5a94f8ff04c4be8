internal import Kernel
internal import Postgres
internal import Store
internal import Translations

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

    /// Starts the requested jobs among those `selection` picks (a condition on
    /// `translation_jobs`, such as `target_id = 42`): work has begun on them.
    func startRequestedJobs(
        _ selection: Query,
        tenantID: Int64,
        author: String,
        on connection: isolated Connection
    ) throws {
        let waiting = try connection.query(
            "select id from translation_jobs where tenant_id = \(tenantID) and status = 'requested' and \(selection)"
        )
        try moveJobs(
            try waiting.map { try $0.decode(at: 0) },
            to: "in_progress",
            name: "start",
            comment: nil,
            tenantID: tenantID,
            author: author,
            on: connection
        )
    }
}
