import Foundation
import LocalPostgres
import MicicTesting
import Postgres
import Testing

/// `micic serve --read-url` on a local primary and its standby: pages read from the standby
/// are never older than a change the server heard of, whether the standby has replayed it
/// yet or not (its replay paused with `pg_wal_replay_pause()`).
@Suite struct StandbyDeliveryTests {
    /// Variables that would make micic pick a database other than the local one.
    private static let unset: [String: String?] = [
        "DATABASE_URL": nil, "PGHOST": nil, "PGHOSTADDR": nil, "PGPORT": nil, "PGDATABASE": nil, "PGUSER": nil,
        "PGSERVICE": nil,
    ]

    @Test func aPausedStandbyIsWaitedForThenLeftAndNoStalePageIsKept() async throws {
        let home = "/tmp/micic-sd-\(UUID().uuidString.prefix(8).lowercased())"
        defer { try? LocalReplicaSet.existing(home: home).destroy() }
        var environment = Self.unset
        environment["MICIC_HOME"] = home
        let start = try await ExecutableRun("micic", ["db", "start", "--standbys", "1"], environment: environment)
        #expect(start.status == 0, "\(start.standardError)")
        let load = try await ExecutableRun("micic", ["demo", "load"], environment: environment)
        #expect(load.status == 0, "\(load.standardError)")
        let set = LocalReplicaSet.existing(home: home)
        let primary = try await Connection.connect(ConnectionConfiguration(url: set.primary.url()))
        let standby = try await Connection.connect(ConnectionConfiguration(url: set.standbys[0].url()))
        let found = try await primary.query(
            """
            select i.id::text, i.slug from items i join tenants t on t.id = i.tenant_id
            where t.code = 'cr' and i.type = 'practice' and i.status = 'published' and i.translation_of is null
            order by i.id limit 1
            """
        )
        let id = try found[0].decode(String.self, at: 0)
        let slug = try found[0].decode(String.self, at: 1)
        let path = "/v1/cr/practices/\(slug)"
        // The role the server reads as, on the standby before the server checks it there.
        try await primary.execute("create role micic_web login in role micic_public")
        let made = try await primary.query("select pg_current_wal_lsn()::text")[0].decode(String.self, at: 0)
        while try await !standby.query("select pg_last_wal_replay_lsn() >= \(made)::pg_lsn")[0].decode(Bool.self, at: 0)
        {
            try await Task.sleep(for: .milliseconds(20))
        }

        try await ServedAPI.with(
            url: nil,
            arguments: ["--read-url", set.standbys[0].url(user: "micic_web"), "--max-lag", "2", "--cache", "60"],
            environment: environment
        ) { api in
            try await api.waitForLog("hearing of changes to content")
            let first = try await api.request(path)
            #expect(first.status == 200, "\(first.text)")
            let health = try await api.request("/health")
            let standbys = try #require(try health.json["standbys"] as? [[String: Any]], "\(health.text)")
            #expect(try health.json["role"] as? String == "primary")
            #expect(standbys.first?["role"] as? String == "standby")

            // The standby stops replaying; the change commits on the primary, which tells the server.
            try await standby.execute("select pg_wal_replay_pause()")
            let update = try await ExecutableRun(
                "micic",
                ["-c", "practice update \(id) --tenant cr --title \"Albergues renovados\""],
                environment: environment
            )
            #expect(update.status == 0, "\(update.standardError)")
            try await Task.sleep(for: .milliseconds(600))
            // Waited for up to --max-lag, then read from the primary: fresh, and kept fresh.
            for _ in 0..<3 {
                let answer = try await api.request(path)
                #expect(try answer.json["title"] as? String == "Albergues renovados", "\(answer.text)")
            }
            let behind = try await api.request("/health")
            let lagging = try #require(try behind.json["standbys"] as? [[String: Any]]).first
            #expect(lagging?["read"] as? Bool == false, "\(behind.text)")
            #expect((lagging?["lag_ms"] as? Int ?? 0) >= 2000, "\(behind.text)")

            // Replay goes on: the standby is read again, and what it serves is fresh.
            try await standby.execute("select pg_wal_replay_resume()")
            try await Task.sleep(for: .milliseconds(500))
            let caughtUp = try await api.request("/health")
            let reading = try #require(try caughtUp.json["standbys"] as? [[String: Any]]).first
            #expect(reading?["read"] as? Bool == true, "\(caughtUp.text)")
            #expect(reading?["lag_ms"] as? Int == 0, "\(caughtUp.text)")
            let again = try await api.request(path)
            #expect(try again.json["title"] as? String == "Albergues renovados", "\(again.text)")
        }
        await primary.close()
        await standby.close()
    }
}
