import Foundation
import MicicTesting
import Postgres
import Testing

/// The interactive shell on a pseudo-terminal: completion, history, Ctrl-C.
@Suite(.serialized) struct InteractiveShellTests {
    private func withDemo(_ body: (TestDatabase, String) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let load = try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url])
            #expect(load.status == 0, "\(load.standardError)")
            let history = FileManager.default.temporaryDirectory.appendingPathComponent(
                "micic-history-\(UUID().uuidString)"
            ).path
            defer { try? FileManager.default.removeItem(atPath: history) }
            try await body(database, history)
        }
    }

    private func session(_ database: TestDatabase, history: String) throws -> TerminalSession {
        try TerminalSession("micic", environment: ["DATABASE_URL": database.url, "MICIC_HISTORY": history])
    }

    @Test func tabCompletesNounsVerbsFlagsAndVocabulary() async throws {
        try await withDemo { database, history in
            let shell = try session(database, history: history)
            try await shell.pause(1)
            shell.type("pra\tli\t--tenant cr --pha\tprep\t--form\tids\n")
            try await shell.pause(1.5)
            shell.type("\u{4}")
            let screen = try await shell.finish()
            let saved = try String(contentsOfFile: history, encoding: .utf8)
            #expect(
                saved.contains(
                    "practice\\040list\\040--tenant\\040cr\\040--phase\\040preparedness\\040--format\\040ids"
                ),
                "\(screen)"
            )
            #expect(
                screen.split(whereSeparator: \.isNewline).contains {
                    Int($0.trimmingCharacters(in: .whitespaces)) != nil
                }
            )
        }
    }

    @Test func historyIsRecalledInALaterSession() async throws {
        try await withDemo { database, history in
            let first = try session(database, history: history)
            try await first.pause(1)
            first.type("sql \"select 'from' || '-history' as marker\" --format ids\n")
            try await first.pause(1)
            first.type(" sql \"select 'secret' as hidden\" --format ids\n")
            try await first.pause(1)
            first.type("\u{4}")
            _ = try await first.finish()
            let saved = try String(contentsOfFile: history, encoding: .utf8)
            #expect(!saved.contains("secret"))
            let second = try session(database, history: history)
            try await second.pause(1)
            second.type("\u{1b}[A\n")
            try await second.pause(1.5)
            second.type("\u{4}")
            let screen = try await second.finish()
            #expect(screen.contains("from-history"), "\(screen)")
        }
    }

    @Test func ctrlCCancelsARunningStatementAndTheShellGoesOn() async throws {
        try await withDemo { database, history in
            let shell = try session(database, history: history)
            try await shell.pause(1)
            shell.type("sql \"select pg_sleep(30)\"\n")
            // Ctrl-C once the statement runs on the server (however busy the machine is).
            let observer = try await database.connect()
            for _ in 0..<100 {
                let running = try await observer.query(
                    "select count(*) from pg_stat_activity where query = 'select pg_sleep(30)'"
                )[0].decode(Int.self, at: 0)
                if running > 0 { break }
                try await shell.pause(0.2)
            }
            await observer.close()
            let started = Date()
            shell.type("\u{3}")
            try await shell.pause(1)
            shell.type("sql \"select 'still' || '-alive' as s\" --format ids\n")
            try await shell.pause(1.5)
            shell.type("\u{4}")
            let screen = try await shell.finish()
            #expect(Date().timeIntervalSince(started) < 20)
            #expect(screen.contains("canceling statement due to user request"), "\(screen)")
            #expect(screen.contains("still-alive"))
        }
    }

    @Test func errorsAtThePromptNameNoLineAndLongTablesArePaged() async throws {
        try await withDemo { database, history in
            let shell = try TerminalSession(
                "micic",
                environment: ["DATABASE_URL": database.url, "MICIC_HISTORY": history, "PAGER": "sed s/^/paged:/"]
            )
            try await shell.pause(1)
            for line in [
                "no-such-command", "sql \"select 'p' || generate_series(1, 60) as n\"",
                "sql \"select 'q' || generate_series(1, 60) as n\" --no-pager", "pager off",
                "sql \"select 'r' || generate_series(1, 60) as n\"", "pager on",
                "sql \"select 's' || generate_series(1, 3) as n\"",
            ] {
                shell.type(line + "\n")
                try await shell.pause(1.5)
            }
            shell.type("\u{4}")
            let screen = try await shell.finish()
            #expect(screen.contains("error: unknown command 'no-such-command'"), "\(screen)")
            #expect(!screen.contains("error: 1:"))
            #expect(screen.contains("paged:p42"), "\(screen)")
            #expect(screen.contains("q42") && !screen.contains("paged:q42"))
            #expect(screen.contains("r42") && !screen.contains("paged:r42"))
            // A table shorter than the terminal is shown as it is.
            #expect(screen.contains("s3") && !screen.contains("paged:s3"))
        }
    }

    @Test func aListingPipedOrWrittenToAFileIsNeverPaged() async throws {
        try await withDemo { database, _ in
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("micic-to-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let environment = ["DATABASE_URL": database.url, "PAGER": "sed s/^/paged:/"]
            let piped = try await ExecutableRun(
                "micic",
                ["-c", "sql \"select 'p' || generate_series(1, 60) as n\""],
                environment: environment
            )
            #expect(piped.standardOutput.contains("p42") && !piped.standardOutput.contains("paged:"))
            let csv = scratch.appendingPathComponent("practices.csv").path
            let json = scratch.appendingPathComponent("found.json").path
            let text = scratch.appendingPathComponent("audit.txt").path
            let written = try await ExecutableRun(
                "micic",
                [
                    "-c",
                    "use cr; practice list --to \(csv); search migrantes --to \(json); audit --limit 3 --to \(text)",
                ],
                environment: environment
            )
            #expect(written.status == 0, "\(written.standardError)")
            #expect(written.standardOutput == "")
            #expect(written.standardError.contains("wrote \(csv)"))
            #expect(
                try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("id,type,language,status,slug,title\r\n")
            )
            #expect(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("[{"))
            #expect(try String(contentsOfFile: text, encoding: .utf8).hasPrefix("at "))
            let unknown = try await ExecutableRun(
                "micic",
                ["-c", "use cr; practice list --to list.xls"],
                environment: environment
            )
            #expect(unknown.status == 2)
            #expect(unknown.standardError.contains("cannot tell the format of list.xls"))
        }
    }

    @Test func theShellConnectsAgainAfterTheServerRestarts() async throws {
        let home = "/tmp/micic-restart-\(UUID().uuidString.prefix(8))"
        let environment: [String: String?] = [
            "MICIC_HOME": home, "MICIC_HISTORY": home + "-history", "DATABASE_URL": nil, "PGHOST": nil,
            "PGHOSTADDR": nil, "PGPORT": nil, "PGDATABASE": nil, "PGUSER": nil, "PGSERVICE": nil,
        ]
        func micic(_ arguments: [String]) async throws -> ExecutableRun {
            try await ExecutableRun("micic", arguments, environment: environment)
        }
        defer {
            _ = try? ExecutableRun(blocking: "micic", ["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(atPath: home)
            try? FileManager.default.removeItem(atPath: home + "-history")
        }
        await #expect(try micic(["demo", "load"]).status == 0)
        let shell = try TerminalSession("micic", environment: environment)
        try await shell.pause(1.5)
        shell.type("tenants --format count\n")
        try await shell.pause(1)
        shell.type("begin\n")
        try await shell.pause(1)
        let stop = try await micic(["db", "stop"])
        #expect(stop.status == 0, "\(stop.standardError)")
        let start = try await micic(["db", "start"])
        #expect(start.status == 0, "\(start.standardError)")
        for _ in 0..<2 {
            shell.type("tenants --format count\n")
            try await shell.pause(1.5)
        }
        shell.type("\u{4}")
        let screen = try await shell.finish()
        let parts = screen.components(
            separatedBy: "connected again: the open transaction was rolled back, nothing since begin was kept"
        )
        #expect(parts.count == 2, "\(screen)")
        #expect(!screen.contains("the connection to the server was lost:"), "\(screen)")
        let counts = parts.last?.split(whereSeparator: \.isNewline).filter {
            $0.trimmingCharacters(in: .whitespaces) == "3"
        }
        #expect(counts?.count == 2, "\(screen)")
    }
}
