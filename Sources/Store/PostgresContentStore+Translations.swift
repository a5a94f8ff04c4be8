internal import Kernel
internal import Postgres

/// What the store does for translation jobs when items move: moving jobs with their
/// events and audit entries, and publishing approved translations.
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

    func publishesOnApproval(tenantID: Int64, on connection: isolated Connection) throws -> Bool {
        let rows = try connection.query(
            "select translations_publish from tenants where id = \(tenantID)",
            plan: .prepared
        )
        return try rows.first?.decode(String.self, at: 0) == "on-approval"
    }

    func approvedWithPublishedSource(
        _ ids: [Int64],
        tenantID: Int64,
        on connection: isolated Connection
    ) throws -> [Int64] {
        guard !ids.isEmpty else { return [] }
        let rows = try connection.query(
            """
            select j.id from translation_jobs j join items s on s.tenant_id = j.tenant_id and s.id = j.source_id
            where j.tenant_id = \(tenantID) and j.id = any(\(ids)) and micic_published_in(s.type, s.status) and s.deleted_at is null
            """
        )
        return try rows.map { try $0.decode(at: 0) }
    }

    /// Publishes the target items of approved jobs (each a new revision), and moves the
    /// jobs to published unless the `publish` transition already did.
    func publishTranslations(
        _ ids: Set<Int64>,
        moved: Bool,
        tenant: String,
        author: String,
        on connection: isolated Connection
    ) throws {
        guard !ids.isEmpty else { return }
        let record = try tenantRecord(tenant, on: connection)
        for job in try translationJobs(TranslationJobQuery(ids: Array(ids)), tenant: tenant, on: connection) {
            let target = try item(id: job.targetID, tenant: tenant, on: connection, lock: true)
            guard target.status != "published" else { continue }
            var published = target
            published.status = "published"
            published.author = author
            _ = try save(
                published,
                replacing: target,
                tenantID: record.id,
                message: "publish: translation job \(job.id) approved",
                on: connection
            )
        }
        if !moved {
            try moveJobs(
                Array(ids).sorted(),
                to: "published",
                name: "publish",
                comment: nil,
                tenantID: record.id,
                author: author,
                on: connection
            )
        }
    }
}
