import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// An import's second merge connection acts as the first does.
@Suite struct ItemImportRoleTests {
    /// A role taken with `set role` in the session (an administrator importing as an editor)
    /// is taken by the second connection too, so both merge as the same person with the same
    /// rights; the audit entries name who logged in on both.
    @Test func theSecondMergeConnectionTakesTheRoleOfTheSession() async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let editor = "\(database.name)_editor"
            await database.adopt(person: editor)
            let connection = try await database.connect()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("notes-\(UUID()).ndjson")
            defer { try? FileManager.default.removeItem(at: file) }
            try (1...120).map { "{\"title\": \"Imported note \($0)\", \"summary\": \"Note \($0)\"}\n" }.joined()
                .write(to: file, atomically: true, encoding: .utf8)
            let summary = try await connection.run { connection in
                for tenant in Fixtures.tenants { try TenantDirectory().create(tenant, on: connection) }
                try PeopleDirectory().create(editor, password: UUID().uuidString, displayName: "Editor", on: connection)
                try connection.execute("select micic_set_membership('cr', \(editor), 'editor', '{}')")
                // Which server session inserted each item, with whose rights.
                try connection.executeScript(
                    """
                    create table test_merge_sessions (pid int, role text, title text);
                    create function test_note_session() returns trigger language plpgsql as $$ begin
                      insert into test_merge_sessions values (pg_backend_pid(), current_user, new.title); return null;
                    end $$;
                    create trigger test_note_session after insert on items for each row
                      execute function test_note_session();
                    grant insert on test_merge_sessions to public;
                    """
                )
                try connection.execute("set role \(identifier: editor)")
                let store = PostgresContentStore(connection: connection, registry: Fixtures.registry)
                return try ItemImport(store: store).run(
                    ImportRequest(tenant: "cr", type: "note", format: .ndjson),
                    from: ImportFileOptions(file: file.path, batchSize: 10, workers: 2),
                    on: connection
                )
            }
            #expect(summary.created == 120)
            let sessions = try await connection.run { connection in
                try connection.execute("reset role")
                return try connection.query(
                    "select pid, role, count(*) from test_merge_sessions where title like 'Imported note %' group by 1, 2"
                ).map { [try $0.decode(String.self, at: 1), try $0.decode(String.self, at: 2)] }
            }
            // Two sessions merged, as the editor both.
            #expect(sessions.count == 2, "\(sessions)")
            #expect(sessions.allSatisfy { $0[0] == editor }, "\(sessions)")
            #expect(sessions.map { Int($0[1]) ?? 0 }.reduce(0, +) == 120)
            await connection.close()
        }
    }
}
