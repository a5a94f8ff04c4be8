import ArgumentParser
import Foundation
import LocalPostgres
import Logging
import Postgres
import Registration
import Store

/// How a command finds its database: `--database-url`, then `DATABASE_URL`, then the
/// `PG*` variables; with none of them, the local cluster, started and migrated on demand.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: "A postgres:// URL (default: DATABASE_URL, PG* variables, or the local database)."
    )
    var url: String?

    /// The configured server, or `nil` when the local cluster is to be used. Unless the URL
    /// (or `PGTARGETSESSIONATTRS`) says otherwise, it asks for a server that takes writes
    /// (`target_session_attrs=read-write`): of several hosts (`postgresql://a,b/micic`,
    /// `PGHOST=a,b`), libpq connects to the primary, now and after a failover.
    func configured() throws -> ConnectionConfiguration? {
        let environment = ProcessInfo.processInfo.environment
        var configuration: ConnectionConfiguration?
        if let url {
            configuration = try ConnectionConfiguration(url: url)
        } else {
            configuration = try ConnectionConfiguration.fromEnvironment(environment)
        }
        let chosen =
            (configuration?.url ?? "").contains("target_session_attrs=")
            || !(environment["PGTARGETSESSIONATTRS"] ?? "").isEmpty
        if !chosen { configuration?.parameters["target_session_attrs"] = "read-write" }
        return configuration
    }

    /// Who a connection to the local database is for.
    enum Purpose {
        /// Ordinary work, as the person at the keyboard (the operating-system user, a
        /// platform administrator of the local database), under row-level security.
        case work
        /// The schema owner, for migrations.
        case owner
    }

    /// A connection to the platform's database; the local one is started, created and
    /// migrated first when needed.
    /// - Parameters:
    ///   - purpose: ordinary work (as a person) or the schema owner (local database only;
    ///     a configured database is used as its URL says).
    ///   - migrate: migrate the local database when something is pending.
    func connect(as purpose: Purpose = .work, migrate: Bool = true) async throws -> Connection {
        if let configuration = try configured() {
            return try await Connection.connect(configuration)
        }
        let local = LocalDatabase.current
        let person = Self.localPerson
        guard purpose == .work else {
            return try await ownerConnection(local, migrate: migrate)
        }
        let personal = try ConnectionConfiguration(url: local.url(), parameters: ["user": person])
        // Fast path: the server runs, the person exists and nothing is pending.
        if let connection = try? await Connection.connect(personal) {
            let migrator = Migrator(migrations: try Platform.migrations())
            var pending = false
            if migrate { pending = try await connection.run { try migrator.needsMigration(on: $0) } }
            if !pending { return connection }
            await connection.close()
        }
        let owner = try await ownerConnection(local, migrate: migrate)
        try await owner.run { connection in
            guard try !PeopleDirectory().exists(person, on: connection) else { return }
            // The local cluster trusts its socket: this password is stored, never typed.
            let password = UUID().uuidString
            try PeopleDirectory().create(
                person,
                password: password,
                displayName: "local platform administrator",
                on: connection
            )
            try PeopleDirectory().makePlatformAdmin(person, on: connection)
        }
        await owner.close()
        return try await Connection.connect(personal)
    }

    /// The operating-system user's name as a person's name (lowercase letters, digits, `._@-`).
    static var localPerson: String {
        let name =
            getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? ProcessInfo.processInfo.environment[
                "USER"
            ] ?? "admin"
        return LocalCluster(home: LocalCluster.defaultHome()).personName(forSystemUser: name)
    }

    /// A connection as the local server's superuser (the schema owner), started, created
    /// and migrated as needed.
    private func ownerConnection(_ local: LocalDatabase, migrate: Bool) async throws -> Connection {
        let configuration = try ConnectionConfiguration(url: local.url())
        let connection: Connection
        do {
            // Fast path: the server runs and the database exists.
            connection = try await Connection.connect(configuration)
        } catch let error as PostgresError where error.code == .connectionFailed {
            try await local.start()
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
