import Foundation
import Postgres
import Testing

/// Waiting for a standby to replay a change.
enum Replay {
    /// Waits until `standby` has replayed the write-ahead log up to `lsn` (a `pg_lsn` as
    /// text), for at most `seconds`.
    static func wait(on standby: Connection, until lsn: String, seconds: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let replayed = try await standby.query(
                "select coalesce(pg_last_wal_replay_lsn() >= \(lsn)::pg_lsn, false)"
            )[0].decode(Bool.self, at: 0)
            if replayed { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the standby did not replay \(lsn) in \(seconds) seconds")
    }
}
