import Foundation
import Kernel
import Postgres
import Store

/// `kernel-create`: 10,000 realistic practices created through the store's bulk create in
/// one transaction (validation, revision and audit entry included) vs the same rows written
/// by plain single-row INSERTs in one transaction run by psql.
struct KernelCreateBenchmark: Benchmark {
    let name = "kernel-create"
    let count = 10_000

    func run(in context: BenchContext) async throws -> Figure {
        let tenantID = try await context.prepareContent()
        let drafts = Self.drafts(count)
        let slugs = Set(drafts.map { Slug.make(from: $0.title) })
        guard slugs.count == drafts.count else {
            throw BenchError(message: "the practices' titles give \(drafts.count - slugs.count) clashing slugs")
        }
        let file = context.scratch + "/kernel-create.sql"
        try Self.writeInserts(drafts, tenantID: tenantID, to: file)
        let connection = try await context.connect()
        let store = PostgresContentStore(connection: connection, registry: try BenchContext.contentRegistry())
        let tenant = BenchContext.contentTenant.code
        _ = try await store.tenant(tenant)
        let byAuthor = Self.authors.indices.map { which in
            (Self.authors[which], drafts.indices.filter { $0 % Self.authors.count == which }.map { drafts[$0] })
        }
        let runs = try await RunSeries.measure(name, minimum: 3, maximum: 9, seconds: 240) { repetition in
            try await Self.clear(connection)
            let mine = try await seconds {
                try await connection.run { connection in
                    try connection.withTransaction { connection in
                        // A batch per author: the store's bulk create takes one.
                        for (author, batch) in byAuthor {
                            _ = try store.create(
                                batch,
                                tenant: tenant,
                                author: author,
                                message: nil,
                                on: connection
                            )
                        }
                    }
                }
            }
            let stored = try await Self.digest(connection)
            try await Self.clear(connection)
            let theirs = try context.run(
                context.psql,
                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, context.connectionString]
            ).seconds
            let inserted = try await Self.digest(connection)
            guard stored.count == count, inserted == stored else {
                throw BenchError(
                    message: "repetition \(repetition + 1): the store wrote \(stored.count) rows (\(stored.digest)), "
                        + "psql \(inserted.count) (\(inserted.digest))"
                )
            }
            return [(micic: mine, baseline: theirs)]
        }
        await connection.close()
        let format = { (times: [Double]) in times.map { String(format: "%.2f", $0) }.joined(separator: " ") }
        note("  micic \(format(runs[0].micic)) s; psql \(format(runs[0].baseline)) s")
        return Figure.times(name, micic: runs[0].micic, baseline: "psql INSERTs", runs[0].baseline)
    }

    /// The practices: languages, statuses and fields varied, titles unique.
    static func drafts(_ count: Int) -> [ItemDraft] {
        let statuses = ["draft", "draft", "draft", "in_review", "in_review", "approved", "published", "published"]
        return (0..<count).map { index in
            let language = index % 5 < 3 ? "es" : "en"
            return ItemDraft(
                type: "practice",
                title: PracticeSamples.title(index, language: language),
                language: language,
                status: statuses[(index &* 13) % statuses.count],
                fields: PracticeSamples.fields(index, language: language, bodyLength: 2_000)
            )
        }
    }

    static let authors = ["ana.mora", "jc.vargas", "liza.santos", "mj.rodriguez", "p.quesada"]

    static func author(_ index: Int) -> String {
        authors[index % authors.count]
    }

    /// One INSERT per practice, with the values the store would write, in one transaction.
    static func writeInserts(_ drafts: [ItemDraft], tenantID: Int64, to path: String) throws {
        var sql = "begin;\n"
        sql.reserveCapacity(drafts.count * 3_000)
        for (index, draft) in drafts.enumerated() {
            let values = [
                String(tenantID), SQLLiteral.quote(draft.type), SQLLiteral.quote(draft.language!),
                SQLLiteral.quote(Slug.make(from: draft.title)), SQLLiteral.quote(draft.title),
                SQLLiteral.quote(draft.status!), SQLLiteral.quote(FieldValue.jsonText(of: draft.fields)) + "::jsonb",
                SQLLiteral.quote(author(index)),
            ]
            sql += "insert into items (tenant_id, type, language, slug, title, status, fields, author) values ("
            sql += values.joined(separator: ", ") + ");\n"
        }
        sql += "commit;\n"
        try sql.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Empties the content tables (and those referring to items) and writes out dirty pages,
    /// so each side starts alike.
    private static func clear(_ connection: Connection) async throws {
        try await connection.execute("truncate items, item_revisions, workflow_events, audit_log cascade")
        try await connection.execute("checkpoint")
    }

    /// The number of items and a digest of what both sides must write alike (private fields,
    /// which the store keeps in their own table, merged back in).
    private static func digest(_ connection: Connection) async throws -> ItemsDigest {
        try await connection.run { connection in
            let row = try connection.query(
                """
                select count(*), coalesce(md5(string_agg(concat_ws('|', type, language, slug, title, status,
                    (fields || coalesce((select p.fields from item_private_fields p
                        where p.tenant_id = items.tenant_id and p.item_id = items.id), '{}'))::text, author),
                    e'\\n' order by language, slug)), '')
                from items
                """
            )[0]
            return ItemsDigest(count: try row.decode(Int.self, at: 0), digest: try row.decode(String.self, at: 1))
        }
    }
}

/// A count of items and a digest of their contents.
private struct ItemsDigest: Equatable {
    let count: Int
    let digest: String
}
