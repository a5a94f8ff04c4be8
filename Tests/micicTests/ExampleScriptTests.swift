import Foundation
import MicicTesting
import Testing

/// Each script under Scripts/examples does its chore on the demonstration content.
@Suite struct ExampleScriptTests {
    private let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/examples")

    private func withDemo(_ body: (TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let load = try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url])
            #expect(load.status == 0, "\(load.standardError)")
            try await body(database)
        }
    }

    private func micic(_ database: TestDatabase, _ arguments: [String]) async throws -> ExecutableRun {
        try await ExecutableRun("micic", arguments, environment: ["DATABASE_URL": database.url])
    }

    private func ids(_ database: TestDatabase, _ command: String) async throws -> [String] {
        try await micic(database, ["-c", command + " --all --format ids"]).standardOutput.split(separator: "\n").map(
            String.init
        )
    }

    @Test func publishApprovedPublishesOnlyWhatIsApproved() async throws {
        try await withDemo { database in
            let drafts = try await ids(database, "practice list --tenant cr --status draft")
            #expect(drafts.count >= 2)
            let approve = try await micic(
                database,
                ["-c", "use cr; practice submit \(drafts[0]); practice approve \(drafts[0]) --comment fine"]
            )
            #expect(approve.status == 0, "\(approve.standardError)")
            let run = try await micic(
                database,
                ["run", examples.appendingPathComponent("publish-approved.micic").path, "--set", "tenant=cr"]
            )
            #expect(run.status == 0, "\(run.standardError)")
            await #expect(try ids(database, "practice list --tenant cr --status published").contains(drafts[0]))
            await #expect(try ids(database, "practice list --tenant cr --status draft").contains(drafts[1]))
            await #expect(try ids(database, "practice list --tenant cr --status approved").isEmpty)
        }
    }

    @Test func overdueEventsListsPastEventsNotYetPublished() async throws {
        try await withDemo { database in
            let create = try await micic(
                database,
                [
                    "-c",
                    """
                    use cr; event create --title "Forgotten workshop" --start "2026-01-10T09:00 America/Costa_Rica" \
                    --end "2026-01-10T17:00 America/Costa_Rica" --attendance in_person --event-status scheduled --format ids
                    """,
                ]
            )
            #expect(create.status == 0, "\(create.standardError)")
            let run = try await micic(
                database,
                [
                    "run", examples.appendingPathComponent("overdue-events.micic").path, "--set", "tenant=cr", "--set",
                    "today=2026-11-29",
                ]
            )
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("Forgotten workshop"))
            #expect(!run.standardOutput.contains("Taller regional"))
        }
    }

    @Test func submitDraftsSendsEveryDraftToReview() async throws {
        try await withDemo { database in
            let drafts = try await ids(database, "practice list --tenant hq --status draft")
            #expect(!drafts.isEmpty)
            let run = try await micic(
                database,
                [
                    "run", examples.appendingPathComponent("submit-drafts.micic").path, "--set", "tenant=hq", "--set",
                    "type=practice",
                ]
            )
            #expect(run.status == 0, "\(run.standardError)")
            await #expect(try ids(database, "practice list --tenant hq --status draft").isEmpty)
            await #expect(Set(try ids(database, "practice list --tenant hq --status in_review")) == Set(drafts))
            let again = try await micic(
                database,
                [
                    "run", examples.appendingPathComponent("submit-drafts.micic").path, "--set", "tenant=hq", "--set",
                    "type=practice",
                ]
            )
            #expect(again.status == 0, "\(again.standardError)")
            #expect(again.standardError.contains("nothing came through the pipe"))
        }
    }

    @Test func reassignDraftsMovesOnlyThatPersonsDrafts() async throws {
        try await withDemo { database in
            let drafts = await Set(try ids(database, "practice list --tenant cr --status draft --author postgres"))
            let published = await Set(
                try ids(database, "practice list --tenant cr --status published --author postgres")
            )
            #expect(!drafts.isEmpty && !published.isEmpty)
            let run = try await micic(
                database,
                [
                    "run", examples.appendingPathComponent("reassign-drafts.micic").path, "--set", "tenant=cr", "--set",
                    "from=postgres",
                    "--set", "to=ana",
                ]
            )
            #expect(run.status == 0, "\(run.standardError)")
            await #expect(Set(try ids(database, "practice list --tenant cr --status draft --author ana")) == drafts)
            await #expect(
                Set(try ids(database, "practice list --tenant cr --status published --author postgres")) == published
            )
            let nobody = try await micic(
                database,
                ["-c", "use cr; practice update \(drafts.first!) --reassign nobody_at_all"]
            )
            #expect(nobody.status == 1)
            #expect(nobody.standardError.contains("there is no person"))
        }
    }
}
