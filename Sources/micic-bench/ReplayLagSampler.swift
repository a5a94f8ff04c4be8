import Foundation
import Postgres
import Synchronization

/// How far a primary's standbys are behind while some work runs, sampled on the primary
/// every `interval` from `pg_stat_replication`: `replay_lag` (the time from the primary
/// flushing a change to the standby reporting it replayed; null once it has caught up and
/// had nothing new, counted as 0) and the bytes of log between `pg_current_wal_lsn()` and
/// the standby's `replay_lsn`. A standby that has not yet reported is not sampled; with no
/// standby the same query runs and finds no row.
///
/// ```swift
/// let (seconds, samples) = try await ReplayLagSampler(url: primaryURL).sampling { try await importTime() }
/// let p99 = percentile(samples.map(\.seconds), 0.99)
/// ```
struct ReplayLagSampler {
    /// One standby's lag at one moment.
    struct Sample: Sendable {
        var seconds: Double
        var bytes: Double
    }

    /// The primary.
    let url: String
    var interval: Duration = .milliseconds(100)

    /// Runs `body`, sampling until it ends.
    /// - Returns: what `body` returns, and the samples taken meanwhile.
    func sampling<Value: Sendable>(
        during body: @Sendable () async throws -> Value
    ) async throws -> (value: Value, samples: [Sample]) {
        let connection = try await BenchContext.connect(url: url)
        let samples = Mutex<[Sample]>([])
        let interval = interval
        let sampler = Task {
            while !Task.isCancelled {
                let rows = try await connection.query(
                    """
                    select coalesce(extract(epoch from replay_lag)::float8, 0),
                      pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8
                    from pg_stat_replication where replay_lsn is not null
                    """,
                    plan: .prepared
                )
                let taken = try rows.map { Sample(seconds: try $0.decode(at: 0), bytes: try $0.decode(at: 1)) }
                samples.withLock { $0 += taken }
                try? await Task.sleep(for: interval)
            }
        }
        let value: Value
        do {
            value = try await body()
        } catch {
            sampler.cancel()
            _ = await sampler.result
            await connection.close()
            throw error
        }
        sampler.cancel()
        let ended = await sampler.result
        await connection.close()
        try ended.get()
        return (value, samples.withLock { $0 })
    }
}
