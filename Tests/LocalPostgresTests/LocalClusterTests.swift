import Foundation
import LocalPostgres
import MicicTesting
import Postgres
import Testing

@Suite struct LocalClusterTests {
    @Test func withoutAServerTheErrorNamesThePackageToInstall() throws {
        let error = #expect(throws: LocalClusterError.self) {
            try ServerPrograms.locate(path: "/nonexistent/bin", searchRoots: ["/nonexistent/postgresql"])
        }
        #expect(error?.description.contains("apt-get install postgresql") == true)
        #expect(error?.description.contains("/nonexistent/postgresql/*/bin") == true)
    }

    @Test func theInstalledServerIsFound() throws {
        let programs = try ServerPrograms.locate()
        #expect(FileManager.default.isExecutableFile(atPath: programs.initdb))
        #expect(FileManager.default.isExecutableFile(atPath: programs.pgCtl))
        let offPath = try ServerPrograms.locate(path: "")
        #expect(offPath.initdb.hasSuffix("/bin/initdb"))
    }

    @Test func peopleAreNamedAfterTheirAccountButNeverAsTheSuperuser() {
        let cluster = LocalCluster(home: "/tmp/unused")
        #expect(cluster.personName(forSystemUser: "Ana.Mora") == "ana.mora")
        #expect(cluster.personName(forSystemUser: "9lives") == "_9lives")
        #expect(cluster.personName(forSystemUser: "jos\u{E9}") == "jos_")
        // The superuser's connections pass row-level security by: ordinary work must not.
        #expect(cluster.personName(forSystemUser: "postgres") == "postgres_local")
        #expect(cluster.personName(forSystemUser: "POSTGRES") == "postgres_local")
        #expect(cluster.personName(forSystemUser: "") == "admin")
    }

    @Test func theHomeFollowsTheEnvironment() {
        #expect(LocalCluster.defaultHome(environment: ["MICIC_HOME": "/srv/micic"]) == "/srv/micic")
        if geteuid() == 0 {
            #expect(LocalCluster.defaultHome(environment: [:]) == "/var/lib/micic")
        } else {
            #expect(LocalCluster.defaultHome(environment: ["XDG_DATA_HOME": "/x/data"]) == "/x/data/micic")
            #expect(LocalCluster.defaultHome(environment: ["HOME": "/home/ana"]) == "/home/ana/.local/share/micic")
        }
    }

    @Test func aDataDirectoryItDidNotMakeIsLeftAlone() throws {
        let home = "/tmp/micic-foreign-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/data", withIntermediateDirectories: true)
        try "keep me".write(toFile: home + "/data/notes.txt", atomically: true, encoding: .utf8)
        let error = #expect(throws: LocalClusterError.self) { try LocalCluster(home: home).start() }
        #expect(error?.description.contains("not a PostgreSQL data directory") == true)
        #expect(try String(contentsOfFile: home + "/data/notes.txt", encoding: .utf8) == "keep me")
    }

    @Test func theURLReachesTheSocketDirectory() {
        let cluster = LocalCluster(home: "/tmp/with space", database: "micic")
        #expect(cluster.url() == "postgresql://postgres@/micic?host=/tmp/with%20space/run&port=5432")
        #expect(cluster.url(database: "other").contains("/other?"))
    }

    @Test func aClusterIsCreatedStartedStoppedAndRestarted() async throws {
        let home = "/tmp/micic-cluster-\(UUID().uuidString.prefix(8))"
        let cluster = LocalCluster(home: home, settings: ["fsync": "off"])
        defer { try? cluster.destroy() }
        #expect(try cluster.status() == .notCreated)
        try cluster.start()
        guard case .running(let pid) = try cluster.status() else {
            Issue.record("the server does not run")
            return
        }
        #expect(pid > 0)
        try await cluster.createDatabase("micic")
        try await cluster.createDatabase("micic")  // a second time changes nothing
        let connection = try await Connection.connect(ConnectionConfiguration(url: cluster.url()))
        let listens = try await connection.query("select current_setting('listen_addresses')")[0].decode(
            String.self,
            at: 0
        )
        #expect(listens == "")
        let socket = try await connection.query("select current_setting('unix_socket_directories')")[0]
        #expect(try socket.decode(String.self, at: 0) == home + "/run")
        await connection.close()
        try cluster.stop()
        #expect(try cluster.status() == .stopped)
        try cluster.start()
        if case .running = try cluster.status() {} else { Issue.record("the server did not restart") }
        if geteuid() == 0 {
            let owner =
                try FileManager.default.attributesOfItem(atPath: cluster.dataDirectory)[.ownerAccountName] as? String
            #expect(owner != "root")
        }
    }
}
