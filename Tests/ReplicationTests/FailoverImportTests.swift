import Foundation
import LocalPostgres
import MicicTesting
import Postgres
import Testing

/// An import whose primary is killed (SIGKILL) halfway: after a standby is promoted, `job
/// resume` on the new primary completes it with every row exactly once.
@Suite struct FailoverImportTests {
    @Test func anImportCutByTheFailoverIsResumedOnTheNewPrimaryExactlyOnce() async throws {
        let home = "/tmp/micic-fi-\(UUID().uuidString.prefix(8).lowercased())"
        defer {
            try? LocalReplicaSet.existing(home: home).destroy()
            try? FileManager.default.removeItem(atPath: home + ".ndjson")
        }
        var environment = StandbyCommandLineTests.unset
        environment["MICIC_HOME"] = home
        let start = try ExecutableRun("micic", ["db", "start", "--standbys", "1"], environment: environment)
        #expect(start.status == 0, "\(start.standardError)")
        #expect(try ExecutableRun("micic", ["demo", "load"], environment: environment).status == 0)
        let set = LocalReplicaSet.existing(home: home)
        environment["DATABASE_URL"] = set.url(user: set.primary.personName(forSystemUser: Self.systemUser))

        let rows = 50_000
        var text = ""
        for index in 1...rows {
            text += "{\"title\": \"Práctica de relevo \(index)\", \"phases\": [\"preparedness\"], "
            text += "\"countries\": [\"CR\"], \"body\": \"Texto de la práctica.\"}\n"
        }
        let file = home + ".ndjson"
        try text.write(toFile: file, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = ExecutableRun.productsDirectory.appendingPathComponent("micic")
        process.arguments = ["-c", "import practice \(file) --tenant cr --batch-size 500"]
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        process.standardOutput = FileHandle.nullDevice
        let errors = home + ".err"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errors) }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()

        // Early (a tenth of the rows committed on the primary, some replayed on the standby,
        // which has the job then), the primary is killed.
        let primaryWatch = try await Connection.connect(ConnectionConfiguration(url: set.primary.url()))
        let standby = try await Connection.connect(ConnectionConfiguration(url: set.standbys[0].url()))
        let imported = "title like 'Práctica de relevo %'"
        let counting = Query(unsafeSQL: "select count(*)::int from items where \(imported)")
        var committed = 0
        var replayed = 0
        let deadline = Date().addingTimeInterval(300)
        while (committed < rows / 10 || replayed == 0) && Date() < deadline && process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
            committed = try await primaryWatch.query(counting)[0].decode(Int.self, at: 0)
            replayed = try await standby.query(counting)[0].decode(Int.self, at: 0)
        }
        await primaryWatch.close()
        await standby.close()
        #expect(process.isRunning, "the import ended before the primary was killed")
        guard case .running(let pid) = try set.primary.status() else {
            Issue.record("the primary does not run")
            return
        }
        kill(pid_t(pid), SIGKILL)
        process.waitUntilExit()
        let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 4, "\(said)")
        try set.standbys[0].promote()

        let list = try ExecutableRun(
            "micic",
            ["-c", "job list --format csv --fields id,state,rows"],
            environment: environment
        )
        #expect(list.standardOutput.contains(",interrupted,\(rows)"), "\(list.standardOutput)\(list.standardError)")
        let id = try #require(
            list.standardOutput.split(separator: "\r\n").dropFirst().first?.split(separator: ",").first
        )
        let resumed = try ExecutableRun("micic", ["-c", "job resume \(id)"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.standardError)")

        let primary = try await Connection.connect(ConnectionConfiguration(url: set.standbys[0].url()))
        func count(_ sql: String) async throws -> Int {
            try await primary.query(Query(unsafeSQL: sql))[0].decode(Int.self, at: 0)
        }
        #expect(try await count("select count(*)::int from items where \(imported)") == rows)
        #expect(try await count("select count(distinct slug)::int from items where \(imported)") == rows)
        #expect(
            try await count("select count(*)::int from item_revisions where message like '%(import job \(id))'")
                == rows
        )
        #expect(
            try await count(
                """
                select count(*)::int from audit_log a join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
                where i.\(imported)
                """
            ) == rows
        )
        await primary.close()
    }

    /// The operating-system user this process runs as.
    private static var systemUser: String {
        getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"
    }
}
