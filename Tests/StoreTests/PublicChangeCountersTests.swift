import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// The public change counters (`Schema/kernel/0018_public_change_counters.sql`): only
/// committed changes move them, once per transaction and tenant, and nobody writes them but
/// the schema's triggers, so a notification anyone can send proves nothing by itself.
@Suite struct PublicChangeCountersTests {
    /// Open tenants cr and hq (and an archived one) with a note each, a person without
    /// memberships, an editor of cr, and a public reader's login role.
    struct World {
        let database: TestDatabase
        let note: Int64
        let stranger: String
        let editor: String
        let reader: String

        /// The counters as the public reader reads them.
        func counters() async throws -> PublicChangeCounters {
            let web = try await database.connect(as: reader)
            let counters = try await web.run { try PublicReader(registry: Fixtures.registry).changeCounters(on: $0) }
            await web.close()
            return counters
        }
    }

    private func withWorld(_ body: (World) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let owner = try await database.connect()
            try await owner.run { try Fixtures.createTenants(on: $0) }
            let store = PostgresContentStore(connection: owner, registry: Fixtures.registry)
            let note = try await store.create(
                ItemDraft(type: "note", title: "Nota"),
                tenant: "cr",
                author: "seed",
                message: nil
            )
            _ = try await store.create(
                ItemDraft(type: "note", title: "Note"),
                tenant: "hq",
                author: "seed",
                message: nil
            )
            let stranger = try await database.createPerson("stranger")
            let editor = try await database.createPerson("editor")
            try await owner.execute("select micic_set_membership('cr', \(editor), 'editor', '{}')")
            let reader = database.name + "_web"
            try await owner.execute("create role \(identifier: reader) login in role micic_public")
            await database.adopt(person: reader)
            await owner.close()
            try await body(
                World(database: database, note: note.id, stranger: stranger, editor: editor, reader: reader)
            )
        }
    }

    @Test func onlyCommittedChangesMoveTheCountersOncePerTransaction() async throws {
        try await withWorld { world in
            let start = try await world.counters()
            #expect(Set(start.counters.values.map(\.code)) == ["cr", "hq"])

            // An editor's transaction of several statements, one in a savepoint rolled back.
            let editor = try await world.database.connect(as: world.editor)
            for statement: Query in [
                "begin", "update items set title = 'Uno' where id = \(world.note)",
                "update items set title = 'Dos' where id = \(world.note)", "savepoint s",
                "update items set title = 'Tres' where id = \(world.note)", "rollback to savepoint s", "commit",
            ] {
                try await editor.execute(statement)
            }
            let edited = try await world.counters()
            #expect(edited.changes(since: start) == .tenants(["cr"]))
            let cr = try #require(start.counters.first { $0.value.code == "cr" }?.key)
            #expect(edited.counters[cr]?.changes == (start.counters[cr]?.changes ?? 0) + 1)

            // A change rolled back, a statement that changed nothing, and notifications from
            // anyone move nothing.
            for statement: Query in ["begin", "update items set title = 'Cuatro' where id = \(world.note)", "rollback"]
            {
                try await editor.execute(statement)
            }
            try await editor.execute("update items set title = 'Cinco' where false")
            await editor.close()
            for role in [world.stranger, world.reader] {
                let sender = try await world.database.connect(as: role)
                for _ in 0..<3 { try await sender.execute("notify micic_public_changes") }
                await sender.close()
            }
            #expect(try await world.counters() == edited)

            // Truncating items moves every tenant's counter; a new tenant, or one archived,
            // changes the tenants themselves.
            let owner = try await world.database.connect()
            try await owner.execute("truncate items cascade")
            let truncated = try await world.counters()
            #expect(truncated.changes(since: edited) == .tenants(["cr", "hq"]))
            try await owner.run { connection in
                try TenantDirectory().create(
                    Tenant(code: "mx", name: "México", defaultLanguage: "es", languages: ["es"]),
                    on: connection
                )
            }
            let grown = try await world.counters()
            #expect(grown.changes(since: truncated) == .everything)
            try await owner.execute("update tenants set archived_at = now() where code = 'mx'")
            #expect(try await world.counters() == truncated)
            await owner.close()
        }
    }

    @Test func peopleAndThePublicReadTheCountersButNobodyWritesThem() async throws {
        try await withWorld { world in
            for (role, sees) in [(world.stranger, []), (world.editor, ["cr"]), (world.reader, ["cr", "hq"])] {
                let connection = try await world.database.connect(as: role)
                let codes = try await connection.query(
                    "select t.code from public_change_counters c join tenants t on t.id = c.tenant_id order by 1"
                ).map { try $0.decode(String.self, at: 0) }
                // A person without memberships sees no tenant, so no counter either.
                #expect(codes == sees, "\(role)")
                for statement: Query in [
                    "update public_change_counters set changes = 0", "delete from public_change_counters",
                    "insert into public_change_counters (tenant_id, changes) select id, 0 from tenants",
                    "truncate public_change_counters", "select * from public_change_counters for update",
                    "lock table public_change_counters in exclusive mode", "select * from public_change_marks",
                    "insert into public_change_marks (tenant_id) values (1)", "select micic_mark_public_changes(null)",
                ] {
                    try await connection.execute("begin")
                    let refused = await #expect(throws: PostgresError.self, "\(role): \(statement)") {
                        try await connection.execute(statement)
                    }
                    #expect(refused?.sqlState == .insufficientPrivilege, "\(role): \(statement)")
                    try await connection.execute("rollback")
                }
                await connection.close()
            }
        }
    }
}
