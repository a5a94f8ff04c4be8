import Foundation
import Kernel
import LocalPostgres
import Postgres
import Store
import Translations
import TranslationsStore

/// Source practices with translation jobs into English, and a reviewer and a translator
/// of English, for the translation benchmarks.
struct TranslationBench {
    let owner: Connection
    let sources: [Int64]
    let jobs: [Int64]
    let tenantID: Int64
    let people: [String]

    var tenant: String { BenchContext.contentTenant.code }

    /// `count` draft practices (about 2 KB of text each), each with a job into English.
    static func prepare(_ count: Int, in context: BenchContext, tag: String) async throws -> TranslationBench {
        let tenantID = try await context.prepareContent()
        let owner = try await context.connect()
        let registry = try BenchContext.contentRegistry()
        let store = PostgresContentStore(connection: owner, registry: registry)
        let desk = PostgresTranslationDesk(store: store)
        let tenant = BenchContext.contentTenant.code
        var people: [String] = []
        for role in ["reviewer", "translator"] {
            let person = "bench_\(role)_\(tag)_\(getpid())"
            try await owner.run { connection in
                try PeopleDirectory().create(person, password: UUID().uuidString, displayName: "", on: connection)
                try connection.execute("select micic_set_membership(\(tenant), \(person), \(role), '{en}')")
            }
            people.append(person)
        }
        let drafts = KernelCreateBenchmark.drafts(count).enumerated().map { index, draft in
            var draft = draft
            draft.title = "\(tag) \(index): " + draft.title
            draft.language = "es"
            draft.status = "draft"
            draft.fields = PracticeSamples.fields(index, language: "es", bodyLength: 2_000)
            return draft
        }
        let (sources, jobs) = try await owner.run { connection in
            try connection.withTransaction { connection in
                var sources: [Int64] = []
                var jobs: [Int64] = []
                for (index, draft) in drafts.enumerated() {
                    let source = try store.create(draft, tenant: tenant, author: "bench", message: nil, on: connection)
                    sources.append(source.id)
                    let job = try desk.request(
                        TranslationRequest(sourceID: source.id, languages: ["en"]),
                        tenant: tenant,
                        author: "bench",
                        on: connection
                    )
                    jobs.append(job[0].id)
                    if index % 100 == 99 { note("  \(index + 1) jobs requested") }
                }
                return (sources, jobs)
            }
        }
        // Statistics as autovacuum keeps them on a live database (freshly written tables
        // have none, and the planner would take 1,000 jobs for one).
        try await owner.execute("analyze items, translation_jobs, item_revisions, audit_log, workflow_events")
        return TranslationBench(owner: owner, sources: sources, jobs: jobs, tenantID: tenantID, people: people)
    }

    /// A store and desk connected as `person`.
    func desk(as person: String, in context: BenchContext) async throws -> (Connection, PostgresTranslationDesk) {
        let connection = try await context.connect(as: person)
        let store = PostgresContentStore(connection: connection, registry: try BenchContext.contentRegistry())
        return (connection, PostgresTranslationDesk(store: store))
    }

    /// How many of the jobs are in `status`.
    func count(_ status: String) async throws -> Int {
        try await owner.query(
            "select count(*) from translation_jobs where tenant_id = \(tenantID) and id = any(\(jobs)) and status = \(status)"
        )[0].decode(Int.self, at: 0)
    }

    /// Removes the people, the jobs and their items.
    func finish() async throws {
        try await owner.execute("delete from items where tenant_id = \(tenantID) and translation_of = any(\(sources))")
        try await owner.execute("delete from items where tenant_id = \(tenantID) and id = any(\(sources))")
        for person in people {
            try await owner.execute("drop owned by \(identifier: person)")
            try await owner.execute("delete from principals where name = \(person)")
            try await owner.execute("drop role \(identifier: person)")
        }
        await owner.close()
    }
}
