import Foundation
import Kernel
import LocalPostgres
import Postgres

/// `replica-lag`: 100,000 practices imported from NDJSON by `micic import` (as `import`
/// does) into the primary of a replica set while a hot standby streams from it, vs the same
/// import into the same primary with no standby (deleted, its slot dropped); whole-process
/// times, alternating, medians (``RunSeries``; ratio: the time with no standby over the time
/// with one). The line adds the 99th percentile of the standby's replay lag during the
/// import (`pg_stat_replication.replay_lag`, sampled on the primary every 100 ms: see
/// ``ReplayLagSampler``; the median of the runs' percentiles), the most bytes it was behind
/// and how long it took to catch up once the import had ended.
struct ReplicaLagBenchmark: Benchmark {
    let name = "replica-lag"
    let count = 100_000
    /// Runs of each side: at least 3, at most 5, adding runs for up to 10 minutes.
    let minimumRuns = 3
    let maximumRuns = 5
    let budget = 600.0

    func run(in context: BenchContext) async throws -> Figure {
        let replicas = try await BenchReplicaSet.start(in: context)
        defer { replicas.destroy() }
        let micic = try BenchContext.sibling("micic")
        let file = context.scratch + "/practices-\(count).ndjson"
        note("  writing \(count) practices...")
        try PracticeFile.writeNDJSON(count, to: file)
        let command = ["-c", "import practice \(file) --tenant \(BenchContext.contentTenant.code)"]
        let environment = ["DATABASE_URL": replicas.primaryURL()]
        let sampler = ReplayLagSampler(url: replicas.primaryURL())
        let count = count
        /// One import into an emptied primary, sampled: its seconds and the lag samples.
        let importing = { @Sendable () async throws -> (seconds: Double, samples: [ReplayLagSampler.Sample]) in
            let (seconds, samples) = try await sampler.sampling {
                try await Self.blocking { try ChildProcess(micic, command, environment: environment).seconds }
            }
            try await Self.expect(count, at: replicas.primaryURL())
            return (seconds, samples)
        }
        var lags: [Double] = []
        var behind: [Double] = []
        var catchUps: [Double] = []
        let series = try await RunSeries.measure(
            name,
            minimum: minimumRuns,
            maximum: maximumRuns,
            seconds: budget
        ) { run in
            try await Self.clear(replicas)
            try await replicas.addStandby()
            let streamed = try await importing()
            guard !streamed.samples.isEmpty else { throw BenchError(message: "no standby was seen replicating") }
            catchUps.append(try await replicas.waitForReplay())
            lags.append(percentile(streamed.samples.map(\.seconds), 0.99))
            behind.append(streamed.samples.map(\.bytes).max() ?? 0)
            try await replicas.removeStandby()
            try await Self.clear(replicas)
            let alone = try await importing()
            guard alone.samples.isEmpty else { throw BenchError(message: "a standby was replicating") }
            note(
                String(
                    format: "  run %d: with a standby %.1f s (replay lag p99 %.0f ms), alone %.1f s",
                    run + 1,
                    streamed.seconds,
                    (lags.last ?? 0) * 1000,
                    alone.seconds
                )
            )
            return [(micic: streamed.seconds, baseline: alone.seconds)]
        }
        let format = { (values: [Double], scale: Double) in
            values.map { String(format: "%.2f", $0 * scale) }.joined(separator: " ")
        }
        note(
            "  with a standby \(format(series[0].micic, 1)) s; alone \(format(series[0].baseline, 1)) s;"
                + " p99 replay lag \(format(lags, 1000)) ms; at most \(format(behind, 1.0 / 1_048_576)) MB behind;"
                + " caught up \(format(catchUps, 1000)) ms after the import"
        )
        var figure = Figure.times(name, micic: series[0].micic, baseline: "import with no standby", series[0].baseline)
        figure.extra = String(
            format: "; replay lag p99 %.0f ms (pg_stat_replication.replay_lag every 100 ms), at most %.0f MB behind",
            median(lags) * 1000,
            median(behind) / 1_048_576
        )
        return figure
    }

    /// Empties the content tables on the primary and writes out dirty pages (as `import`
    /// does between runs).
    private static func clear(_ replicas: BenchReplicaSet) async throws {
        let connection = try await BenchContext.connect(url: replicas.primaryURL())
        try await ImportBenchmark.clear(connection)
        await connection.close()
    }

    /// Checks that the primary holds `count` items, each with its first revision.
    private static func expect(_ count: Int, at url: String) async throws {
        let connection = try await BenchContext.connect(url: url)
        let row = try await connection.query(
            "select (select count(*) from items), (select count(*) from item_revisions)"
        )[0]
        await connection.close()
        let found = (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1))
        guard found == (count, count) else {
            throw BenchError(message: "expected \(count) items and revisions, found \(found.0) and \(found.1)")
        }
    }

    /// Runs blocking `work` (a child process waited for) on a thread of its own, so that the
    /// sampler keeps the concurrency pool.
    private static func blocking<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
