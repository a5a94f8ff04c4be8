import Foundation
import LocalPostgres
import Postgres
import Testing

/// A primary and its hot standbys made on this machine by the platform's own code.
@Suite struct ReplicaSetTests {
    @Test func aStandbyReplaysWhatThePrimaryCommitsAndRefusesWrites() async throws {
        try await ThrowawayReplicaSet.with(standbys: 1) { set in
            let primary = try await Connection.connect(
                ConnectionConfiguration(url: set.primary.url(database: "postgres"))
            )
            try await primary.run { connection in
                try connection.execute("create table notes (id int primary key, body text)")
                try connection.execute("insert into notes values (1, \("first"))")
            }
            let commit = try await primary.query("select pg_current_wal_lsn()::text")[0].decode(String.self, at: 0)
            let streaming = try await primary.query(
                "select count(*)::int from pg_stat_replication where state = 'streaming'"
            )[0].decode(Int.self, at: 0)
            #expect(streaming == 1)
            await primary.close()

            let standby = try await Connection.connect(
                ConnectionConfiguration(url: set.standbys[0].url(database: "postgres"))
            )
            try await Replay.wait(on: standby, until: commit)
            let body = try await standby.query("select body from notes where id = 1")[0].decode(String.self, at: 0)
            #expect(body == "first")
            #expect(try await standby.query("select pg_is_in_recovery()")[0].decode(Bool.self, at: 0))
            await #expect(throws: PostgresError.self) {
                try await standby.execute("insert into notes values (2, \("second"))")
            }
            await standby.close()
            #expect(set.standbys[0].isStandby)
            #expect(!set.primary.isStandby)
        }
    }

    @Test func theSetIsFoundAgainAndItsURLAsksForTheServerThatWrites() async throws {
        try await ThrowawayReplicaSet.with(standbys: 2) { set in
            let found = LocalReplicaSet.existing(home: set.primary.home, database: "postgres")
            #expect(found.standbys.map(\.home) == set.standbys.map(\.home))
            let url = set.url(database: "postgres")
            #expect(url.contains("target_session_attrs=read-write"))
            #expect(url.contains(set.standbys[1].socketDirectory))
            let connection = try await Connection.connect(ConnectionConfiguration(url: url))
            let recovering = try await connection.query("select pg_is_in_recovery()")[0].decode(Bool.self, at: 0)
            #expect(!recovering)
            await connection.close()
        }
    }
}
