import Foundation
import Kernel
import Postgres
import Store

/// `list-page`: a filtered page of 20 practices out of 200,000 items, read through the
/// store vs `pgbench -M prepared` running the same statement with its values written in
/// (see ``PgbenchComparison``).
///
/// The store reads a page's rows as they arrive, while the server looks for the next rows;
/// the page is measured twice: as a table of titles reads it (`list-page`: each item's
/// fields kept as the server's text, parsed if ever read), and with every field of every
/// item read (`list-page-fields`), parsed as their rows arrive, as the delivery API's lists
/// do, so that the fields' parsing is measured too.
struct ListPageBenchmark: Benchmark {
    let name = "list-page"
    let items = 200_000
    let calls = 2_000
    /// Runs per figure (see ``RunSeries``), and the time after which none is added.
    let runs = 5...41
    let seconds = 120.0
    let budget = Duration.seconds(5)

    /// Published practices on preparedness that concern Costa Rica, newest first.
    static let query = ItemQuery(
        type: "practice",
        statuses: ["published"],
        filters: [.contains("phases", [.text("preparedness")]), .contains("countries", [.text("CR")])],
        limit: 20
    )

    func run(in context: BenchContext) async throws -> Figure {
        try await figures(in: context)[0]
    }

    func figures(in context: BenchContext) async throws -> [Figure] {
        let tenantID = try await context.prepareContent()
        let connection = try await context.connect()
        try await load(tenantID: tenantID, on: connection)
        let store = PostgresContentStore(connection: connection, registry: try BenchContext.contentRegistry())
        let tenant = BenchContext.contentTenant.code
        let query = Self.query
        let (sql, plan, pageIDs) = try await PgbenchComparison.inspect(on: connection) { connection in
            try store.listStatement(query, tenant: tenant, on: connection)
        }
        if plan.contains(where: { $0.contains("Seq Scan on items") }) {
            throw BenchError(
                message: "the list statement scans the whole items table:\n" + plan.joined(separator: "\n")
            )
        }
        // The store runs the statement with its generic plan: that one must use the list
        // index too.
        let generic = try await connection.run { connection in
            let statement = try store.listStatement(query, tenant: tenant, on: connection)
            try connection.execute(Query(unsafeSQL: "prepare micic_list_check as " + statement.description))
            try connection.execute("set plan_cache_mode = force_generic_plan")
            defer {
                _ = try? connection.execute("reset plan_cache_mode")
                _ = try? connection.execute("deallocate micic_list_check")
            }
            let values = try SQLLiteral.literals(of: statement).joined(separator: ", ")
            return try connection.query(Query(unsafeSQL: "explain execute micic_list_check(\(values))"))
                .map { try $0.decode(String.self, at: 0) }
        }
        note("  generic plan:\n" + generic.map { "    " + $0 }.joined(separator: "\n"))
        guard generic.contains(where: { $0.contains("items_list_idx") }),
            !generic.contains(where: { $0.contains("Seq Scan on items") })
        else {
            throw BenchError(
                message: "the generic list plan does not walk items_list_idx:\n" + generic.joined(separator: "\n")
            )
        }
        // Check that the store reads the same page as the statement.
        let page = try await connection.run { try store.list(query, tenant: tenant, on: $0) }
        guard page.items.count == query.limit, page.items.map(\.id) == Array(pageIDs.prefix(query.limit)) else {
            throw BenchError(message: "the store's page differs from the statement's rows")
        }
        var figures: [Figure] = []
        for readsFields in [false, true] {
            let comparison = PgbenchComparison(
                name: readsFields ? name + "-fields" : name,
                calls: calls,
                runs: runs,
                seconds: seconds,
                budget: budget
            )
            figures.append(
                try await comparison.run(
                    in: context,
                    connection: connection,
                    sql: sql,
                    scan: PgbenchComparison.firstScan(plan)
                ) { connection in
                    let page = try store.list(query, tenant: tenant, parsingFields: readsFields, on: connection)
                    precondition(page.items.count == query.limit)
                    if readsFields { precondition(page.items.allSatisfy { $0.fields["phases"] != nil }) }
                }
            )
        }
        await connection.close()
        return figures
    }

    /// Replaces the content with `items` rows by COPY, then analyzes the table (unless an
    /// earlier benchmark of the run left exactly those rows).
    func load(tenantID: Int64, on connection: Connection) async throws {
        let count = items
        let present = try await connection.query(
            "select count(*) from items where type = any('{practice,event,news,tool}')"
        )[0]
        .decode(Int.self, at: 0)
        if present == count {
            // A run stopped between its load and the `analyze` after it leaves the planner
            // thinking the table empty (plans would then read no index): analyze it now.
            let estimated = try await connection.query(
                "select reltuples::bigint from pg_class where oid = 'items'::regclass"
            )[0].decode(Int.self, at: 0)
            if estimated < count / 2 { try await connection.execute("analyze items") }
            return
        }
        let started = ContinuousClock.now
        let loaded = try await connection.run { connection in
            try connection.execute("truncate items, item_revisions, workflow_events, audit_log cascade")
            let loaded = try connection.copyFrom(ContentMix.copyStatement) { writer in
                for index in 0..<count { try writer.writeRow(try ContentMix.row(index, tenantID: tenantID)) }
            }
            try connection.execute("analyze items")
            return loaded
        }
        guard loaded == count else { throw BenchError(message: "COPY loaded \(loaded) of \(count) items") }
        let matching = try await connection.run { connection in
            try connection.query(
                """
                select count(*) from items
                where type = 'practice' and status = 'published'
                  and fields @> '{"phases": ["preparedness"]}' and fields @> '{"countries": ["CR"]}'
                """
            )[0].decode(Int.self, at: 0)
        }
        note(
            "  loaded \(count) items in \(PgbenchComparison.format(milliseconds(ContinuousClock.now - started) / 1000)) s; "
                + "\(matching) (\(PgbenchComparison.format(Double(matching) * 100 / Double(count)))%) match the filter"
        )
    }
}
