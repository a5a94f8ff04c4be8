import Foundation
import MicicTesting
import Postgres
import Testing

/// Bulk edits through the executable, checked item by item by the database.
@Suite struct BulkEditCommandLineTests {
    @Test func whereFiltersAddValuesItemByItemWithRevisions() async throws {
        try await DemoDatabase.with { demo in
            let dry = try await demo.micic(
                "use cr; practice update --where country=CR --add guidelines=4 --dry-run --format csv"
            )
            #expect(dry.status == 0, "\(dry.standardError)")
            #expect(dry.standardOutput.hasPrefix("id,slug,change,before,after\r\n"))
            #expect(dry.standardOutput.contains(",guidelines,8,8; 4\r\n"))
            #expect(dry.standardError.contains("dry run"))
            #expect(!dry.standardOutput.contains(",guidelines,4; 5,"))
            let revisions = try await demo.count("select count(*) from item_revisions")
            let withFour = """
                select count(*) from items where type = 'practice' and fields -> 'guidelines' ? '4'
                and tenant_id = (select id from tenants where code = 'cr')
                """
            // The demonstration's one practice with guideline 4, and its English translation.
            await #expect(try demo.count(withFour) == 2)

            let reviewer = try await demo.micic(
                "use cr; practice update --where country=CR --add guidelines=4",
                as: "luis"
            )
            #expect(reviewer.status == 3)
            #expect(reviewer.standardError.contains("update: 0 done, 2 failed, 3 skipped"))
            #expect(reviewer.standardError.contains("as a reviewer in cr you may not change practices"))

            let run = try await demo.micic("use cr; practice update --where country=CR --add guidelines=4", as: "ana")
            #expect(run.status == 0, "\(run.standardError)")
            // The two translations are skipped: their shared fields follow their originals.
            #expect(run.standardError.contains("update: 2 done, 0 failed, 3 skipped"))
            #expect(run.standardError.contains("a translation: its shared fields follow item"))
            // Two originals changed, and the translation of one of them followed.
            await #expect(try demo.count("select count(*) from item_revisions") == revisions + 3)
            await #expect(try demo.count(withFour) == 5)
            // The database audits the translation's change too, as ana's (she made it follow).
            await #expect(
                try demo.count("select count(*) from audit_log where action = 'update' and actor = 'ana'") == 3
            )

            // Reassigning records who did it (the audit log's actor), not the new author.
            let reassigned = try await demo.micic(
                "use cr; practice update --where country=CR --reassign luis",
                as: "ana"
            )
            #expect(reassigned.status == 0, "\(reassigned.standardError)")
            #expect(reassigned.standardError.contains("update: 3 done"))
            await #expect(
                try demo.count("select count(*) from audit_log where action = 'reassign' and actor = 'ana'") == 3
            )
        }
    }

    @Test func oldDraftsAreDeletedAndTheDryRunListsThem() async throws {
        try await DemoDatabase.with { demo in
            let connection = try await demo.database.connect()
            try await connection.execute(
                """
                update items set updated_at = now() - interval '400 days'
                where type = 'news' and status = 'draft' and tenant_id = (select id from tenants where code = 'cr')
                """
            )
            await connection.close()
            let old = try await demo.count(
                "select count(*) from items where type = 'news' and status = 'draft' and updated_at < now() - interval '365 days'"
            )
            #expect(old >= 1)
            let dry = try await demo.micic(
                "use cr; news delete --where status=draft --older-than 365d --dry-run --format csv"
            )
            #expect(dry.status == 0, "\(dry.standardError)")
            #expect(dry.standardOutput.split(separator: "\r\n").count == old + 1)
            #expect(dry.standardOutput.contains(",trash,,trashed"))
            await #expect(try demo.micic("use cr; news delete --where status=draft --older-than 365d").status == 1)
            let run = try await demo.micic("use cr; news delete --where status=draft --older-than 365d --yes")
            #expect(run.status == 0, "\(run.standardError)")
            await #expect(
                try demo.count("select count(*) from items where type = 'news' and deleted_at is not null") == old
            )
            let again = try await demo.micic("use cr; news delete --where status=draft --older-than 365d --yes")
            #expect(again.standardError.contains("no news match"))
        }
    }
}
