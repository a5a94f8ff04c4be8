import Foundation
import LocalPostgres
import MicicTesting
import Postgres
import Testing

/// An import whose primary's machine fails (its pg_auto_failover service and server killed)
/// early on: the command fails with exit status 4, the monitor promotes the standby by itself,
/// and `job resume` completes the import on the new primary with every row exactly once.
@Suite(.serialized) struct FailoverImportTests {
    @Test func anImportCutByTheFailoverIsResumedOnTheNewPrimaryExactlyOnce() async throws {
        try await MicicFormation.with { session in
            let rows = 50_000
            let file = try await session.practices(rows, title: "Práctica de relevo")
            let imported = "title like 'Práctica de relevo %'"
            let errors = session.formation.home + ".err"
            defer { try? FileManager.default.removeItem(atPath: errors) }
            let process = try Self.start(
                session,
                ["-c", "import practice \(file) --tenant cr --batch-size 500"],
                errors
            )

            // As soon as the first rows are committed (and so on the synchronous standby too),
            // the primary's machine fails: the import has nearly all its rows to go.
            var committed = 0
            let deadline = Date().addingTimeInterval(300)
            while committed == 0 && Date() < deadline && process.isRunning {
                try await Task.sleep(for: .milliseconds(20))
                committed = try await session.count("select count(*)::int from items where \(imported)")
            }
            #expect(process.isRunning, "the import ended before the primary failed")
            try session.formation.kill("node-1")
            try await onOwnThread { process.waitUntilExit() }
            let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 4, "\(said)")
            let formation = session.formation
            #expect(try await onOwnThread { try formation.waitForFailover(from: "node-1") }.name == "node-2")

            let list = try await session.run(["-c", "job list --format csv --fields id,state,rows"])
            #expect(list.standardOutput.contains(",interrupted,\(rows)"), "\(list.standardOutput)\(list.standardError)")
            let id = try #require(
                list.standardOutput.split(separator: "\r\n").dropFirst().first?.split(separator: ",").first
            )
            let resumed = try await session.run(["-c", "job resume \(id)"])
            #expect(resumed.status == 0, "\(resumed.standardError)")

            #expect(try await session.count("select count(*)::int from items where \(imported)") == rows)
            #expect(try await session.count("select count(distinct slug)::int from items where \(imported)") == rows)
            #expect(
                try await session.count(
                    "select count(*)::int from item_revisions where message like '%(import job \(id))'"
                ) == rows
            )
            #expect(
                try await session.count(
                    """
                    select count(*)::int from audit_log a join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
                    where i.\(imported)
                    """
                ) == rows
            )
        }
    }

    /// Starts `micic` with `arguments` in the background, its standard error going to `errors`.
    static func start(_ session: MicicFormation, _ arguments: [String], _ errors: String) throws -> Process {
        let process = Process()
        process.executableURL = ExecutableRun.productsDirectory.appendingPathComponent("micic")
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in session.environment { variables[key] = value }
        process.environment = variables
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        return process
    }
}
