import Foundation
import Kernel
import LocalPostgres
import Postgres

/// `serve-standby` and `serve-standby-uncached`: `micic serve` reading a hot standby
/// (`--read-url`, hearing of changes from the primary) vs `micic serve` reading the primary
/// itself, both on the same replica set (``BenchReplicaSet``) holding the same 45,000
/// practices (15,000 published, imported by `micic import`), loaded by `wrk` as `serve` does,
/// in requests per second (ratio: the standby reader's rate over the primary reader's); runs
/// alternate, medians (``RunSeries``). Both servers run as `serve` runs: cache on, hearing
/// of changes.
///
/// - `serve-standby`: one published practice's page, again and again: the answer is kept
///   after the first reading, so neither database is read.
/// - `serve-standby-uncached`: a different published practice's page at every request, in
///   the order of their ids, none kept yet: every request reads the database (for the
///   standby reader, after checking that the standby has replayed what it heard of). Before
///   each run a change to a practice makes both servers forget their answers (they hear of
///   it from the primary) and the standby replays it; a run that would ask for a page twice
///   fails, and so does the benchmark if the standby did not commit at least one
///   transaction per page its reader served.
struct ServeStandbyBenchmark: Benchmark {
    let name = "serve-standby"
    /// Practices imported (a third of them published).
    let practices = 45_000
    /// Runs of each figure (``RunSeries``): at least 5, at most 15, adding runs for up to
    /// 5 minutes.
    let minimumRuns = 5
    let maximumRuns = 15
    let budget = 300.0
    let reader = "micic_bench_web"

    func run(in context: BenchContext) async throws -> Figure {
        try await figures(in: context)[0]
    }

    func figures(in context: BenchContext) async throws -> [Figure] {
        let load = WrkLoad(program: try BenchContext.installed("wrk"))
        let replicas = try await BenchReplicaSet.start(in: context)
        defer { replicas.destroy() }
        try await importPractices(into: replicas, in: context)
        let primary = try await BenchContext.connect(url: replicas.primaryURL())
        try await BenchContext.createPublicReader(reader, on: primary)
        let published = try await primary.query(
            """
            select id, '/v1/cr/practices/' || slug || '?lang=' || language from items
            where tenant_id = \(replicas.tenantID) and type = 'practice' and status = 'published'
            order by id
            """
        )
        .map { (id: try $0.decode(Int64.self, at: 0), path: try $0.decode(String.self, at: 1)) }
        await primary.close()
        guard published.count >= 1_000 else {
            throw BenchError(message: "only \(published.count) practices are public")
        }
        try await replicas.waitForReplay()

        let database = ["--database-url", replicas.primaryURL(user: reader)]
        let (standbyServer, standbyPort) = try BackgroundServer.micicServe(
            database + ["--read-url", replicas.standbyURL(user: reader)],
            log: context.scratch + "/serve-standby.log"
        )
        defer { standbyServer.stop() }
        let (primaryServer, primaryPort) = try BackgroundServer.micicServe(
            database,
            log: context.scratch + "/serve-primary.log"
        )
        defer { primaryServer.stop() }
        let servers = ["http://127.0.0.1:\(standbyPort)", "http://127.0.0.1:\(primaryPort)"]

        let cached = published[0].path
        let sentinel = Sentinel(path: published[1].path, id: published[1].id)
        let uncached = published.dropFirst(2).map(\.path)
        let script = context.scratch + "/serve-standby.lua"
        try WrkPathsScript(paths: uncached).text(threads: load.threads).write(
            toFile: script,
            atomically: true,
            encoding: .utf8
        )
        let (body, _) = try await BenchHTTP.fetch(servers[0] + cached)
        guard try await BenchHTTP.fetch(servers[1] + cached).0 == body else {
            throw BenchError(message: "the two servers answer differently")
        }
        guard !String(decoding: body, as: UTF8.self).contains("submitter") else {
            throw BenchError(message: "micic serve sent a private field")
        }
        note("  \(body.count) bytes a page; \(uncached.count) pages to read")

        var changes = 0
        var standbyRequests = 0
        let committedBefore = try await Self.committed(at: replicas.standbyURL())
        let series = try await RunSeries.measure(
            "serve-standby, serve-standby-uncached",
            figures: 2,
            areRates: true,
            minimum: minimumRuns,
            maximum: maximumRuns,
            seconds: budget
        ) { _ in
            changes += 1
            try await sentinel.change(to: "Sentinel \(changes)", on: replicas, seenBy: servers)
            try await replicas.waitForReplay()
            var rates: [[Double]] = [[], []]
            for server in servers {
                rates[0].append(try load.run(server + cached, in: context).rate)
            }
            for server in servers {
                let result = try load.run(server + "/", script: script, in: context)
                guard result.requests <= uncached.count else {
                    throw BenchError(
                        message: "\(result.requests) requests asked for some of \(uncached.count) pages twice"
                    )
                }
                if server == servers[0] { standbyRequests += result.requests }
                rates[1].append(result.rate)
            }
            return rates.map { (micic: $0[0], baseline: $0[1]) }
        }
        // Statistics reach the view within a second or so of a session going idle.
        try await Task.sleep(for: .seconds(2))
        let committed = try await Self.committed(at: replicas.standbyURL()) - committedBefore
        guard committed >= standbyRequests else {
            throw BenchError(message: "the standby committed \(committed) transactions for \(standbyRequests) pages")
        }
        return zip(["serve-standby", "serve-standby-uncached"], series).map { name, runs in
            Figure.rates(name, runs, mine: "standby", theirs: "primary", baseline: "micic serve reading the primary")
        }
    }

    /// Imports the practices through `micic import` into the primary, then vacuums and
    /// analyzes the database there (as autovacuum would within a minute or so: until then
    /// the planner knows nothing of the new rows, and autovacuum would run amid the runs).
    private func importPractices(into replicas: BenchReplicaSet, in context: BenchContext) async throws {
        let file = context.scratch + "/practices-\(practices).ndjson"
        note("  importing \(practices) practices...")
        try PracticeFile.writeNDJSON(practices, to: file)
        _ = try ChildProcess(
            try BenchContext.sibling("micic"),
            ["-c", "import practice \(file) --tenant \(BenchContext.contentTenant.code)"],
            environment: ["DATABASE_URL": replicas.primaryURL()]
        )
        let connection = try await BenchContext.connect(url: replicas.primaryURL())
        try await connection.execute("vacuum (analyze)")
        await connection.close()
    }

    /// The transactions committed in the bench database of the server at `url` so far.
    private static func committed(at url: String) async throws -> Int {
        let connection = try await BenchContext.connect(url: url)
        let count = try await connection.query(
            "select xact_commit from pg_stat_database where datname = current_database()"
        )[0].decode(Int.self, at: 0)
        await connection.close()
        return count
    }
}
