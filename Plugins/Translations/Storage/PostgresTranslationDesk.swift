internal import Kernel
public import Postgres
public import Store
public import Translations

internal import struct Foundation.Date

/// The Kernel's ``TranslationService`` over PostgreSQL, beside a ``PostgresContentStore``
/// whose connection, rules and item writing it shares.
///
/// The database keeps the rules too: `translation_jobs` has row-level security and a guard
/// trigger for the translation workflow, and a trigger on items flags outdated fields when
/// a source changes, whoever changes it.
public final class PostgresTranslationDesk: TranslationService {
    /// The store whose items the jobs translate.
    public let store: PostgresContentStore
    var connection: Connection { store.connection }
    var rules: ContentRules { store.rules }

    /// A desk beside `store`.
    public init(store: PostgresContentStore) {
        self.store = store
    }

    public func jobs(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationJob] {
        try await connection.run { try self.jobs(query, tenant: tenant, on: $0) }
    }

    /// The jobs `query` selects, read on `connection`.
    public func jobs(
        _ query: TranslationJobQuery,
        tenant: String,
        lock: Bool = false,
        on connection: isolated Connection
    ) throws -> [TranslationJob] {
        try store.translationJobs(query, tenant: tenant, lock: lock, on: connection)
    }

    public func request(_ request: TranslationRequest, tenant: String, author: String) async throws -> [TranslationJob]
    {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try self.request(request, tenant: tenant, author: author, on: connection)
            }
        }
    }

    /// Creates the jobs of `request` on `connection`; the caller owns the transaction.
    public func request(
        _ request: TranslationRequest,
        tenant: String,
        author: String,
        on connection: isolated Connection
    ) throws -> [TranslationJob] {
        let record = try store.tenantRecord(tenant, on: connection)
        try rules.writable(record.tenant)
        let source = try store.item(id: request.sourceID, tenant: tenant, on: connection, lock: true)
        let type = try rules.type(source.type)
        try record.authorize(.requestTranslation, item: source, type: type)
        try check(request, source: source, record: record, on: connection)
        var ids: [Int64] = []
        for language in request.languages {
            let target = try targetItem(
                of: source,
                language: language,
                type: type,
                tenant: tenant,
                author: author,
                on: connection
            )
            let rows = try connection.query(
                """
                with job as (
                    insert into translation_jobs (tenant_id, source_id, source_version, target_id, language, translator,
                                                  reviewer, due, source_hashes)
                    select s.tenant_id, s.id, s.version, \(target), \(language), \(request.translator), \(request.reviewer),
                           \(request.due?.description)::date, micic_field_hashes(s.title, s.fields, \(type.translatableFields))
                    from items s, \(RevisionNote.saying(nil)) where s.tenant_id = \(record.id) and s.id = \(source.id)
                    returning tenant_id, id, target_id
                )
                select id from job
                """
            )
            ids.append(try rows[0].decode(at: 0))
        }
        return try jobs(TranslationJobQuery(ids: ids), tenant: tenant, on: connection)
    }

    /// Refuses a request naming a language the tenant lacks, the source's own language, a
    /// language already requested, or people who cannot take the job.
    private func check(
        _ request: TranslationRequest,
        source: Item,
        record: PostgresContentStore.TenantRecord,
        on connection: isolated Connection
    ) throws {
        var issues: [ValidationIssue] = []
        guard source.translationOf == nil else {
            throw ContentError(
                .invalidState,
                "item \(source.id) is itself a translation (of item \(source.translationOf!)); request translations of the original"
            )
        }
        guard source.deletedAt == nil else {
            throw ContentError(.invalidState, "item \(source.id) is in the trash; restore it first")
        }
        if request.languages.isEmpty { issues.append(ValidationIssue(field: "to", message: "names no language")) }
        for language in request.languages {
            if language == source.language {
                issues.append(ValidationIssue(field: "to", message: "\(language) is the language of the original"))
            } else if !record.tenant.languages.contains(language) {
                issues.append(
                    ValidationIssue(
                        field: "to",
                        message: "'\(language)' is not one of tenant \(record.tenant.code)'s languages ("
                            + record.tenant.languages.joined(separator: ", ") + ")"
                    )
                )
            }
        }
        let existing = try connection.query(
            """
            select language, id from translation_jobs
            where tenant_id = \(record.id) and source_id = \(source.id) and language = any(\(request.languages))
            """
        )
        for row in existing {
            let language: String = try row.decode(at: 0)
            let job: Int64 = try row.decode(at: 1)
            issues.append(ValidationIssue(field: "to", message: "\(language) was already requested (job \(job))"))
        }
        for (field, person, role) in [
            ("translator", request.translator, "translator"), ("reviewer", request.reviewer, "reviewer"),
        ] {
            guard let person else { continue }
            let rows = try connection.query(
                """
                select m.role, m.languages from memberships m
                where m.tenant_id = \(record.id) and m.principal = \(person)
                """
            )
            guard let row = rows.first else {
                issues.append(
                    ValidationIssue(field: field, message: "\(person) is not a member of tenant \(record.tenant.code)")
                )
                continue
            }
            let memberRole: String = try row.decode(at: 0)
            let languages: [String] = try row.decode(at: 1)
            if memberRole != role && memberRole != "admin" {
                issues.append(
                    ValidationIssue(
                        field: field,
                        message: "\(person) is \(memberRole), not \(role), in \(record.tenant.code)"
                    )
                )
            } else if memberRole == role, let missing = request.languages.first(where: { !languages.contains($0) }) {
                issues.append(ValidationIssue(field: field, message: "\(person) does not work in \(missing)"))
            }
        }
        if let due = request.due, due < CalendarDate.today {
            issues.append(ValidationIssue(field: "due", message: "\(due) is in the past"))
        }
        if !issues.isEmpty { throw ValidationError(issues: issues) }
    }

    /// The item in `language` translating `source`: an earlier translation when there is
    /// one (its text is kept), otherwise a new draft holding the shared fields only.
    private func targetItem(
        of source: Item,
        language: String,
        type: ContentType,
        tenant: String,
        author: String,
        on connection: isolated Connection
    ) throws -> Int64 {
        let record = try store.tenantRecord(tenant, on: connection)
        let earlier = try connection.query(
            """
            select id from items where tenant_id = \(record.id) and translation_of = \(source.id)
              and language = \(language) and deleted_at is null
            """
        )
        if let row = earlier.first { return try row.decode(at: 0) }
        var draft = ItemDraft(type: source.type, title: "", language: language, slug: source.slug)
        draft.translationOf = source.id
        draft.fields = source.fields.filter { type.sharedFields.contains($0.key) }
        return try store.create(
            draft,
            tenant: tenant,
            author: author,
            message: "translation of item \(source.id)",
            on: connection
        ).id
    }
}
