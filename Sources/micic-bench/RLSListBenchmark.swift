import Foundation
import Kernel
import LocalPostgres
import Postgres
import Store

/// `rls-list`: the filtered list page of `list-page` read through the Store by a member of
/// the tenant, under row-level security, vs the same page read the same way by the schema
/// owner, whom row-level security does not apply to; 95th percentiles, in runs added until
/// the ratio is steady (see ``RunSeries``), each side going first in every other run.
struct RLSListBenchmark: Benchmark {
    let name = "rls-list"
    let calls = 2_000
    /// Runs (see ``RunSeries``), and the time after which none is added.
    let runs = 5...41
    let seconds = 120.0

    func run(in context: BenchContext) async throws -> Figure {
        let tenantID = try await context.prepareContent()
        let owner = try await context.connect()
        try await ListPageBenchmark().load(tenantID: tenantID, on: owner)
        let person = "bench_reader_\(getpid())"
        try await owner.run { connection in
            try PeopleDirectory().create(
                person,
                password: UUID().uuidString,
                displayName: "benchmark reader",
                on: connection
            )
            try connection.execute(
                "select micic_set_membership(\(BenchContext.contentTenant.code), \(person), 'viewer', '{}')"
            )
        }
        let member = try await Connection.connect(
            try ConnectionConfiguration(url: context.cluster.url(database: "bench"), parameters: ["user": person])
        )
        let registry = try BenchContext.contentRegistry()
        let memberStore = PostgresContentStore(connection: member, registry: registry)
        let ownerStore = PostgresContentStore(connection: owner, registry: registry)
        _ = try await latencies(200, memberStore, member)
        _ = try await latencies(200, ownerStore, owner)
        let series = try await RunSeries.measure(name, runs: runs, seconds: seconds) { run in
            // Each side goes first in every other run.
            if run % 2 == 1 {
                let ownerP95 = percentile(try await latencies(calls, ownerStore, owner), 0.95)
                return (micic: percentile(try await latencies(calls, memberStore, member), 0.95), baseline: ownerP95)
            }
            let memberP95 = percentile(try await latencies(calls, memberStore, member), 0.95)
            return (micic: memberP95, baseline: percentile(try await latencies(calls, ownerStore, owner), 0.95))
        }
        await member.close()
        try await owner.run { connection in
            try connection.execute("drop owned by \(identifier: person)")
            try connection.execute("drop role \(identifier: person)")
        }
        await owner.close()
        return Figure(
            name: name,
            value: median(series.micic),
            unit: "ms",
            baseline: "schema owner without RLS p95",
            baselineValue: median(series.baseline),
            ratio: series.ratio
        )
    }

    /// Milliseconds of each of `count` list calls.
    private func latencies(
        _ count: Int,
        _ store: PostgresContentStore,
        _ connection: Connection
    ) async throws -> [Double] {
        let query = ListPageBenchmark.query
        let tenant = BenchContext.contentTenant.code
        return try await connection.run { connection in
            var times: [Double] = []
            for _ in 0..<count {
                let start = ContinuousClock.now
                let page = try store.list(query, tenant: tenant, on: connection)
                times.append(milliseconds(ContinuousClock.now - start))
                precondition(page.items.count == query.limit, "the page is short: \(page.items.count)")
            }
            return times
        }
    }
}
