import Foundation
import Kernel
import Postgres
import Store

/// `search`: the first page of 20 Spanish practices ranked for a web-syntax query, with
/// their snippets, out of the 200,000 items of `list-page`, read through the store vs
/// `pgbench -M prepared` running the same statement with its values written in (see
/// ``PgbenchComparison``). The plan must read the search index.
struct SearchBenchmark: Benchmark {
    let name = "search"
    let calls = 2_000
    /// Runs (see ``RunSeries``), and the time after which none is added.
    let runs = 5...11
    let seconds = 240.0
    let budget = Duration.seconds(10)

    /// What an editor of the Costa Rica office might look for: a phrase, a word, an
    /// exclusion, one facet.
    static let query = SearchQuery(
        text: "\"tripulaciones pesqueras\" albergues -Kathmandu",
        types: ["practice"],
        language: "es",
        filters: [FacetFilter("phase", [.text("preparedness")])],
        limit: 20
    )

    func run(in context: BenchContext) async throws -> Figure {
        let tenantID = try await context.prepareContent()
        let connection = try await context.connect()
        try await ListPageBenchmark().load(tenantID: tenantID, on: connection)
        let store = PostgresContentStore(connection: connection, registry: try BenchContext.contentRegistry())
        let tenant = BenchContext.contentTenant.code
        let query = Self.query
        let (sql, plan, hitIDs) = try await PgbenchComparison.inspect(on: connection) { connection in
            try store.searchStatement(query, tenant: tenant, on: connection)
        }
        guard plan.contains(where: { $0.contains("Index Scan on items_search_idx") }) else {
            throw BenchError(
                message: "the search statement does not read the search index:\n" + plan.joined(separator: "\n")
            )
        }
        let matches = try await connection.run { connection in
            try store.facetCounts(query, facets: ["type"], tenant: tenant, on: connection).first?.count ?? 0
        }
        note("  \(matches) practices match \(query.text)")
        // Check that the store reads the same page as the statement.
        let page = try await connection.run { try store.search(query, tenant: tenant, on: $0) }
        guard page.hits.count == query.limit, page.hits.map(\.item.id) == Array(hitIDs.prefix(query.limit)) else {
            throw BenchError(message: "the store's page differs from the statement's rows")
        }
        let comparison = PgbenchComparison(
            name: name,
            calls: calls,
            runs: runs,
            seconds: seconds,
            budget: budget
        )
        let figure = try await comparison.run(
            in: context,
            connection: connection,
            sql: sql,
            scan: PgbenchComparison.firstScan(plan) { $0.contains("items_search_idx") }
        ) {
            connection in
            let page = try store.search(query, tenant: tenant, on: connection)
            precondition(page.hits.count == query.limit)
        }
        await connection.close()
        return figure
    }
}
