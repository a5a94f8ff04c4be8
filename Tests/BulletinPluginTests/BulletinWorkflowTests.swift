import Foundation
import Kernel
import MicicTesting
import Postgres
import Registration
import Shell
import Store
import Testing

/// A plugin's own workflow, declared in Swift only, is written into the database by
/// migrating and enforced there for every role over a direct connection, and drives the
/// shell's commands, help and completion.
@Suite struct BulletinWorkflowTests {
    /// The platform with the test plugin registered.
    static let registry = try! PluginRegistry(Platform.plugins + [BulletinPlugin()])
    static let tenant = Tenant(code: "ta", name: "Tenant A", defaultLanguage: "en", languages: ["en", "es"])

    /// A migrated database holding tenant `ta` and one member of each role (and an
    /// outsider), each with a connection of their own.
    struct World {
        let database: TestDatabase
        let owner: Connection
        let people: [String: (name: String, connection: Connection)]

        /// Migrates the platform with the plugin registered, as `micic migrate` would.
        static func with(_ body: (World) async throws -> Void) async throws {
            try await TestDatabase.with { database in
                let owner = try await database.connect()
                let migrator = Migrator(migrations: try Platform.migrations(for: registry))
                let applied = try await owner.run { try migrator.migrate(on: $0) }
                #expect(applied == ["workflow/bulletin", "content-types/bulletins", "effects/translations"])
                try await owner.run { try TenantDirectory().create(tenant, on: $0) }
                var people: [String: (String, Connection)] = [:]
                for role in Role.allCases.map(\.rawValue) + ["outsider"] {
                    let person = try await database.createPerson("bulletin_\(role)")
                    if role != "outsider" {
                        try await owner.execute("select micic_set_membership('ta', \(person), \(role), '{}')")
                    }
                    people[role] = (person, try await database.connect(as: person))
                }
                let world = World(database: database, owner: owner, people: people)
                do {
                    try await body(world)
                } catch {
                    await world.close()
                    throw error
                }
                await world.close()
            }
        }

        func close() async {
            for (_, connection) in people.values { await connection.close() }
            await owner.close()
        }

        /// A new bulletin in `status`, written by the owner.
        func bulletin(_ status: String, title: String = "Notice") async throws -> Int64 {
            let store = PostgresContentStore(connection: owner, registry: registry)
            let item = try await store.create(
                ItemDraft(type: "bulletin", title: title),
                tenant: "ta",
                author: "seed",
                message: nil
            )
            try await owner.execute("update items set status = \(status) where id = \(item.id)")
            return item.id
        }

        func status(of id: Int64) async throws -> String {
            try await owner.query("select status from items where id = \(id)")[0].decode(String.self, at: 0)
        }

        /// Whether `role` could move bulletin `id` to `to` over SQL (with `comment` given
        /// as the database reads it).
        func move(_ id: Int64, to: String, as role: String, comment: String = "") async -> Bool {
            let changed = try? await people[role]!.connection.execute(
                """
                update items set status = \(to)
                from (select set_config('micic.comment', \(comment), true)) as note where id = \(id)
                """
            )
            return changed == 1
        }
    }

    @Test func migratingWritesTheWorkflowAndTheDatabaseHoldsIt() async throws {
        try await World.with { world in
            let stored = try await world.owner.run { try $0.storedWorkflow("bulletin") }
            #expect(stored == BulletinPlugin.workflow.inNameOrder)
            let type = try await world.owner.query("select workflow from content_types where name = 'bulletin'")
            #expect(try type.first?.decode(String.self, at: 0) == "bulletin")
            let migrator = Migrator(migrations: try Platform.migrations(for: Self.registry))
            #expect(try await world.owner.run { try migrator.needsMigration(on: $0) } == false)
        }
    }

