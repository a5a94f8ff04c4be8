import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// Full-text search: ranking, web syntax, filters, facets and paging against both stores;
/// stemming, stop words, the index and tenant isolation against PostgreSQL.
@Suite struct SearchTests {
    private func withCorpus(
        _ kind: Fixtures.StoreKind,
        _ body: (any ContentStore, [String: Int64]) async throws -> Void
    ) async throws {
        try await Fixtures.withStore(kind, registry: SearchFixtures.registry) { store in
            try await body(store, try await SearchFixtures.load(into: store))
        }
    }

    private func titles(_ store: any ContentStore, _ query: SearchQuery) async throws -> [String] {
        try await store.search(query, tenant: "cr").hits.map(\.item.title)
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func aTitleMatchRanksAboveABodyMatch(kind: Fixtures.StoreKind) async throws {
        try await withCorpus(kind) { store, _ in
            let page = try await store.search(SearchQuery(text: "evacuation", language: "en"), tenant: "cr")
            #expect(page.hits.map(\.item.title) == ["Evacuation drills for migrant workers", "Consular hotline"])
            #expect(page.hits[0].rank > page.hits[1].rank)
            #expect(page.next == nil)
            // The body's snippet marks the match.
            #expect(page.hits[1].snippet.matches.map { $0.lowercased() } == ["evacuation"])
            #expect(page.hits[1].snippet.text(open: "**", close: "**").contains("the **evacuation** of stranded"))
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func webSyntaxHasPhrasesExclusionsAndOr(kind: Fixtures.StoreKind) async throws {
        try await withCorpus(kind) { store, _ in
            var found: [String: Set<String>] = [:]
            for text in [
                "\"stranded nationals\"", "\"nationals stranded\"", "flood", "flood -radio -meeting",
                "hotline or shelters", "flood hotline or doors",
            ] {
                found[text] = Set(try await titles(store, SearchQuery(text: text)))
            }
            #expect(found["\"stranded nationals\""] == ["Consular hotline"])
            #expect(found["\"nationals stranded\""] == [])
            #expect(
                found["flood"] == ["Shelter access", "Early warning by radio", "Coordination meeting on the flood"]
            )
            #expect(found["flood -radio -meeting"] == ["Shelter access"])
            #expect(found["hotline or shelters"] == ["Consular hotline", "Shelter access"])
            // Every word must match: "or" binds only its neighbours.
            #expect(found["flood hotline or doors"] == ["Shelter access"])
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func typesLanguagesStatesAndFacetsNarrowTheResults(kind: Fixtures.StoreKind) async throws {
        try await withCorpus(kind) { store, _ in
            let meetings = try await titles(store, SearchQuery(text: "flood", types: ["meeting"]))
            #expect(meetings == ["Coordination meeting on the flood"])
            // One facet covers the articles' countries and the meetings' country.
            let inPhilippines = try await titles(
                store,
                SearchQuery(text: "flood", filters: [FacetFilter("country", [.text("PH")])])
            )
            #expect(Set(inPhilippines) == ["Shelter access", "Coordination meeting on the flood"])
            let narrowed = try await titles(
                store,
                SearchQuery(
                    text: "flood",
                    filters: [
                        FacetFilter("country", [.text("PH"), .text("global")]),
                        FacetFilter("phase", [.text("preparedness")]),
                    ]
                )
            )
            #expect(narrowed == ["Early warning by radio"])
            let published = try await titles(store, SearchQuery(text: "flood", statuses: ["published"]))
            #expect(published.isEmpty)
            let spanish = try await titles(store, SearchQuery(text: "flood", language: "es"))
            #expect(spanish.isEmpty)
            let unknown = await #expect(throws: ValidationError.self) {
                try await store.search(SearchQuery(text: "flood", filters: [FacetFilter("colour", [])]), tenant: "cr")
            }
            #expect(unknown?.issues.first?.message.contains("is not a facet") == true)
            await #expect(throws: ValidationError.self) {
                try await store.search(SearchQuery(text: "  "), tenant: "cr")
            }
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func facetCountsCoverEveryMatch(kind: Fixtures.StoreKind) async throws {
        try await withCorpus(kind) { store, _ in
            let query = SearchQuery(text: "flood or evacuation", language: "en", limit: 1)
            let counts = try await store.facetCounts(query, facets: SearchQuery.repositoryFacets, tenant: "cr")
            func count(_ facet: String) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: counts.filter { $0.facet == facet }.map { ($0.value, $0.count) })
            }
            #expect(count("type") == ["article": 4, "meeting": 1])
            #expect(count("phase") == ["preparedness": 2, "emergency_response": 2])
            #expect(count("crisis-type") == ["natural_disaster": 3, "conflict": 1])
            #expect(count("country") == ["CR": 2, "PH": 3, "global": 1])
            #expect(count("guideline") == ["13": 2, "9": 1, "11": 1, "1": 1])
            // In the order asked for, most frequent first.
            #expect(counts.map(\.facet).first == "type")
            #expect(counts.filter { $0.facet == "country" }.map(\.value) == ["PH", "CR", "global"])
            let narrowed = try await store.facetCounts(
                SearchQuery(text: "flood", filters: [FacetFilter("country", [.text("PH")])]),
                facets: ["type", "country"],
                tenant: "cr"
            )
            #expect(
                narrowed == [
                    FacetCount(facet: "type", value: "article", count: 1),
                    FacetCount(facet: "type", value: "meeting", count: 1),
                    FacetCount(facet: "country", value: "PH", count: 2),
                    FacetCount(facet: "country", value: "CR", count: 1),
                ]
            )
        }
    }

    /// A type whose two fields share the `country` facet.
    private struct TravelPlugin: Plugin {
        var name: String { "travel" }
        var contentTypes: [ContentType] {
            [
                ContentType(
                    name: "trip",
                    plural: "trips",
                    label: "Trip",
                    fields: [
                        FieldSpec("from", .country, filter: "country"),
                        FieldSpec("to", .list(.country), filter: "country"),
                    ]
                )
            ]
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func anItemCountsOnceForAValueOfTwoOfItsFields(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind, registry: try PluginRegistry([TravelPlugin()])) { store in
            let fields: [String: FieldValue] = ["from": .text("CR"), "to": .list([.text("CR"), .text("PA")])]
            let trip = ItemDraft(type: "trip", title: "Round trip", language: "en", fields: fields)
            _ = try await store.create(trip, tenant: "cr", author: "ana", message: nil)
            let counts = try await store.facetCounts(SearchQuery(text: "trip"), facets: ["country"], tenant: "cr")
            #expect(
                counts == [
                    FacetCount(facet: "country", value: "CR", count: 1),
                    FacetCount(facet: "country", value: "PA", count: 1),
                ]
            )
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func pagesFollowTheRankingAndTheVectorFollowsEachChange(kind: Fixtures.StoreKind) async throws {
        try await withCorpus(kind) { store, ids in
            var query = SearchQuery(text: "flood", limit: 2)
            let first = try await store.search(query, tenant: "cr")
            #expect(first.hits.count == 2)
            query.offset = try #require(first.next)
            let second = try await store.search(query, tenant: "cr")
            #expect(second.hits.count == 1)
            #expect(second.next == nil)
            #expect(Set((first.hits + second.hits).map(\.item.id)).count == 3)

            let shelter = try #require(ids["Shelter access"])
            _ = try await store.update(
                id: shelter,
                tenant: "cr",
                expectedVersion: 1,
                changes: ItemChanges(title: "Typhoon shelters", set: ["body": .text("Open to everyone.")]),
                author: "ana",
                message: nil
            )
            let renamed = try await titles(store, SearchQuery(text: "typhoon"))
            #expect(renamed == ["Typhoon shelters"])
            let old = try await titles(store, SearchQuery(text: "flood"))
            #expect(!old.contains("Typhoon shelters"))
            _ = try await store.delete(id: shelter, tenant: "cr", author: "ana")
            let trashed = try await titles(store, SearchQuery(text: "typhoon"))
            #expect(trashed.isEmpty)
        }
    }

    @Test func eachLanguageIsStemmedWithItsOwnConfiguration() async throws {
        try await withCorpus(.postgres) { store, _ in
            // Spanish inflections: the title says "migrante", the body "migrantes".
            let spanish = try await titles(store, SearchQuery(text: "migrantes", language: "es"))
            #expect(spanish == ["Apoyo a la persona migrante"])
            let plural = try await titles(store, SearchQuery(text: "evacuaciones", language: "es"))
            #expect(plural == ["Apoyo a la persona migrante"])
            // Searching every language, each hit's snippet is read in its own language too.
            let everywhere = try await store.search(SearchQuery(text: "evacuaciones"), tenant: "cr").hits
            let spanishHit = try #require(everywhere.first { $0.item.language == "es" })
            #expect(spanishHit.snippet.matches == ["evacuación"])
            // English inflections: "drill" finds "drills", "practise" finds "practised".
            let english = try await titles(store, SearchQuery(text: "drill practise"))
            #expect(english == ["Evacuation drills for migrant workers"])
            // "para" is a Spanish stop word: the Spanish article says it, but only the English
            // one, where it is a word, is found.
            let para = try await titles(store, SearchQuery(text: "para"))
            #expect(para == ["Para rescue team"])
            let paraInSpanish = try await titles(store, SearchQuery(text: "para", language: "es"))
            #expect(paraInSpanish.isEmpty)
            // English stop words find nothing.
            let stopWord = try await titles(store, SearchQuery(text: "the", language: "en"))
            #expect(stopWord.isEmpty)
        }
    }

    @Test func theSearchStatementUsesTheIndex() async throws {
        try await TestDatabase.with(defining: SearchFixtures.registry) { database in
            let connection = try await database.connect()
            let store = PostgresContentStore(connection: connection, registry: SearchFixtures.registry)
            let plans = try await connection.run { connection in
                try TenantDirectory().create(Fixtures.tenants[0], on: connection)
                // Enough rows that reading the tenant's items one by one costs more than the index.
                try connection.execute(
                    """
                    insert into items (tenant_id, type, language, slug, title, status, fields, author)
                    select t.id, 'article', case when g % 3 = 0 then 'es' else 'en' end, 'note-' || g, 'Note ' || g,
                           'draft', jsonb_build_object('body', 'Words of note ' || g), 'seed'
                    from tenants t, generate_series(1, 3000) as g where t.code = 'cr'
                    """
                )
                try connection.execute("analyze items")
                return try [SearchQuery(text: "flood", language: "en"), SearchQuery(text: "flood or storm -drill")].map
                {
                    query in
                    let statement = try store.searchStatement(query, tenant: "cr", on: connection)
                    return try connection.query(Query(unsafeSQL: "explain ") + statement).map {
                        try $0.decode(String.self, at: 0)
                    }.joined(separator: "\n")
                }
            }
            for plan in plans { #expect(plan.contains("Bitmap Index Scan on items_search_idx"), "\(plan)") }
            await connection.close()
        }
    }

    @Test func anotherTenantsItemsAreNeverFound() async throws {
        try await TestDatabase.with(defining: SearchFixtures.registry) { database in
            let owner = try await database.connect()
            let store = PostgresContentStore(connection: owner, registry: SearchFixtures.registry)
            for (code, title) in [("ta", "Secret plan of A"), ("tb", "Secret plan of B")] {
                try await owner.run { connection in
                    try TenantDirectory().create(
                        Tenant(code: code, name: code, defaultLanguage: "en", languages: ["en"]),
                        on: connection
                    )
                }
                _ = try await store.create(
                    SearchFixtures.article(title, body: "secret"),
                    tenant: code,
                    author: "seed",
                    message: nil
                )
            }
            let person = try await database.createPerson("reader")
            try await owner.execute("select micic_set_membership('ta', \(person), 'viewer', '{}')")
            await owner.close()

            let connection = try await database.connect(as: person)
            let mine = PostgresContentStore(connection: connection, registry: SearchFixtures.registry)
            let found = try await mine.search(SearchQuery(text: "secret"), tenant: "ta")
            #expect(found.hits.map(\.item.title) == ["Secret plan of A"])
            let counts = try await mine.facetCounts(SearchQuery(text: "secret"), facets: ["type"], tenant: "ta")
            #expect(counts == [FacetCount(facet: "type", value: "article", count: 1)])
            let other = await #expect(throws: ContentError.self) {
                try await mine.search(SearchQuery(text: "secret"), tenant: "tb")
            }
            #expect(other?.code == .unknownTenant)
            // Even the vectors themselves: row-level security hides the other tenant's rows.
            let visible = try await connection.query(
                "select count(*) from items where search @@ websearch_to_tsquery('english', 'secret')"
            )[0].decode(Int.self, at: 0)
            #expect(visible == 1)
            await connection.close()
        }
    }
}
