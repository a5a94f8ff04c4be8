import Foundation
import LocalPostgres
import Postgres

/// A primary and one hot standby (``LocalReplicaSet``: unix sockets, streaming,
/// asynchronous) started beside the bench's own server, under its scratch directory, with
/// the bench's server settings; the bench database is migrated on the primary and holds the
/// content tenant. The standbys report their replay every second
/// (`wal_receiver_status_interval = 1`) rather than every ten.
///
/// ```swift
/// let replicas = try await BenchReplicaSet.start(in: context)
/// defer { replicas.destroy() }
/// try await replicas.waitForReplay()         // the standby has replayed all written so far
/// ```
struct BenchReplicaSet {
    let replicaSet: LocalReplicaSet
    /// The content tenant's row id on the primary.
    let tenantID: Int64

    static let database = "bench"
    /// The slot of the one standby (``LocalReplicaSet``'s name for it).
    private static let slot = "micic_standby_1"

    /// Makes and starts the primary and the standby, and prepares the content schema.
    static func start(in context: BenchContext) async throws -> BenchReplicaSet {
        let replicaSet = LocalReplicaSet(
            home: context.scratch + "/replicas",
            standbys: 1,
            database: database,
            settings: BenchContext.serverSettings.merging(["wal_receiver_status_interval": "1"]) { $1 }
        )
        try? replicaSet.destroy()
        try replicaSet.primary.start()
        do {
            try await replicaSet.primary.createDatabase(database)
            let connection = try await BenchContext.connect(url: replicaSet.primary.url(database: database))
            let tenantID = try await BenchContext.prepareContent(on: connection)
            await connection.close()
            let replicas = BenchReplicaSet(replicaSet: replicaSet, tenantID: tenantID)
            try await replicas.addStandby()
            return replicas
        } catch {
            try? replicaSet.destroy()
            throw error
        }
    }

    var primary: LocalCluster { replicaSet.primary }
    var standby: LocalCluster { replicaSet.standbys[0] }

    /// The primary's bench database, as `user` (the superuser by default).
    func primaryURL(user: String? = nil) -> String {
        primary.url(database: Self.database, user: user)
    }

    /// The standby's bench database, as `user` (the superuser by default).
    func standbyURL(user: String? = nil) -> String {
        standby.url(database: Self.database, user: user)
    }

    /// Copies the primary into a new standby (through a new slot) and starts it, then waits
    /// until it has replayed everything.
    func addStandby() async throws {
        try replicaSet.start()
        try await waitForReplay()
    }

    /// Stops the standby, deletes it and drops its slot: the primary runs alone, keeping no
    /// log for it.
    func removeStandby() async throws {
        try standby.destroy()
        let connection = try await BenchContext.connect(url: primaryURL())
        try await connection.execute(
            "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = \(Self.slot)"
        )
        await connection.close()
    }

    /// Waits until the standby has replayed everything the primary had written when it was
    /// called (within `seconds`).
    /// - Returns: the seconds it waited.
    @discardableResult
    func waitForReplay(within seconds: Double = 600) async throws -> Double {
        let start = ContinuousClock.now
        let primary = try await BenchContext.connect(url: primaryURL())
        let written = try await primary.query("select pg_current_wal_lsn()::text")[0].decode(String.self, at: 0)
        await primary.close()
        let standby = try await BenchContext.connect(url: standbyURL())
        do {
            while try await !standby.query("select pg_last_wal_replay_lsn() >= \(written)::pg_lsn")[0].decode(
                Bool.self,
                at: 0
            ) {
                guard milliseconds(ContinuousClock.now - start) < seconds * 1000 else {
                    throw BenchError(message: "the standby did not replay up to \(written) within \(Int(seconds)) s")
                }
                try await Task.sleep(for: .milliseconds(10))
            }
        } catch {
            await standby.close()
            throw error
        }
        await standby.close()
        return milliseconds(ContinuousClock.now - start) / 1000
    }

    /// Stops every server and deletes their files (only stops them with `MICIC_BENCH_KEEP`).
    func destroy() {
        if ProcessInfo.processInfo.environment["MICIC_BENCH_KEEP"] != nil {
            note("kept the replica set's files (under \(primary.home))")
            try? replicaSet.stop()
            return
        }
        try? replicaSet.destroy()
    }
}
