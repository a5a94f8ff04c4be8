import Foundation
import Kernel
import Postgres
import Store

/// `adopt-propagate`: 1,000 published practices of an upstream tenant, each adopted by 10
/// offices; an upstream editor saves each practice once (new summary and body) in one
/// transaction, and the database carries the values to the 10,000 adoptions (each a new
/// version with its revision and audit entry, judged by the item guard) vs psql sending the
/// same 10,000 single-row UPDATEs of the adopted items in one transaction (the same triggers
/// fire for them).
struct AdoptPropagateBenchmark: Benchmark {
    let name = "adopt-propagate"
    let count = 1_000
    let offices = 10
    let repetitions = 3

    func run(in context: BenchContext) async throws -> Figure {
        _ = try await context.prepareContent()
        let owner = try await context.connect()
        let registry = try BenchContext.contentRegistry()
        let store = PostgresContentStore(connection: owner, registry: registry)
        let upstream = "up\(getpid())"
        let editor = "bench_upstream_\(getpid())"
        let officeCodes = (0..<offices).map { "of\($0)x\(getpid())" }
        try await owner.run { connection in
            for code in [upstream] + officeCodes {
                try TenantDirectory().create(
                    Tenant(code: code, name: code, defaultLanguage: "en", languages: ["en"]),
                    on: connection
                )
            }
            try PeopleDirectory().create(editor, password: UUID().uuidString, displayName: "", on: connection)
            try connection.execute("select micic_set_membership(\(upstream), \(editor), 'editor', '{}')")
        }
        let items = try await owner.run { connection in
            try connection.withTransaction { connection in
                try KernelCreateBenchmark.drafts(count).enumerated().map { index, draft in
                    var draft = draft
                    draft.language = "en"
                    draft.status = "published"
                    draft.fields = PracticeSamples.fields(index, language: "en", bodyLength: 2_000)
                    return try store.create(draft, tenant: upstream, author: "bench", message: nil, on: connection)
                }
            }
        }
        // Adopted set-based as the owner (what micic_adopt writes, item for item), to keep the
        // set-up short: the measured path does not depend on how the links were made.
        try await owner.execute(
            "insert into offers (tenant_id, type) select id, 'practice' from tenants where code = \(upstream)"
        )
        try await owner.execute(
            """
            insert into items (tenant_id, type, language, slug, title, status, fields, author)
            select o.id, u.type, u.language, u.slug, u.title, 'draft', u.fields, 'bench'
            from items u join tenants t on t.id = u.tenant_id and t.code = \(upstream)
            cross join tenants o where o.code = any (\(officeCodes))
            """
        )
        try await owner.execute(
            """
            insert into adoptions (tenant_id, item_id, upstream_tenant_id, upstream_id, taken, taken_version)
            select i.tenant_id, i.id, u.tenant_id, u.id, micic_item_values(u.title, u.fields), u.version
            from items u join tenants t on t.id = u.tenant_id and t.code = \(upstream)
            join items i on i.slug = u.slug and i.type = u.type
                and i.tenant_id in (select id from tenants where code = any (\(officeCodes)))
            """
        )
        try await owner.execute("checkpoint")
        let adopted = try await owner.query(
            """
            select a.tenant_id, a.item_id from adoptions a join tenants t on t.id = a.upstream_tenant_id
            where t.code = \(upstream) order by 1, 2
            """
        ).map { (try $0.decode(Int64.self, at: 0), try $0.decode(Int64.self, at: 1)) }
        guard adopted.count == count * offices else {
            throw BenchError(message: "\(adopted.count) adoptions made, not \(count * offices)")
        }
        let connection = try await context.connect(as: editor)
        let editorStore = PostgresContentStore(connection: connection, registry: registry)
        _ = try await editorStore.tenant(upstream)
        var mine: [Double] = []
        var theirs: [Double] = []
        var versions = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0.version) })
        for repetition in 0..<repetitions {
            let summary = "Revised upstream, round \(repetition + 1)."
            let before = try await revisionCount(owner, offices: officeCodes)
            let expected = versions
            var saved: [Int64: Int] = [:]
            mine.append(
                try await seconds {
                    saved = try await connection.run { connection in
                        try connection.withTransaction { connection in
                            var saved: [Int64: Int] = [:]
                            for item in items {
                                saved[item.id] =
                                    try editorStore.update(
                                        id: item.id,
                                        tenant: upstream,
                                        expectedVersion: expected[item.id]!,
                                        changes: ItemChanges(set: ["summary": .text(summary)]),
                                        author: editor,
                                        message: nil,
                                        on: connection
                                    ).version
                            }
                            return saved
                        }
                    }
                }
            )
            versions = saved
            let inherited = try await revisionCount(owner, offices: officeCodes) - before
            let file = context.scratch + "/adopt-propagate-\(repetition).sql"
            let updates = adopted.map { tenant, item in
                "update items set fields = jsonb_set(fields, '{summary}', '\"psql round \(repetition + 1)\"') "
                    + "where tenant_id = \(tenant) and id = \(item);\n"
            }
            try ("begin;\n" + updates.joined() + "commit;\n").write(toFile: file, atomically: true, encoding: .utf8)
            try await owner.execute("checkpoint")
            theirs.append(
                try context.run(
                    context.psql,
                    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, context.connectionString]
                ).seconds
            )
            guard inherited == count * offices else {
                throw BenchError(
                    message: "repetition \(repetition + 1): \(inherited) adoptions inherited, not \(count * offices)"
                )
            }
            // The psql round overrode the summary: the next round's inheritance starts again
            // from the taken value.
            try await owner.execute(
                """
                update items i set fields = jsonb_set(i.fields, '{summary}', a.taken -> 'summary')
                from adoptions a where a.tenant_id = i.tenant_id and a.item_id = i.id
                  and a.upstream_tenant_id = (select id from tenants where code = \(upstream))
                """
            )
            try await owner.execute("checkpoint")
        }
        await connection.close()
        await owner.close()
        let format = { (times: [Double]) in times.map { String(format: "%.3f", $0) }.joined(separator: " ") }
        note("  micic \(format(mine)) s; psql \(format(theirs)) s")
        return Figure.times(name, micic: mine, baseline: "psql single-row UPDATEs of the adoptions", theirs)
    }

    /// The revisions of the offices' items so far.
    private func revisionCount(_ owner: Connection, offices: [String]) async throws -> Int {
        try await owner.query(
            """
            select count(*)::int from item_revisions r join tenants t on t.id = r.tenant_id
            where t.code = any (\(offices))
            """
        )[0].decode(Int.self, at: 0)
    }
}
