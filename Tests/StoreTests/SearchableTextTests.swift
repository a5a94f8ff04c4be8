import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// How much of an item's long texts a search reads: one length for each text, the same in the
/// Kernel (``SearchableText``, behind the memory store) and in the database
/// (`micic_searchable_length`, behind the search vector and the snippets).
@Suite struct SearchableTextTests {
    @Test func theDatabaseReadsAsMuchOfEachTextAsTheKernel() async throws {
        try await TestDatabase.with(defining: SearchFixtures.registry) { database in
            let connection = try await database.connect()
            let lengths = try await connection.run { connection in
                try ["summary", "body", "title"].map { field in
                    try connection.query("select micic_searchable_length(\(field))")[0].decode(Int?.self, at: 0)
                }
            }
            #expect(lengths == ["summary", "body", "title"].map(SearchableText.length(of:)))
            await connection.close()
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func aWordJustPastTheSearchedLengthIsFoundByNeitherStore(kind: Fixtures.StoreKind) async throws {
        let limit = SearchableText.bodyLength
        // "zebra" ends at the limit, "giraffe" starts just after it.
        let filler = String(repeating: "x", count: limit - " zebra".count)
        let body = filler + " zebra giraffe"
        #expect(body.unicodeScalars.count == limit + " giraffe".count)
        try await Fixtures.withStore(kind, registry: SearchFixtures.registry) { store in
            let long = SearchFixtures.article("Long", body: body)
            _ = try await store.create(long, tenant: "cr", author: "ana", message: nil)
            let found = { (word: String) in
                try await store.search(SearchQuery(text: word, language: "en"), tenant: "cr").hits.map(\.item.title)
            }
            #expect(try await found("zebra") == ["Long"])
            #expect(try await found("giraffe").isEmpty)
            // A word found is a word its snippet shows.
            let hit = try #require(try await store.search(SearchQuery(text: "zebra"), tenant: "cr").hits.first)
            #expect(hit.snippet.matches.map { $0.lowercased() } == ["zebra"])
        }
    }
}
