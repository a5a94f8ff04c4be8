import Foundation
import LocalPostgres
import MicicTesting
import Testing

/// A bulk transition in the shell whose primary's machine fails halfway: the command stops at
/// once with what it did, each item moved or not as a whole (its event and audit entry with
/// it), and, after the monitor's failover, the shell's next command reaches the new primary
/// by itself and a run again moves the rest, none twice.
@Suite(.serialized) struct FailoverBulkTransitionTests {
    @Test func aBulkTransitionCutByTheFailoverIsAllOrNothingPerItemAndARunAgainDoesTheRest() async throws {
        try await MicicFormation.with { session in
            let rows = 3_000
            let file = try await session.practices(rows, title: "Práctica en lote")
            let imported = try await session.run(["-c", "import practice \(file) --tenant cr"])
            #expect(imported.status == 0, "\(imported.standardError)")
            let ours = "i.title like 'Práctica en lote %'"
            let submitted = "select count(*)::int from items i where \(ours) and i.status = 'in_review'"

            let shell = try TerminalSession("micic", environment: session.environment)
            try await shell.pause(1.5)
            let command = "practice submit --tenant cr --where status=draft --yes\n"
            shell.type(command)
            var moved = 0
            let deadline = Date().addingTimeInterval(300)
            while moved < rows / 10 && Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
                moved = try await session.count(submitted)
            }
            #expect(moved < rows, "the transition ended before the primary failed")
            try session.formation.kill("node-1")
            let formation = session.formation
            let promoted = try await onOwnThread { try formation.waitForFailover(from: "node-1") }
            #expect(promoted.name == "node-2")
            try await shell.pause(1)
            #expect(shell.screen.contains("the database could not be reached after"), "\(shell.screen)")

            // Each item moved with its event and its audit entry, or not at all.
            let cut = try await session.count(submitted)
            #expect(cut >= moved && cut < rows)
            #expect(try await session.count(Self.eventsOfMoved(ours)) == cut)
            #expect(try await session.count(Self.auditsOfMoved(ours)) == cut)

            shell.type(command)
            let again = Date().addingTimeInterval(300)
            while try await session.count(submitted) < rows && Date() < again {
                try await Task.sleep(for: .milliseconds(200))
            }
            shell.type("\u{4}")
            let screen = try await shell.finish()
            #expect(screen.contains("connected again to socket"), "\(screen)")
            #expect(screen.contains(".s.PGSQL.\(promoted.port), which now takes writes"), "\(screen)")
            #expect(try await session.count(submitted) == rows)
            #expect(try await session.count(Self.eventsOfMoved(ours)) == rows)
            #expect(try await session.count(Self.auditsOfMoved(ours)) == rows)
        }
    }

    /// How many submit events the items of `ours` have (one each when none moved twice).
    private static func eventsOfMoved(_ ours: String) -> String {
        """
        select count(*)::int from workflow_events e join items i on i.tenant_id = e.tenant_id and i.id = e.item_id
        where \(ours) and e.transition = 'submit'
        """
    }

    /// How many audit entries of a submission the items of `ours` have.
    private static func auditsOfMoved(_ ours: String) -> String {
        """
        select count(*)::int from audit_log a join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
        where \(ours) and a.action = 'submit'
        """
    }
}
