import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// Tenant isolation and role permissions, enforced by PostgreSQL itself: every test
/// connects through libpq as the people themselves.
@Suite struct RowLevelSecurityTests {
    /// Two tenants with content in every table, and people with roles in the first.
    struct World {
        let database: TestDatabase
        let tenantA: Int64
        let tenantB: Int64
        let itemA: Int64
        let itemB: Int64
        let people: [Role: String]
    }

    private func withWorld(_ body: (World) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let owner = try await database.connect()
            let store = PostgresContentStore(connection: owner, registry: Fixtures.registry)
            for code in ["ta", "tb"] {
                try await owner.run { connection in
                    try TenantDirectory().create(
                        Tenant(code: code, name: "Tenant \(code)", defaultLanguage: "en", languages: ["en", "es"]),
                        on: connection
                    )
                }
                let item = try await store.create(
                    ItemDraft(type: "note", title: "Note of \(code)"),
                    tenant: code,
                    author: "seed",
                    message: nil
                )
                _ = try await store.transition(
                    id: item.id,
                    tenant: code,
                    name: "submit",
                    expectedVersion: 1,
                    author: "seed",
                    comment: nil
                )
            }
            var people: [Role: String] = [:]
            for role in Role.allCases {
                let person = try await database.createPerson(role.rawValue)
                let languages = role == .translator || role == .reviewer ? ["es"] : []
                try await owner.execute("select micic_set_membership('ta', \(person), \(role.rawValue), \(languages))")
                people[role] = person
            }
            let ids = try await owner.query("select id from tenants order by code").map {
                try $0.decode(Int64.self, at: 0)
            }
            let itemA = try await owner.query("select id from items where tenant_id = \(ids[0])")[0].decode(
                Int64.self,
                at: 0
            )
            let itemB = try await owner.query("select id from items where tenant_id = \(ids[1])")[0].decode(
                Int64.self,
                at: 0
            )
            await owner.close()
            try await body(
                World(database: database, tenantA: ids[0], tenantB: ids[1], itemA: itemA, itemB: itemB, people: people)
            )
        }
    }

    private func count(_ sql: Query, on connection: Connection) async throws -> Int {
        try await connection.query(sql)[0].decode(Int.self, at: 0)
    }

    @Test func aMemberOfOneTenantSeesAndChangesNothingOfAnother() async throws {
        try await withWorld { world in
            let owner = try await world.database.connect()
            for role in Role.allCases {
                let person = try await world.database.connect(as: world.people[role]!)
                for table in ["items", "item_revisions", "audit_log", "workflow_events", "memberships"] {
                    let theirs = try await count(
                        "select count(*) from \(identifier: table) where tenant_id = \(world.tenantB)",
                        on: person
                    )
                    #expect(theirs == 0, "\(role) sees \(table) of tenant B")
                    let mine = try await count("select count(*) from \(identifier: table)", on: person)
                    let expected = try await count(
                        "select count(*) from \(identifier: table) where tenant_id = \(world.tenantA)",
                        on: owner
                    )
                    #expect(mine == expected, "\(role) sees \(mine) of \(expected) rows of \(table)")
                }
                let tenants = try await person.query("select code from tenants").map {
                    try $0.decode(String.self, at: 0)
                }
                #expect(tenants == ["ta"])
                #expect(
                    try await person.query("select micic_tenants()")[0].decode([Int64].self, at: 0) == [world.tenantA]
                )
                #expect(
                    try await person.execute("update items set title = 'taken' where tenant_id = \(world.tenantB)") == 0
                )
                #expect(try await person.execute("delete from items where tenant_id = \(world.tenantB)") == 0)
                let insert = await #expect(throws: PostgresError.self) {
                    try await person.execute(
                        """
                        insert into items (tenant_id, type, language, slug, title, status, author)
                        values (\(world.tenantB), 'note', 'en', 'planted', 'Planted', 'draft', 'x')
                        """
                    )
                }
                #expect(insert?.sqlState == .insufficientPrivilege)
                for statement: Query in [
                    "insert into item_revisions (tenant_id, item_id, version, title, slug, status, fields, author) values (\(world.tenantB), \(world.itemB), 99, 'x', 'x', 'x', '{}', 'x')",
                    "insert into audit_log (tenant_id, actor, action) values (\(world.tenantB), session_user, 'forged')",
                    "insert into workflow_events (tenant_id, item_id, transition, from_status, to_status, actor) values (\(world.tenantB), 1, 'x', 'x', 'x', session_user)",
                    "insert into memberships (tenant_id, principal, role) values (\(world.tenantB), session_user, 'admin')",
                    "select micic_set_membership('tb', session_user, 'admin', '{}')",
                    "update audit_log set actor = 'someone else'",
                    "delete from audit_log",
                ] {
                    let refused = await #expect(throws: PostgresError.self, "\(role): \(statement)") {
                        try await person.execute(statement)
                    }
                    #expect(refused?.sqlState == .insufficientPrivilege, "\(role): \(statement)")
                }
                let copyIn = await #expect(throws: PostgresError.self) {
                    try await person.run { connection in
                        try connection.copyFrom(
                            "copy items (tenant_id, type, language, slug, title, status, author) from stdin"
                        ) { writer in
                            try writer.writeRow([String(world.tenantB), "note", "en", "copied", "Copied", "draft", "x"])
                        }
                    }
                }
                // PostgreSQL refuses COPY FROM into a table with row-level security altogether.
                #expect(copyIn?.sqlState == .insufficientPrivilege || copyIn?.sqlState == .featureNotSupported)
                let tenantsSeen = try await person.run { connection in
                    var seen = Set<String>()
                    try connection.copyTo("copy (select tenant_id from items) to stdout") { line in
                        seen.insert(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .newlines))
                    }
                    return seen
                }
                #expect(tenantsSeen == [String(world.tenantA)])
                await person.close()
            }
            #expect(
                try await count(
                    "select count(*) from items where tenant_id = \(world.tenantB) and title = 'Note of tb'",
                    on: owner
                ) == 1
            )
            #expect(
                try await count(
                    "select count(*) from audit_log where tenant_id = \(world.tenantB) and item_type = 'note'",
                    on: owner
                ) == 2
            )
            await owner.close()
        }
    }

    @Test func escapeAttemptsAreRefused() async throws {
        try await withWorld { world in
            let outsider = try await world.database.createPerson("outsider")
            let owner = try await world.database.connect()
            try await owner.execute("select micic_set_membership('tb', \(outsider), 'admin', '{}')")
            await owner.close()
            let editor = try await world.database.connect(as: world.people[.editor]!)
            for statement: Query in [
                "set role \(identifier: outsider)", "set session authorization \(identifier: outsider)",
                "select micic_create_person('planted_person', 'secret')",
                "select micic_make_platform_admin(session_user)",
                "select micic_disable_person(\(outsider))",
            ] {
                let refused = await #expect(throws: PostgresError.self, "\(statement)") {
                    try await editor.execute(statement)
                }
                #expect(
                    refused?.sqlState == .insufficientPrivilege,
                    "\(statement): \(String(describing: refused?.sqlState))"
                )
            }
            try await editor.execute("select set_config('micic.tenant', 'tb', false)")
            #expect(try await count("select count(*) from items where tenant_id = \(world.tenantB)", on: editor) == 0)
            #expect(
                try await editor.query("select micic_role_in(\(world.tenantB))")[0].decode(String?.self, at: 0) == nil
            )
            try await editor.execute("set role micic_people")
            #expect(try await count("select count(*) from items where tenant_id = \(world.tenantB)", on: editor) == 0)
            await editor.close()
        }
    }

    @Test func eachRoleMayDoWhatItIsFor() async throws {
        try await withWorld { world in
            func store(_ role: Role) async throws -> (PostgresContentStore, Connection) {
                let connection = try await world.database.connect(as: world.people[role]!)
                return (PostgresContentStore(connection: connection, registry: Fixtures.registry), connection)
            }
            let (viewer, viewerConnection) = try await store(.viewer)
            #expect(try await viewer.list(ItemQuery(), tenant: "ta").items.count == 1)
            let viewerCreate = await #expect(throws: ContentError.self) {
                try await viewer.create(
                    ItemDraft(type: "note", title: "By a viewer"),
                    tenant: "ta",
                    author: world.people[.viewer]!,
                    message: nil
                )
            }
            #expect(viewerCreate?.code == .forbidden)
            #expect(viewerCreate?.message == "as a viewer in ta you may not create notes")
            // The database refuses it too, to someone who skips the Kernel.
            let direct = await #expect(throws: PostgresError.self) {
                try await viewerConnection.execute(
                    """
                    insert into items (tenant_id, type, language, slug, title, status, author)
                    values (\(world.tenantA), 'note', 'en', 'direct', 'Direct', 'draft', session_user)
                    """
                )
            }
            #expect(direct?.sqlState == .insufficientPrivilege)

            let (editor, editorConnection) = try await store(.editor)
            let created = try await editor.create(
                ItemDraft(type: "note", title: "By the editor"),
                tenant: "ta",
                author: world.people[.editor]!,
                message: nil
            )
            let submitted = try await editor.transition(
                id: created.id,
                tenant: "ta",
                name: "submit",
                expectedVersion: 1,
                author: world.people[.editor]!,
                comment: nil
            )
            let selfApproval = await #expect(throws: ContentError.self) {
                try await editor.transition(
                    id: created.id,
                    tenant: "ta",
                    name: "approve",
                    expectedVersion: submitted.version,
                    author: world.people[.editor]!,
                    comment: nil
                )
            }
            #expect(selfApproval?.message == "as an editor in ta you may not approve notes (admin or reviewer only)")
            _ = try await editor.delete(id: created.id, tenant: "ta", author: world.people[.editor]!)
            _ = try await editor.restore(id: created.id, tenant: "ta", author: world.people[.editor]!)

            let (reviewer, reviewerConnection) = try await store(.reviewer)
            let approved = try await reviewer.transition(
                id: created.id,
                tenant: "ta",
                name: "approve",
                expectedVersion: submitted.version,
                author: world.people[.reviewer]!,
                comment: "fine"
            )
            #expect(approved.status == "approved")
            let retitle = await #expect(throws: ContentError.self) {
                try await reviewer.update(
                    id: created.id,
                    tenant: "ta",
                    expectedVersion: approved.version,
                    changes: ItemChanges(title: "Reviewer's title"),
                    author: world.people[.reviewer]!,
                    message: nil
                )
            }
            #expect(retitle?.code == .forbidden)
            let directTitle = await #expect(throws: PostgresError.self) {
                try await reviewerConnection.execute(
                    "update items set title = 'Reviewer''s title' where id = \(created.id)"
                )
            }
            #expect(directTitle?.sqlState == .insufficientPrivilege)

            let (translator, translatorConnection) = try await store(.translator)
            let original = await #expect(throws: ContentError.self) {
                try await translator.create(
                    ItemDraft(type: "note", title: "Not a translation"),
                    tenant: "ta",
                    author: world.people[.translator]!,
                    message: nil
                )
            }
            #expect(original?.code == .forbidden)
            // Translations are made by requesting them (an editor's job); a translator only
            // writes one that a job gives them, in any language.
            for language in ["es", "en"] {
                let insert: Query = """
                    insert into items (tenant_id, type, language, translation_of, slug, title, status, author)
                    values (\(world.tenantA), 'note', \(language), \(world.itemA), 'translated', 'Traducida', 'draft', session_user)
                    """
                let refused = await #expect(throws: PostgresError.self) {
                    try await translatorConnection.execute(insert)
                }
                #expect(refused?.sqlState == .insufficientPrivilege)
            }

            let (admin, adminConnection) = try await store(.admin)
            _ = try await admin.delete(id: created.id, tenant: "ta", author: world.people[.admin]!)
            let editorPurge = await #expect(throws: (any Error).self) {
                try await editor.purge(id: created.id, tenant: "ta", author: world.people[.editor]!)
            }
            #expect(editorPurge != nil)
            try await admin.purge(id: created.id, tenant: "ta", author: world.people[.admin]!)
            try await adminConnection.execute(
                "select micic_set_membership('ta', \(world.people[.viewer]!), 'editor', '{}')"
            )
            for connection in [
                viewerConnection, editorConnection, reviewerConnection, translatorConnection, adminConnection,
            ] {
                await connection.close()
            }
        }
    }

    @Test func onlyPlatformAdministratorsCreateAndChangeTenants() async throws {
        try await withWorld { world in
            // A tenant's own administrator is not a platform administrator.
            let connection = try await world.database.connect(as: world.people[.admin]!)
            let directory = TenantDirectory()
            let attempts: [@Sendable (isolated Connection) throws -> Void] = [
                {
                    try directory.create(
                        Tenant(code: "tc", name: "Tenant tc", defaultLanguage: "en", languages: ["en"]),
                        on: $0
                    )
                },
                { try directory.rename("ta", to: "Renamed", on: $0) },
                { try directory.configure("ta", .translationsPublish, to: "by-editor", on: $0) },
                { try directory.archive("ta", on: $0) },
            ]
            for attempt in attempts {
                let refused = await #expect(throws: ContentError.self) { try await connection.run(attempt) }
                #expect(refused?.code == .forbidden)
                #expect(refused?.message == "only platform administrators create and change tenants")
            }
            await connection.close()
            let owner = try await world.database.connect()
            let tenants = try await owner.query(
                "select code, name, translations_publish, archived_at is null from tenants order by code"
            ).map {
                "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String.self, at: 1)) "
                    + "\(try $0.decode(String.self, at: 2)) \(try $0.decode(Bool.self, at: 3))"
            }
            #expect(tenants == ["ta Tenant ta on-approval true", "tb Tenant tb on-approval true"])
            await owner.close()
        }
    }

    @Test func aDisabledPersonCannotLogIn() async throws {
        try await withWorld { world in
            let person = world.people[.editor]!
            let owner = try await world.database.connect()
            try await owner.execute("select micic_disable_person(\(person))")
            await owner.close()
            let error = await #expect(throws: PostgresError.self) { try await world.database.connect(as: person) }
            #expect(error?.code == .connectionFailed)
        }
    }

    @Test func onlyEditorsAndAdminsReadPrivateFields() async throws {
        try await withWorld { world in
            let owner = try await world.database.connect()
            let ownerStore = PostgresContentStore(connection: owner, registry: Fixtures.registry)
            let item = try await ownerStore.create(
                ItemDraft(
                    type: "note",
                    title: "Submitted practice",
                    fields: ["summary": .text("open"), "contact": .text("ana@example.org")]
                ),
                tenant: "ta",
                author: "seed",
                message: nil
            )
            for role in Role.allCases {
                let connection = try await world.database.connect(as: world.people[role]!)
                let store = PostgresContentStore(connection: connection, registry: Fixtures.registry)
                let seen = try await store.item(id: item.id, tenant: "ta")
                let mayRead = role == .editor || role == .admin
                #expect((seen.fields["contact"] != nil) == mayRead, "\(role)")
                #expect(seen.fields["summary"] == .text("open"))
                // A list page too (the others' pages do not look private fields up).
                let listed = try await store.list(ItemQuery(type: "note"), tenant: "ta").items.first {
                    $0.id == item.id
                }
                #expect((listed?.fields["contact"] != nil) == mayRead, "\(role)")
                #expect(listed?.fields["summary"] == .text("open"))
                let everywhere = try await connection.query(
                    """
                    select (select count(*) from item_private_fields)
                         + (select count(*) from items where fields::text like '%ana@example.org%')
                         + (select count(*) from item_revisions where fields::text like '%ana@example.org%')
                         + (select count(*) from audit_log where coalesce(after, before)::text like '%ana@example.org%')
                    """
                )[0].decode(Int.self, at: 0)
                #expect(everywhere == (mayRead ? 1 : 0), "\(role)")
                await connection.close()
            }
            // A reviewer's transition keeps the private field it cannot see.
            let reviewer = try await world.database.connect(as: world.people[.reviewer]!)
            let reviewerStore = PostgresContentStore(connection: reviewer, registry: Fixtures.registry)
            _ = try await ownerStore.transition(
                id: item.id,
                tenant: "ta",
                name: "submit",
                expectedVersion: 1,
                author: "seed",
                comment: nil
            )
            _ = try await reviewerStore.transition(
                id: item.id,
                tenant: "ta",
                name: "approve",
                expectedVersion: 2,
                author: world.people[.reviewer]!,
                comment: nil
            )
            #expect(try await ownerStore.item(id: item.id, tenant: "ta").fields["contact"] == .text("ana@example.org"))
            let updated = try await ownerStore.update(
                id: item.id,
                tenant: "ta",
                expectedVersion: 3,
                changes: ItemChanges(set: ["contact": .text("luis@example.org")]),
                author: "seed",
                message: nil
            )
            #expect(updated.fields["contact"] == .text("luis@example.org"))
            let audit = try await owner.query(
                "select string_agg(concat(before, ' ', after), ' ') from audit_log where item_id = \(item.id)"
            )[0]
            .decode(String.self, at: 0)
            #expect(audit.contains("(private)"))
            #expect(!audit.contains("luis@example.org") && !audit.contains("ana@example"))
            await reviewer.close()
            await owner.close()
        }
    }

    @Test func aThousandRandomOperationsLeaveTheOtherTenantUntouched() async throws {
        try await withWorld { world in
            let owner = try await world.database.connect()
            func fingerprint() async throws -> [String] {
                var prints: [String] = []
                for table in [
                    "items", "item_revisions", "audit_log", "workflow_events", "memberships", "item_private_fields",
                ] {
                    prints.append(
                        try await owner.query(
                            "select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from \(identifier: table) t where tenant_id = \(world.tenantB)"
                        )[0].decode(String.self, at: 0)
                    )
                }
                prints.append(
                    try await owner.query("select t::text from tenants t where id = \(world.tenantB)")[0].decode(
                        String.self,
                        at: 0
                    )
                )
                return prints
            }
            let before = try await fingerprint()
            let b = world.tenantB
            let a = world.tenantA
            let statements: [Query] = [
                "select * from items where tenant_id = \(b)",
                "update items set title = 'taken' where tenant_id = \(b)",
                "update items set tenant_id = \(b) where tenant_id = \(a)",
                "update items set fields = '{\"summary\": \"x\"}' where id = \(world.itemB)",
                "delete from items where tenant_id = \(b)",
                "delete from items where id = \(world.itemB)",
                "insert into items (tenant_id, type, language, slug, title, status, author) values (\(b), 'note', 'en', 'x', 'X', 'draft', session_user)",
                "insert into item_revisions (tenant_id, item_id, version, title, slug, status, fields, author) values (\(b), \(world.itemB), 50, 'x', 'x', 'x', '{}', 'x')",
                "update item_revisions set title = 'x' where tenant_id = \(b)",
                "insert into audit_log (tenant_id, actor, action) values (\(b), session_user, 'x')",
                "insert into workflow_events (tenant_id, item_id, transition, from_status, to_status, actor) values (\(b), \(world.itemB), 'x', 'x', 'x', session_user)",
                "insert into item_private_fields (tenant_id, item_id, fields) values (\(b), \(world.itemB), '{}')",
                "insert into memberships (tenant_id, principal, role) values (\(b), session_user, 'admin')",
                "update memberships set tenant_id = \(b) where tenant_id = \(a)",
                "select micic_set_membership('tb', session_user, 'admin', '{}')",
                "select micic_remove_membership('tb', session_user)",
                "update tenants set name = 'taken', archived_at = now() where id = \(b)",
                "delete from tenants where id = \(b)",
                "update items set title = 'mine' where tenant_id = \(a)",
                "insert into items (tenant_id, type, language, slug, title, status, author) values (\(a), 'note', 'en', 'n' || floor(random() * 1e9)::text, 'N', 'draft', session_user)",
            ]
            var connections: [Connection] = []
            for role in Role.allCases { connections.append(try await world.database.connect(as: world.people[role]!)) }
            var generator = SplitMix(seed: 20_261_129)
            var refused = 0
            for _ in 0..<1_000 {
                let connection = connections[Int(generator.next() % UInt64(connections.count))]
                let statement = statements[Int(generator.next() % UInt64(statements.count))]
                do { try await connection.execute(statement) } catch { refused += 1 }
            }
            for connection in connections { await connection.close() }
            #expect(try await fingerprint() == before)
            #expect(refused > 300)
            await owner.close()
        }
    }
}

/// A small deterministic random number generator, so a failing run can be repeated.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
