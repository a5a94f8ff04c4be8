import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// Headquarters offers notes to a country office, which adopts them as linked copies: each
/// person connected as themselves, every rule judged by the database.
@Suite struct AdoptionTests {
    /// Tenants `hq` and `cr`, their people, and hq's notes: one published, one draft.
    struct World {
        let database: TestDatabase
        let people: [String: String]
        let published: Item
        let draft: Item

        /// A store and adoption desk connected as `person` (a key of `people`).
        func desk(_ person: String) async throws -> (PostgresContentStore, PostgresAdoptionDesk, String) {
            let name = people[person]!
            let store = PostgresContentStore(
                connection: try await database.connect(as: name),
                registry: Fixtures.registry
            )
            return (store, PostgresAdoptionDesk(store: store), name)
        }

        /// A connection as `person`, for direct SQL.
        func sql(_ person: String) async throws -> Connection {
            try await database.connect(as: people[person]!)
        }
    }

    private func withWorld(_ body: (World) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let owner = try await database.connect()
            for tenant in Fixtures.tenants.prefix(2) {
                try await owner.run { try TenantDirectory().create(tenant, on: $0) }
            }
            var people: [String: String] = [:]
            let members = [
                ("hq_editor", "hq", "editor"), ("hq_admin", "hq", "admin"), ("cr_editor", "cr", "editor"),
                ("cr_translator", "cr", "translator"), ("cr_viewer", "cr", "viewer"),
            ]
            for (key, tenant, role) in members {
                let person = try await database.createPerson(key)
                try await owner.execute(
                    "select micic_set_membership(\(tenant), \(person), \(role), \(role == "translator" ? ["es"] : []))"
                )
                people[key] = person
            }
            let store = PostgresContentStore(connection: owner, registry: Fixtures.registry)
            let fields: [String: FieldValue] = [
                "summary": .text("Drills for migrants before the storm season"),
                "phases": .list([.text("preparedness")]), "countries": .list([.text("PH")]),
                "kind": .text("a"), "contact": .text("secret@example.org"),
            ]
            var published = try await store.create(
                ItemDraft(type: "note", title: "Evacuation drills", fields: fields),
                tenant: "hq",
                author: "seed",
                message: nil
            )
            try await owner.execute("update items set status = 'published' where id = \(published.id)")
            published = try await store.item(id: published.id, tenant: "hq")
            let draft = try await store.create(
                ItemDraft(type: "note", title: "Unfinished plan", fields: fields),
                tenant: "hq",
                author: "seed",
                message: nil
            )
            await owner.close()
            try await body(World(database: database, people: people, published: published, draft: draft))
        }
    }

    @Test func anOfficeAdoptsInheritsOverridesAndMergesFieldByField() async throws {
        try await withWorld { world in
            let (hqStore, hq, hqEditor) = try await world.desk("hq_editor")
            let (crStore, cr, crEditor) = try await world.desk("cr_editor")
            // Nothing of hq's is visible to cr before an offer (not even the tenant); after it,
            // only published notes.
            await expectRefusal { _ = try await crStore.list(ItemQuery(type: "note"), tenant: "hq") }
            #expect(try await hq.offer(type: "note", items: [], to: ["cr"], tenant: "hq") == 1)
            let offered = try await crStore.list(ItemQuery(type: "note"), tenant: "hq").items
            #expect(offered.map(\.id) == [world.published.id])
            #expect(offered.first?.fields["contact"] == nil)

            var local = try await cr.adopt(world.published.id, from: "hq", slug: nil, tenant: "cr")
            #expect(local.status == "draft" && local.title == "Evacuation drills" && local.author == crEditor)
            #expect(local.language == "en", "cr has no Spanish version upstream, so the original is adopted")
            #expect(local.fields["contact"] == nil, "private fields stay upstream")

            // The office overrides two fields; upstream changes three, one of them overridden.
            local = try await crStore.update(
                id: local.id,
                tenant: "cr",
                expectedVersion: local.version,
                changes: ItemChanges(set: ["summary": .text("Simulacros locales"), "kind": .text("b")]),
                author: crEditor,
                message: nil
            )
            _ = try await hqStore.update(
                id: world.published.id,
                tenant: "hq",
                expectedVersion: world.published.version,
                changes: ItemChanges(
                    title: "Evacuation drills for migrants",
                    set: [
                        "summary": .text("Drills for migrants and their families"),
                        "countries": .list([.text("PH"), .text("JP")]),
                    ]
                ),
                author: hqEditor,
                message: nil
            )
            local = try await crStore.item(id: local.id, tenant: "cr")
            #expect(local.title == "Evacuation drills for migrants")
            #expect(local.fields["countries"] == .list([.text("PH"), .text("JP")]))
            #expect(local.fields["summary"] == .text("Simulacros locales"))
            #expect(local.fields["kind"] == .text("b"))
            let history = try await crStore.history(id: local.id, tenant: "cr")
            #expect(history.last?.author == crEditor, "an inherited change keeps the item's author")
            #expect(history.last?.message?.hasPrefix("inherited from hq: note \(world.published.id)") == true)

            var adoption = try #require(try await cr.adoptions(tenant: "cr", orphaned: false).first)
            #expect(adoption.upstreamTenant == "hq" && adoption.upstreamID == world.published.id)
            #expect(adoption.overridden == ["kind", "summary"])
            #expect(
                adoption.outdated == [
                    AdoptionChange(
                        field: "summary",
                        taken: .text("Drills for migrants before the storm season"),
                        upstream: .text("Drills for migrants and their families")
                    )
                ]
            )

            // Keep the office's summary: no longer outdated, still overridden.
            _ = try await cr.resolve(local.id, take: [], keep: ["summary"], resets: false, tenant: "cr")
            adoption = try #require(try await cr.adoptions(tenant: "cr", orphaned: false).first)
            #expect(adoption.outdated.isEmpty && adoption.overridden == ["kind", "summary"])
            // Take upstream's kind (a reset of the override): inherited again.
            local = try await cr.resolve(local.id, take: ["kind"], keep: [], resets: false, tenant: "cr")
            #expect(local.fields["kind"] == .text("a"))
            adoption = try #require(try await cr.adoptions(tenant: "cr", orphaned: false).first)
            #expect(adoption.overridden == ["summary"])
            await expectRefusal {
                _ = try await cr.resolve(local.id, take: ["no_such_field"], keep: [], resets: false, tenant: "cr")
            }
        }
    }

    @Test func nobodyReadsWritesOrAdoptsWhatTheDatabaseDoesNotAllow() async throws {
        try await withWorld { world in
            let (_, hq, _) = try await world.desk("hq_editor")
            let (crStore, cr, _) = try await world.desk("cr_editor")
            _ = try await hq.offer(type: "note", items: [world.published.id], to: ["cr"], tenant: "hq")
            // A draft, or an item not offered, is not adopted; a viewer adopts nothing.
            await expectRefusal { _ = try await cr.adopt(world.draft.id, from: "hq", slug: nil, tenant: "cr") }
            let (_, viewerDesk, _) = try await world.desk("cr_viewer")
            await expectRefusal {
                _ = try await viewerDesk.adopt(world.published.id, from: "hq", slug: nil, tenant: "cr")
            }
            let local = try await cr.adopt(world.published.id, from: "hq", slug: nil, tenant: "cr")
            await expectRefusal { _ = try await cr.adopt(world.published.id, from: "hq", slug: nil, tenant: "cr") }

            let office = try await world.sql("cr_editor")
            // cr reads no hq draft, no revision, no private field, and changes nothing of hq's.
            #expect(try await office.query("select 1 from items where id = \(world.draft.id)").isEmpty)
            #expect(
                try await office.query("select 1 from item_revisions where item_id = \(world.published.id)").isEmpty
            )
            #expect(try await office.execute("update items set title = 'x' where id = \(world.published.id)") == 0)
            // An adoption link is written by the database only: no forged link to a draft.
            await expectRefusal {
                try await office.execute(
                    """
                    insert into adoptions (tenant_id, item_id, upstream_tenant_id, upstream_id, taken, taken_version)
                    select a.tenant_id, a.item_id, a.upstream_tenant_id, \(world.draft.id), '{}', 1 from adoptions a
                    """
                )
            }
            await expectRefusal { try await office.execute("update adoptions set upstream_id = \(world.draft.id)") }
            // hq reads nothing of cr's: not the adoption, not its adoptions.
            let headquarters = try await world.sql("hq_editor")
            #expect(try await headquarters.query("select 1 from items where id = \(local.id)").isEmpty)
            #expect(try await headquarters.query("select 1 from adoptions").isEmpty)
            // A translator of cr does not edit the adoption, not even to "inherit" another value.
            let translator = try await world.sql("cr_translator")
            await expectRefusal {
                try await translator.execute(
                    "update items set fields = fields || '{\"summary\": \"hacked\"}' where id = \(local.id)"
                )
            }
            #expect(
                try await crStore.item(id: local.id, tenant: "cr").fields["summary"]
                    == world.published.fields["summary"]
            )
            await office.close()
            await headquarters.close()
            await translator.close()
        }
    }

    @Test func upstreamLeavingOrphansTheAdoptionAndDeletesNothing() async throws {
        try await withWorld { world in
            let (hqStore, hq, hqEditor) = try await world.desk("hq_editor")
            let (crStore, cr, _) = try await world.desk("cr_editor")
            _ = try await hq.offer(type: "note", items: [], to: [], tenant: "hq")
            let local = try await cr.adopt(world.published.id, from: "hq", slug: "drills", tenant: "cr")
            #expect(local.slug == "drills")
            _ = try await hqStore.delete(id: world.published.id, tenant: "hq", author: hqEditor)
            var orphans = try await cr.adoptions(tenant: "cr", orphaned: true)
            #expect(orphans.map(\.orphanReason) == ["upstream is in the trash"])
            _ = try await hqStore.restore(id: world.published.id, tenant: "hq", author: hqEditor)
            #expect(try await cr.adoptions(tenant: "cr", orphaned: true).isEmpty)
            let (adminStore, _, hqAdmin) = try await world.desk("hq_admin")
            _ = try await adminStore.delete(id: world.published.id, tenant: "hq", author: hqAdmin)
            try await adminStore.purge(id: world.published.id, tenant: "hq", author: hqAdmin)
            orphans = try await cr.adoptions(tenant: "cr", orphaned: true)
            #expect(orphans.map(\.orphanReason) == ["upstream was purged"])
            #expect(try await crStore.item(id: local.id, tenant: "cr").title == "Evacuation drills")
        }
    }

    @Test func aTenantThatReviewsInheritedChangesKeepsItsPublishedAdoptionsUntilAnEditorTakesThem() async throws {
        try await withWorld { world in
            let (hqStore, hq, hqEditor) = try await world.desk("hq_editor")
            let (crStore, cr, _) = try await world.desk("cr_editor")
            _ = try await hq.offer(type: "note", items: [], to: ["cr"], tenant: "hq")
            let published = try await cr.adopt(world.published.id, from: "hq", slug: "published", tenant: "cr")
            let owner = try await world.database.connect()
            try await owner.run { try TenantDirectory().configure("cr", .inheritedChanges, to: "review", on: $0) }
            try await owner.execute("update items set status = 'published' where id = \(published.id)")
            await owner.close()
            _ = try await hqStore.update(
                id: world.published.id,
                tenant: "hq",
                expectedVersion: world.published.version,
                changes: ItemChanges(title: "Evacuation drills, revised"),
                author: hqEditor,
                message: nil
            )
            #expect(try await crStore.item(id: published.id, tenant: "cr").title == "Evacuation drills")
            let waiting = try #require(try await cr.adoptions(tenant: "cr", orphaned: false).first)
            #expect(waiting.overridden.isEmpty)
            #expect(
                waiting.outdated == [
                    AdoptionChange(
                        field: "title",
                        taken: .text("Evacuation drills"),
                        upstream: .text("Evacuation drills, revised")
                    )
                ]
            )
            let taken = try await cr.resolve(published.id, take: ["title"], keep: [], resets: false, tenant: "cr")
            #expect(taken.title == "Evacuation drills, revised" && taken.status == "published")
            #expect(try await cr.adoptions(tenant: "cr", orphaned: false).first?.outdated.isEmpty == true)
            let invalid = try await world.database.connect()
            await expectRefusal {
                try await invalid.run { try TenantDirectory().configure("cr", .inheritedChanges, to: "later", on: $0) }
            }
            await invalid.close()
        }
    }

    private func expectRefusal(_ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected a refusal")
        } catch {}
    }
}
