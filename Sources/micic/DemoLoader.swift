import DemoContent
import Kernel
import Postgres
import Store
import Translations
import TranslationsStore

/// Loads the demonstration tenants and content; running it again changes nothing.
struct DemoLoader {
    let registry: PluginRegistry

    /// What a load did.
    struct Summary {
        var tenantsCreated = 0
        var peopleCreated = 0
        var itemsCreated = 0
        var itemsPresent = 0
        var translationsRequested = 0
    }

    func load(on connection: Connection) async throws -> Summary {
        let store = PostgresContentStore(connection: connection, registry: registry)
        // The audit log records who loaded it: the person connected.
        let author = await connection.user
        return try await connection.run { connection in
            try connection.withTransaction { connection in
                var summary = Summary()
                for tenant in DemoContent.tenants where try TenantDirectory().create(tenant, on: connection) {
                    summary.tenantsCreated += 1
                }
                for person in DemoContent.people {
                    if try self.ensure(person, on: connection) { summary.peopleCreated += 1 }
                }
                for demo in DemoContent.items {
                    var draft = demo.draft
                    draft.status = demo.published ? try store.rules.type(draft.type).workflow.publishedState : nil
                    let language = try draft.language ?? store.tenant(demo.tenant, on: connection).defaultLanguage
                    let slug = Slug.make(from: draft.title)
                    let existing = try store.item(
                        slug: slug,
                        type: draft.type,
                        language: language,
                        tenant: demo.tenant,
                        on: connection
                    )
                    if existing != nil {
                        summary.itemsPresent += 1
                        continue
                    }
                    _ = try store.create(
                        draft,
                        tenant: demo.tenant,
                        author: author,
                        message: "demo content",
                        on: connection
                    )
                    summary.itemsCreated += 1
                }
                let adoptions = PostgresAdoptionDesk(store: store)
                for offer in DemoContent.offers {
                    _ = try adoptions.offer(type: offer.type, items: [], to: [], tenant: offer.tenant, on: connection)
                }
                summary.translationsRequested = try self.requestTranslations(
                    store: store,
                    author: author,
                    on: connection
                )
                return summary
            }
        }
    }

    /// Requests the demonstration translations not requested yet.
    /// - Returns: how many jobs were made.
    private func requestTranslations(
        store: PostgresContentStore,
        author: String,
        on connection: isolated Connection
    ) throws -> Int {
        let desk = PostgresTranslationDesk(store: store)
        var made = 0
        for demo in DemoContent.translations {
            let language = try store.tenant(demo.tenant, on: connection).defaultLanguage
            guard
                let source = try store.item(
                    slug: Slug.make(from: demo.title),
                    type: demo.type,
                    language: language,
                    tenant: demo.tenant,
                    on: connection
                )
            else { continue }
            let requested = try desk.jobs(TranslationJobQuery(sourceID: source.id), tenant: demo.tenant, on: connection)
            let missing = demo.languages.filter { language in !requested.contains { $0.language == language } }
            guard !missing.isEmpty else { continue }
            let request = TranslationRequest(
                sourceID: source.id,
                languages: missing,
                translator: demo.translator,
                reviewer: demo.reviewer,
                due: demo.due
            )
            made += try desk.request(request, tenant: demo.tenant, author: author, on: connection).count
        }
        return made
    }

    /// Creates a demonstration person and their membership unless they exist. A role of
    /// that name left by another database of the same server is adopted rather than made.
    /// - Returns: whether anything was created.
    private func ensure(_ person: DemoPerson, on connection: isolated Connection) throws -> Bool {
        let people = PeopleDirectory()
        guard try !people.exists(person.name, on: connection) else { return false }
        if try people.roleExists(person.name, on: connection) {
            try people.adopt(person.name, displayName: person.displayName, on: connection)
        } else {
            do {
                try connection.withTransaction { connection in
                    try PeopleDirectory().create(
                        person.name,
                        password: person.name,
                        displayName: person.displayName,
                        on: connection
                    )
                }
            } catch let error as PostgresError
                where error.sqlState == .duplicateObject || error.sqlState == .uniqueViolation
            {
                // Another database of the same server made the role at the same moment.
                try people.adopt(person.name, displayName: person.displayName, on: connection)
            }
        }
        try PeopleDirectory().grant(
            person.name,
            role: person.role,
            tenant: person.tenant,
            languages: person.languages,
            on: connection
        )
        return true
    }
}
