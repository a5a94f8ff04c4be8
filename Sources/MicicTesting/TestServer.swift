internal import Foundation
internal import LocalPostgres
internal import Postgres
internal import Registration
internal import Store
internal import Synchronization

/// The one PostgreSQL server a test process uses, and its migrated template database.
actor TestServer {
    static let shared = TestServer()

    private var base: String?
    /// Builds the template once; concurrent callers (the actor is re-entrant across its
    /// awaits) wait for the same work.
    private var template: Task<Void, any Error>?
    private var counter = 0
    /// People created in each database, dropped with it (roles belong to the whole server).
    private var roles: [String: [String]] = [:]

    func remember(role: String, of database: String) {
        roles[database, default: []].append(role)
    }

    /// The server's URL for `database`.
    func url(database: String) throws -> String {
        try URLText.replacingDatabase(in: try baseURL(), with: database)
    }

    /// Makes a new database, cloned from the migrated template or empty.
    func createDatabase(migrated: Bool) async throws -> TestDatabase {
        if migrated {
            if template == nil {
                let adminURL = try url(database: "postgres")
                let templateURL = try url(database: "micic_template")
                template = Task { try await Self.buildTemplate(adminURL: adminURL, templateURL: templateURL) }
            }
            try await template!.value
        }
        counter += 1
        let name = "test_\(ProcessInfo.processInfo.processIdentifier)_\(counter)"
        let admin = try await Connection.connect(ConnectionConfiguration(url: url(database: "postgres")))
        try await admin.run { connection in
            try connection.execute(
                migrated
                    ? "create database \(identifier: name) template micic_template"
                    : "create database \(identifier: name)"
            )
        }
        await admin.close()
        return TestDatabase(name: name, url: try url(database: name))
    }

    func dropDatabase(_ name: String) async throws {
        let admin = try await Connection.connect(ConnectionConfiguration(url: url(database: "postgres")))
        let people = roles.removeValue(forKey: name) ?? []
        try await admin.run { connection in
            try connection.execute("drop database if exists \(identifier: name) with (force)")
            for role in people { try connection.execute("drop role if exists \(identifier: role)") }
        }
        await admin.close()
    }

    private static func buildTemplate(adminURL: String, templateURL: String) async throws {
        let admin = try await Connection.connect(ConnectionConfiguration(url: adminURL))
        try await admin.run { connection in
            try connection.execute("drop database if exists micic_template with (force)")
            try connection.execute("create database micic_template")
        }
        await admin.close()
        let template = try await Connection.connect(ConnectionConfiguration(url: templateURL))
        let migrator = Migrator(migrations: try Platform.migrations())
        try await template.run { try migrator.migrate(on: $0) }
        await template.close()
    }

    private func baseURL() throws -> String {
        if let base { return base }
        let url: String
        if let given = ProcessInfo.processInfo.environment["MICIC_TEST_DATABASE_URL"], !given.isEmpty {
            url = given
        } else {
            url = try Self.startCluster()
        }
        base = url
        return url
    }

    /// Starts a throwaway cluster under the temporary directory and stops it at exit.
    private static func startCluster() throws -> String {
        sweepAbandonedClusters()
        let home = "/tmp/micic-test-\(ProcessInfo.processInfo.processIdentifier)"
        let cluster = LocalCluster(
            home: home,
            database: "postgres",
            settings: [
                "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "500",
            ]
        )
        try? cluster.destroy()
        clusterHome.withLock { $0 = home }
        atexit {
            if let home = clusterHome.withLock({ $0 }) { try? LocalCluster(home: home).destroy() }
        }
        try cluster.start()
        return cluster.url()
    }

    /// Removes clusters left behind by test processes that were killed.
    private static func sweepAbandonedClusters() {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for entry in entries where entry.hasPrefix("micic-test-") {
            guard let pid = Int32(entry.dropFirst("micic-test-".count)), kill(pid, 0) != 0 else { continue }
            try? LocalCluster(home: "/tmp/" + entry).destroy()
        }
    }
}

/// The home of the cluster this process started, for the exit handler.
private let clusterHome = Mutex<String?>(nil)