    @Test func everyTransitionIsAllowedToItsRolesAndRefusedToTheOthersOverSQL() async throws {
        try await World.with { world in
            let id = try await world.bulletin("draft")
            var tried = 0
            for transition in BulletinPlugin.workflow.transitions {
                for from in transition.from {
                    for (role, _) in world.people {
                        try await world.owner.execute("update items set status = \(from) where id = \(id)")
                        let allowed =
                            Role(rawValue: role).map { $0 == .admin || transition.roles.contains($0) } ?? false
                        if transition.requiresComment {
                            #expect(
                                await world.move(id, to: transition.to, as: role) == false,
                                "\(transition.name) from \(from) as \(role) without a comment"
                            )
                        }
                        #expect(
                            await world.move(id, to: transition.to, as: role, comment: "why") == allowed,
                            "\(transition.name) from \(from) as \(role)"
                        )
                        #expect(try await world.status(of: id) == (allowed ? transition.to : from))
                        tried += 1
                    }
                }
            }
            #expect(tried == 4 * 6)
            // Moves no transition names: only admins make them, and only between the
            // workflow's own states (the editorial ones mean nothing here).
            for (role, _) in world.people {
                try await world.owner.execute("update items set status = 'draft' where id = \(id)")
                #expect(await world.move(id, to: "live", as: role) == (role == "admin"), "draft to live as \(role)")
                #expect(await world.move(id, to: "published", as: role) == false, "to published as \(role)")
            }
        }
    }

    @Test func nobodyButMigrationsRewritesAWorkflowOrATypesWorkflow() async throws {
        try await World.with { world in
            let before = try await world.owner.run { try $0.storedWorkflow("bulletin") }
            let attempts: [Query] = [
                """
                insert into workflow_transitions (workflow, name, from_states, to_state, roles)
                values ('bulletin', 'sneak', '{draft}', 'live', '{viewer,translator,reviewer}')
                """,
                "update workflow_transitions set roles = '{viewer,translator,reviewer,editor,admin}'",
                "delete from workflow_transitions where workflow = 'bulletin'",
                "update workflows set initial_state = 'live' where name = 'bulletin'",
                "update content_types set workflow = 'editorial' where name = 'bulletin'",
                "insert into content_types values ('ghost', 'ghosts', 'bulletin')",
                """
                select micic_define_workflow('{"name": "bulletin", "states": ["draft", "live"], "initial_state": "live",
                    "published_states": ["live"], "transitions": []}')
                """,
                "select micic_define_content_types('{\"plugin\": \"x\", \"types\": [{\"name\": \"ghost\", \"workflow\": \"bulletin\"}]}')",
                "create or replace function micic_published_in(type text, status text) returns boolean language sql as 'select true'",
                "create function pg_temp.micic_published_in(type text, status text) returns boolean language sql as 'select true'",
            ]
            for (role, (_, connection)) in world.people {
                for attempt in attempts {
                    let changed = (try? await connection.execute(attempt)) ?? 0
                    // A temporary function may be made, and is never what the policies call.
                    if !attempt.description.contains("pg_temp") {
                        #expect(changed == 0, "\(role): \(attempt)")
                    }
                }
                let ghost: Query = """
                    insert into items (tenant_id, type, language, slug, title, status, author)
                    select id, 'ghost', 'en', 'ghost', 'Ghost', 'draft', session_user from tenants where code = 'ta'
                    """
                #expect(((try? await connection.execute(ghost)) ?? 0) == 0, "\(role) writing an unregistered type")
                let id = try await world.bulletin("draft", title: "Try \(role)")
                #expect(await world.move(id, to: "live", as: role) == (role == "admin"))
            }
            #expect(try await world.owner.run { try $0.storedWorkflow("bulletin") } == before)
            let types = try await world.owner.query("select name, workflow from content_types order by name")
            #expect(
                try types.map { try $0.decode(String.self, at: 0) + ":" + $0.decode(String.self, at: 1) }
                    == [
                        "bulletin:bulletin", "event:editorial", "news:editorial", "practice:editorial",
                        "tool:editorial",
                    ]
            )
        }
    }

    @Test func newBulletinsStartInTheirWorkflowsInitialStateAndLiveOnesArePublic() async throws {
        try await World.with { world in
            let editor = world.people["editor"]!.connection
            let insert: (String) -> Query = { status in
                """
                insert into items (tenant_id, type, language, slug, title, status, author)
                select id, 'bulletin', 'en', \("planted-" + status), 'Planted', \(status), session_user
                from tenants where code = 'ta'
                """
            }
            #expect((try? await editor.execute(insert("live"))) == nil)
            #expect((try? await editor.execute(insert("published"))) == nil)
            #expect(try await editor.execute(insert("draft")) == 1)
            let id = try await world.bulletin("checked")
            let isPublic: Query = """
                select micic_is_public(type, status, publish_at, unpublish_at) from items where id = \(id)
                """
            #expect(try await world.owner.query(isPublic)[0].decode(Bool.self, at: 0) == false)
            #expect(await world.move(id, to: "live", as: "editor"))
            #expect(try await world.owner.query(isPublic)[0].decode(Bool.self, at: 0))
            let events = try await world.owner.query(
                "select transition, actor from workflow_events where item_id = \(id) and actor <> current_user order by id"
            )
            #expect(try events.map { try $0.decode(String.self, at: 0) } == ["go-live"])
            #expect(try events.first?.decode(String.self, at: 1) == world.people["editor"]!.name)
        }
    }

    @Test func theShellOffersTheWorkflowsCommandsAndEachPersonMayTakeTheirs() async throws {
        try await World.with { world in
            let id = try await world.bulletin("draft")
            func shell(_ role: String) -> (Interpreter, Transcript) {
                let (person, connection) = world.people[role]!
                let store = PostgresContentStore(connection: connection, registry: Self.registry)
                let said = Transcript()
                let console = Console(
                    data: { text in said.append(text) },
                    diagnostic: { text in said.append(text + "\n") },
                    confirm: nil,
                    width: nil
                )
                let backend = PersonShell(store: store, user: person, tenant: Self.tenant)
                return (Interpreter(backend: backend, registry: Self.registry, console: console), said)
            }
            let (viewer, viewerSaid) = shell("viewer")
            #expect(await viewer.run("use ta; bulletin check \(id)", source: "test") == .success)
            #expect(try await world.status(of: id) == "checked")
            #expect(await viewer.run("bulletin go-live \(id)", source: "test") == .failed)
            #expect(viewerSaid.take().contains("admin or editor only"))
            #expect(try await world.status(of: id) == "checked")
            let (editor, editorSaid) = shell("editor")
            #expect(await editor.run("use ta; bulletin retract \(id)", source: "test") == .failed)
            #expect(editorSaid.take().contains("comment"))
            #expect(await editor.run("bulletin go-live \(id)", source: "test") == .success)
            #expect(try await world.status(of: id) == "live")
            #expect(
                await editor.run("bulletin list --public --format csv --fields id,status,public", source: "test")
                    == .success
            )
            #expect(editorSaid.take().contains("\(id),live,yes"))

            _ = editorSaid.take()
            #expect(await editor.run("help", source: "test") == .success)
            #expect(editorSaid.take().contains("bulletin"))
            _ = editorSaid.take()
            #expect(await editor.run("help bulletin check", source: "test") == .success)
            #expect(editorSaid.take().contains("from draft to checked (admin, viewer)"))
            _ = editorSaid.take()
            #expect(await editor.run("help bulletin go-live", source: "test") == .success)
            #expect(editorSaid.take().contains("--at"))

            // The plugin's own command: in help, run with the person's rights, piping ids on.
            _ = editorSaid.take()
            #expect(await editor.run("help bulletin", source: "test") == .success)
            #expect(editorSaid.take().contains("bulletin board"))
            #expect(await editor.run("help bulletin board", source: "test") == .success)
            let boardHelp = editorSaid.take()
            #expect(boardHelp.contains("--limit N") && boardHelp.contains("bulletin board --limit 5"))
            #expect(await editor.run("bulletin board --format csv", source: "test") == .success)
            #expect(editorSaid.take().contains("\(id),Notice,"))
            #expect(await editor.run("bulletin board --limit 0", source: "test") == .usage)
            #expect(editorSaid.take().contains("--limit must be a whole number from 1 to 100"))
            #expect(
                await editor.run("bulletin board | bulletin retract --comment \"out of date\"", source: "test")
                    == .success
            )
            #expect(try await world.status(of: id) == "draft")
            _ = editorSaid.take()
            #expect(await editor.run("bulletin board", source: "test") == .success)
            #expect(editorSaid.take().contains("the board is empty"))

            let completer = Completer(catalog: CommandCatalog(registry: Self.registry), tenants: ["ta"])
            #expect(completer.candidates(before: "bull").candidates == ["bulletin"])
            #expect(completer.candidates(before: "bulletin bo").candidates == ["board"])
            #expect(completer.candidates(before: "bulletin board --l").candidates == ["--limit"])
            #expect(completer.candidates(before: "bulletin ch").candidates == ["check"])
            #expect(completer.candidates(before: "bulletin go").candidates == ["go-live"])
            #expect(completer.candidates(before: "bulletin re").candidates.contains("retract"))
        }
    }

    @Test func aChangedWorkflowIsAMigrationAndMayNotStrandContent() async throws {
        try await World.with { world in
            let checked = try await world.bulletin("checked")
            func registry(_ workflow: Workflow) throws -> PluginRegistry {
                struct Changed: Plugin {
                    let workflow: Workflow
                    var name: String { "bulletins" }
                    var contentTypes: [ContentType] {
                        [
                            ContentType(
                                name: "bulletin",
                                plural: "bulletins",
                                label: "Bulletin",
                                fields: [],
                                workflow: workflow
                            )
                        ]
                    }
                }
                return try PluginRegistry(Platform.plugins + [Changed(workflow: workflow)])
            }
            // Reviewers may now check too: the definition is pending again, and applied.
            let wider = Workflow(
                name: "bulletin",
                states: BulletinPlugin.workflow.states,
                initialState: "draft",
                publishedStates: ["live"],
                transitions: [Transition("check", from: ["draft"], to: "checked", roles: [.viewer, .reviewer, .admin])]
                    + BulletinPlugin.workflow.transitions.dropFirst()
            )
            let migrator = Migrator(migrations: try Platform.migrations(for: registry(wider)))
            let states = try await world.owner.run { try migrator.status(on: $0) }
            let pending = states.filter { status in
                if case .applied = status.state { return false }
                return true
            }
            #expect(pending.map(\.name) == ["workflow/bulletin"])
            #expect(states.first { $0.name == "workflow/bulletin" }?.state == .redefined)
            #expect(try await world.owner.run { try migrator.migrate(on: $0) } == ["workflow/bulletin"])
            let draft = try await world.bulletin("draft")
            #expect(await world.move(draft, to: "checked", as: "reviewer"))
            // A workflow without the state some bulletins are in is refused, and nothing changes.
            let narrower = Workflow(
                name: "bulletin",
                states: ["draft", "live"],
                initialState: "draft",
                publishedStates: ["live"],
                transitions: [Transition("go-live", from: ["draft"], to: "live", roles: [.editor, .admin])]
            )
            let refusing = Migrator(migrations: try Platform.migrations(for: registry(narrower)))
            do {
                try await world.owner.run { try refusing.migrate(on: $0) }
                Issue.record("a workflow stranding checked bulletins was applied")
            } catch let error as MigrationError {
                #expect(error.message.contains("checked"), "\(error)")
            }
            #expect(try await world.status(of: checked) == "checked")
            #expect(await world.move(draft, to: "draft", as: "viewer") == false)
            let after = try await world.owner.run { try refusing.status(on: $0) }
            #expect(after.first { $0.name == "workflow/bulletin" }?.state == .redefined)
        }
    }
}
