import Foundation
import MicicTesting
import Postgres
import Testing

/// The built `micic` executable, run as a person or a script would.
@Suite struct CommandLineTests {
    /// Variables that would make micic pick a database other than the one a test names.
    private static let unset: [String: String?] = [
        "DATABASE_URL": nil, "PGHOST": nil, "PGHOSTADDR": nil, "PGPORT": nil, "PGDATABASE": nil, "PGUSER": nil,
        "PGSERVICE": nil,
    ]

    private func micic(
        _ arguments: [String],
        database: TestDatabase? = nil,
        home: String? = nil
    ) async throws -> ExecutableRun {
        var environment = Self.unset
        if let database { environment["DATABASE_URL"] = database.url }
        if let home { environment["MICIC_HOME"] = home }
        return try await ExecutableRun("micic", arguments, environment: environment)
    }

    @Test func migrateAppliesOnceThenHasNothingToDo() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let first = try await micic(["migrate"], database: database)
            #expect(first.status == 0)
            #expect(first.standardOutput.contains("applied  kernel/0001_tenants.sql"))
            let second = try await micic(["migrate"], database: database)
            #expect(second.status == 0)
            #expect(second.standardOutput == "")
            #expect(second.standardError.contains("nothing to migrate"))
            let status = try await micic(["migrate", "--status"], database: database)
            #expect(status.standardOutput.hasPrefix("applied  kernel/0001_tenants.sql"))
            #expect(
                first.standardOutput.hasSuffix(
                    "applied  content-types/practices\napplied  content-types/events\n"
                        + "applied  content-types/news\napplied  content-types/tools\napplied  effects/translations\n"
                )
            )
            #expect(first.standardOutput.contains("applied  workflow/editorial\napplied  workflow/translation\n"))
            // A workflow whose declaration changed (as the database sees it: another checksum
            // was applied) is pending again, and migrating writes it again.
            let owner = try await database.connect()
            try await owner.execute("update micic_migrations set checksum = 'older' where name = 'workflow/editorial'")
            await owner.close()
            let changed = try await micic(["migrate", "--status"], database: database)
            #expect(changed.standardOutput.contains("pending  workflow/editorial  (the declaration changed"))
            let again = try await micic(["migrate"], database: database)
            #expect(again.standardOutput == "applied  workflow/editorial\n")
        }
    }

    @Test func usageErrorsExitWithTwo() async throws {
        let run = try await micic(["no-such-command"])
        #expect(run.status == 2)
        #expect(run.standardOutput == "")
        #expect(run.standardError.contains("no-such-command"))
        await #expect(try micic(["migrate", "--bogus-flag"]).status == 2)
        await #expect(try micic(["--help"]).status == 0)
    }

    @Test func anUnreachableDatabaseExitsWithFourAndHidesThePassword() async throws {
        let run = try await ExecutableRun(
            "micic",
            ["migrate", "--status"],
            environment: ["DATABASE_URL": "postgresql://ana:hunter2-secret@127.0.0.1:1/micic"]
        )
        #expect(run.status == 4)
        #expect(run.standardError.contains("127.0.0.1:1"))
        #expect(!run.standardError.contains("hunter2"))
        #expect(!run.standardOutput.contains("hunter2"))
    }

    @Test func twoProcessesStartingAtOnceShareOneLocalServer() async throws {
        let home = "/tmp/micic-e2e-\(UUID().uuidString.prefix(8))"
        defer {
            var environment = Self.unset
            environment["MICIC_HOME"] = home
            _ = try? ExecutableRun(blocking: "micic", ["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(atPath: home)
        }
        await #expect(try micic(["db", "status"], home: home).standardOutput.hasPrefix("not created"))
        let runs = try await withThrowingTaskGroup(of: ExecutableRun.self) { group in
            for _ in 0..<2 { group.addTask { try await self.micic(["migrate", "--status"], home: home) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for run in runs {
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("kernel/0001_tenants.sql"))
        }
        let status = try await micic(["db", "status"], home: home)
        #expect(status.standardOutput.hasPrefix("running"))
        let servers =
            try String(contentsOfFile: home + "/postgres.log", encoding: .utf8)
            .components(separatedBy: "database system is ready to accept connections").count - 1
        #expect(servers == 1)
        let url = try await micic(["db", "url"], home: home).standardOutput.trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        #expect(url.hasPrefix("postgresql://") && url.contains(home + "/run"))
        await #expect(try micic(["db", "stop"], home: home).status == 0)
        await #expect(try micic(["db", "status"], home: home).standardOutput.hasPrefix("stopped"))
    }

    @Test func aNewUserFindsTheDemonstrationContentAtOnce() async throws {
        let home = "/tmp/micic-first-\(UUID().uuidString.prefix(8))"
        defer {
            var environment = Self.unset
            environment["MICIC_HOME"] = home
            _ = try? ExecutableRun(blocking: "micic", ["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(atPath: home)
        }
        var environment = Self.unset
        environment["MICIC_HOME"] = home
        let first = try await ExecutableRun(
            "micic",
            [],
            environment: environment,
            input: "tenants --format ids\npractice list --tenant cr --format count\n"
        )
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("loaded the demonstration content"))
        let lines = first.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["cr", "hq", "ph"])
        #expect((Int(lines.last ?? "") ?? 0) >= 2)
        let second = try await ExecutableRun("micic", ["-c", "tenants --format count"], environment: environment)
        #expect(second.standardOutput == "3\n")
        // Ordinary work runs as a person (a platform administrator), never as a superuser.
        let who = try await ExecutableRun(
            "micic",
            [
                "-c",
                "sql \"select rolsuper, rolbypassrls, pg_has_role('micic_admins', 'member') as admin from pg_roles where rolname = current_user\" --format csv",
            ],
            environment: environment
        )
        #expect(who.standardOutput == "rolsuper,rolbypassrls,admin\r\nf,f,t\r\n", "\(who.standardError)")
        #expect(!second.standardError.contains("loaded"))
    }
}
