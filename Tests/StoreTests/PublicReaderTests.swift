import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// The public reader (`micic_public`): row-level security lets its members read published,
/// live items within their schedule of tenants that are not archived, and nothing else,
/// whatever SQL they send.
@Suite struct PublicReaderTests {
    /// A tenant with an item in every state, a translation, an archived tenant with a
    /// published item, and a public reader's login role.
    struct World {
        let database: TestDatabase
        let reader: String
        /// Slug of each item by what it shows.
        static let visible = ["public-note", "spanish-only"]
    }

    private func withWorld(_ body: (World) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let owner = try await database.connect()
            let store = PostgresContentStore(connection: owner, registry: Fixtures.registry)
            try await owner.run { connection in
                for tenant in Fixtures.tenants where !tenant.isArchived {
                    try TenantDirectory().create(tenant, on: connection)
                }
                try TenantDirectory().create(
                    Tenant(code: "gone", name: "Closed office", defaultLanguage: "en", languages: ["en"]),
                    on: connection
                )
            }
            func make(
                _ slug: String,
                tenant: String = "cr",
                language: String = "es",
                steps: [String] = ["submit", "approve", "publish"],
                translationOf: Int64? = nil
            ) async throws -> Item {
                var draft = ItemDraft(
                    type: "note",
                    title: "Note \(slug)",
                    language: language,
                    slug: slug,
                    fields: [
                        "summary": .text("Albergues y evacuaciones: \(slug)"), "phases": .list([.text("preparedness")]),
                        "contact": .text("secret-\(slug)@example.org"),
                    ]
                )
                draft.translationOf = translationOf
                var item = try await store.create(draft, tenant: tenant, author: "seed", message: nil)
                for step in steps {
                    item = try await store.transition(
                        id: item.id,
                        tenant: tenant,
                        name: step,
                        expectedVersion: item.version,
                        author: "seed",
                        comment: nil
                    )
                }
                return item
            }
            let original = try await make("public-note")
            _ = try await make("public-note", language: "en", translationOf: original.id)
            _ = try await make("spanish-only")
            _ = try await make("draft-note", steps: [])
            _ = try await make("approved-note", steps: ["submit", "approve"])
            _ = try await make("archived-note", steps: ["submit", "approve", "publish", "archive"])
            let trashed = try await make("trashed-note")
            _ = try await store.delete(id: trashed.id, tenant: "cr", author: "seed")
            let scheduled = try await make("scheduled-note", steps: ["submit", "approve"])
            _ = try await store.transition(
                id: scheduled.id,
                tenant: "cr",
                name: "publish",
                expectedVersion: scheduled.version,
                author: "seed",
                comment: nil,
                at: Date().addingTimeInterval(3600)
            )
            let expired = try await make("expired-note")
            try await owner.execute(
                """
                update items set publish_at = now() - interval '2 hours', unpublish_at = now() - interval '1 hour'
                where id = \(expired.id)
                """
            )
            _ = try await make("closed-office-note", tenant: "gone", language: "en")
            try await owner.execute("update tenants set archived_at = now() where code = 'gone'")
            let reader = database.name + "_web"
            try await owner.execute("create role \(identifier: reader) login in role micic_public")
            await database.adopt(person: reader)
            await owner.close()
            try await body(World(database: database, reader: reader))
        }
    }

    @Test func aPublicReaderSeesOnlyPublishedLiveItemsOfOpenTenantsWhateverItAsks() async throws {
        try await withWorld { world in
            let web = try await world.database.connect(as: world.reader)
            let slugs = try await web.query("select distinct slug from items order by slug").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(slugs == World.visible)
            let languages = try await web.query("select language from items where slug = 'public-note' order by 1")
                .map { try $0.decode(String.self, at: 0) }
            #expect(languages == ["en", "es"])
            for condition: Query in [
                "status <> 'published'", "deleted_at is not null", "publish_at > now()", "unpublish_at <= now()",
                "tenant_id = (select id from tenants where code = 'gone')",
            ] {
                let count = try await web.query("select count(*) from items where " + condition)[0].decode(
                    Int.self,
                    at: 0
                )
                #expect(count == 0, "\(condition)")
            }
            let tenants = try await web.query("select code from tenants order by code").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(tenants == ["cr", "hq"])
            // Switching to the group role changes nothing: policies key on the login role.
            try await web.execute("set role micic_public")
            #expect(
                try await web.query("select count(*) from items where status <> 'published'")[0].decode(Int.self, at: 0)
                    == 0
            )
            try await web.execute("reset role")
            for statement: Query in [
                "select * from items", "select author from items", "select * from item_private_fields",
                "select * from item_revisions", "select * from audit_log", "select * from workflow_events",
                "select * from memberships", "select * from principals", "select * from translation_jobs",
                "select * from import_jobs", "select * from micic_migrations", "select * from workflow_transitions",
                "select * from tenants", "update items set title = 'defaced'", "delete from items",
                "insert into items (tenant_id, type, language, slug, title, status, author) select tenant_id, type, 'fr', 'planted', 'x', 'published', 'x' from items limit 1",
                "update tenants set name = 'x'", "select micic_create_person('intruder', 'x')",
            ] {
                let refused = await #expect(throws: PostgresError.self, "\(statement)") {
                    try await web.execute(statement)
                }
                #expect(refused?.sqlState == .insufficientPrivilege, "\(statement)")
            }
            // Private fields never reach what it may read.
            let texts = try await web.query("select fields::text || search::text from items").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(!texts.contains { $0.contains("secret") })
            let next = try await web.query(
                "select micic_public_next_change(id) from tenants where code = 'cr'"
            )[0].decode(Date?.self, at: 0)
            let hour = Date().addingTimeInterval(3600)
            #expect(next.map { abs($0.timeIntervalSince(hour)) < 60 } == true)
            await web.close()
        }
    }

    @Test func theReaderFallsBackThroughLanguagesAndCountsOnlyWhatIsPublic() async throws {
        try await withWorld { world in
            let web = try await world.database.connect(as: world.reader)
            let reader = PublicReader(registry: Fixtures.registry)
            try await web.run { connection in
                #expect(try reader.refusal(on: connection) == nil)
                #expect(try reader.tenant("gone", on: connection) == nil)
                #expect(try reader.tenant("nowhere", on: connection) == nil)
                let tenant = try #require(try reader.tenant("cr", on: connection))
                #expect(tenant.tenant.defaultLanguage == "es")
                #expect(tenant.nextChange != nil)

                var query = ItemQuery(type: "note", limit: 1)
                query.fallbackLanguages = ["en", "es"]
                let first = try reader.list(query, tenant: tenant, on: connection)
                #expect(first.items.count == 1)
                query.after = first.next
                let second = try reader.list(query, tenant: tenant, on: connection)
                #expect(second.next == nil)
                let served = Dictionary(uniqueKeysWithValues: (first.items + second.items).map { ($0.slug, $0) })
                #expect(served["public-note"]?.language == "en")
                #expect(served["spanish-only"]?.language == "es")
                #expect(served.values.allSatisfy { $0.fields["contact"] == nil && $0.author.isEmpty })
                // The public is served every field: they are parsed as the rows arrive.
                #expect(served.values.allSatisfy { !$0.keepsFieldsAsText })

                let facets = try reader.facetCounts(query, facets: ["phase"], tenant: tenant, on: connection)
                #expect(facets == [FacetCount(facet: "phase", value: "preparedness", count: 2)])

                let english = try reader.item(
                    slug: "spanish-only",
                    type: "note",
                    languages: ["en", "es"],
                    tenant: tenant,
                    on: connection
                )
                #expect(english?.language == "es")
                let translated = try reader.item(
                    slug: "public-note",
                    type: "note",
                    languages: ["en-GB", "en", "es"],
                    tenant: tenant,
                    on: connection
                )
                #expect(translated?.language == "en")
                for hidden in ["draft-note", "approved-note", "archived-note", "trashed-note", "scheduled-note"] {
                    let item = try reader.item(
                        slug: hidden,
                        type: "note",
                        languages: ["es", "en"],
                        tenant: tenant,
                        on: connection
                    )
                    #expect(item == nil, "\(hidden)")
                }

                let search = SearchQuery(text: "albergues", language: "es", limit: 20)
                let hits = try reader.search(search, tenant: tenant, on: connection).hits.map(\.item.slug)
                #expect(Set(hits) == ["public-note", "spanish-only"])
                let counts = try reader.facetCounts(search, facets: ["type"], tenant: tenant, on: connection)
                #expect(counts == [FacetCount(facet: "type", value: "note", count: 2)])
            }
            await web.close()
        }
    }

    @Test func onlyAPublicReaderMayReadAsThePublic() async throws {
        try await withWorld { world in
            let reader = PublicReader(registry: Fixtures.registry)
            let owner = try await world.database.connect()
            #expect(
                try await owner.run { try reader.refusal(on: $0) }?.contains("exempt from row-level security") == true
            )
            await owner.close()
            let person = try await world.database.createPerson("editor")
            let connection = try await world.database.connect(as: person)
            #expect(try await connection.run { try reader.refusal(on: $0) }?.contains("is a person") == true)
            await connection.close()
        }
    }
}
