import Foundation
import MicicTesting
import Postgres
import Testing

/// The interactive shell on a pseudo-terminal: completion, history, Ctrl-C.
@Suite(.serialized) struct InteractiveShellTests {
    private func withDemo(_ body: (TestDatabase, String) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let load = try ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url])
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
}
