import ArgumentParser
import Foundation
import LocalPostgres
import Logging
import Postgres
import Store

/// How a command finds its database: `--database-url`, then `DATABASE_URL`, then the
/// `PG*` variables; with none of them, the local cluster, started and migrated on demand.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "A postgres:// URL (default: DATABASE_URL, PG* variables, or the local database)."
    )
    var url: String?

    /// The configured server, or `nil` when the local cluster is to be used.
    func configured() throws -> ConnectionConfiguration? {
        if let url { return try ConnectionConfiguration(url: url) }
        return try ConnectionConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// The local cluster under `MICIC_HOME` (or the default data directory).
    static var localCluster: LocalCluster {
        LocalCluster(home: LocalCluster.defaultHome())
    }

    /// A connection to the platform's database; the local one is started, created and
    /// migrated first when needed.
    /// - Parameter migrate: migrate the local database when something is pending.
    func connect(migrate: Bool = true) async throws -> Connection {
        if let configuration = try configured() {
            return try await Connection.connect(configuration)
        }
        let cluster = Self.localCluster
        let configuration = try ConnectionConfiguration(url: cluster.url())
        let connection: Connection
        do {
            // Fast path: the server runs and the database exists.
            connection = try await Connection.connect(configuration)
        } catch let error as PostgresError where error.code == .connectionFailed {
            do {
                try cluster.start()
            } catch let error as LocalClusterError {
                throw LocalClusterFailure(underlying: error)
            }
            try await cluster.createDatabase(cluster.database)
            connection = try await Connection.connect(configuration)
        }
        if migrate {
            let migrator = Migrator(migrations: try Platform.migrations())
            try await connection.run { connection in
                if try migrator.needsMigration(on: connection) { try migrator.migrate(on: connection) }
            }
        }
        return connection
    }
}
