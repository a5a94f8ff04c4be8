import Foundation
import Kernel
import MicicTesting
import Postgres
import Registration
import Store
import Translations
import TranslationsStore

/// The content of one tenant: originals in each state of the editorial workflow, a
/// translation with its job, private fields, an import job.
struct TenantContent: Sendable {
    /// The tenant's row id.
    let id: Int64
    let code: String
    /// An original draft, with a private field.
    let draft: Int64
    let inReview: Int64
    let approved: Int64
    /// A published original, with a private field; `translation` translates it.
    let published: Int64
    /// The Spanish translation of `published` (status draft), its title written.
    let translation: Int64
    /// The translation's job: in progress, for `ta` assigned to its translator and reviewer.
    let job: Int64
}

/// Two tenants with content (`ta` and `tb`), an archived one (`tc`) with a published item,
/// and every kind of attacker: the members of `ta` in each role, a person of no tenant, a
/// platform administrator, the public reader's login. `memberOfB` edits in `tb`.
///
/// Everything is made through the Store by the owner, as the other tests make their data.
struct World: Sendable {
    let database: TestDatabase
    /// A connection as the owner (the test server's superuser, who ran the migrations).
    let owner: Connection
    /// The owner's role name.
    let ownerName: String
    let names: [Attacker: String]
    let memberOfB: String
    let a: TenantContent
    let b: TenantContent

    /// The attacker's role name.
    func name(_ attacker: Attacker) -> String { names[attacker]! }

    /// A new connection as `attacker`.
    func connect(_ attacker: Attacker) async throws -> Connection {
        try await database.connect(as: name(attacker))
    }

    /// Runs `body` with a new connection as each of `attackers` in turn, closed afterwards.
    func each(_ attackers: [Attacker], _ body: (Attacker, Connection) async throws -> Void) async throws {
        for attacker in attackers {
            let connection = try await connect(attacker)
            do {
                try await body(attacker, connection)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
        }
    }

    /// The first column of the first row of `query`, as the owner reads it.
    func ownerText(_ query: Query) async throws -> String? {
        try await owner.query(query).first?.text(at: 0)
    }

    /// Runs `body` with a new world, dropped afterwards.
    static func with(_ body: (World) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Note.registry) { database in
            let owner = try await database.connect()
            let store = Platform.store(on: owner, registry: Note.registry)
            try await owner.run { connection in
                for code in ["ta", "tb", "tc"] {
                    let tenant = Tenant(
                        code: code,
                        name: "Tenant \(code)",
                        defaultLanguage: "en",
                        languages: ["en", "es", "fr"]
                    )
                    try TenantDirectory().create(tenant, on: connection)
                }
            }
            var names: [Attacker: String] = [:]
            for attacker in Attacker.people {
                let name = try await database.createPerson(
                    attacker.rawValue,
                    platformAdmin: attacker == .platformAdmin
                )
                if let role = attacker.role {
                    try await owner.execute(
                        "select micic_set_membership('ta', \(name), \(role.rawValue), \(attacker.languages))"
                    )
                }
                names[attacker] = name
            }
            let memberOfB = try await database.createPerson("member_b")
            try await owner.execute("select micic_set_membership('tb', \(memberOfB), 'editor', '{es}')")
            let reader = database.name + "_" + Attacker.reader.rawValue
            try await owner.execute("create role \(identifier: reader) login in role micic_public")
            await database.adopt(person: reader)
            names[.reader] = reader

            let a = try await make(
                "ta",
                translator: names[.translator],
                reviewer: names[.reviewer],
                store: store
            )
            let b = try await make("tb", translator: nil, reviewer: nil, store: store)
            // What only a public reader who forged the tenants' archive dates would read.
            _ = try await store.create(
                Note.draft(slug: "archived-note"),
                tenant: "tc",
                author: "seed",
                taking: Note.steps(3)
            )
            try await owner.run { connection in
                try TenantDirectory().archive("tc", on: connection)
                try connection.execute(
                    """
                    insert into import_jobs (tenant_id, item_type, file, file_size, file_checksum, format, key, on_error,
                                             batch_size)
                    select id, 'note', code || '.csv', 10, 'checksum', 'csv', 'slug', 'stop', 100 from tenants
                    """
                )
            }
            let ownerName = try await owner.query("select current_user::text")[0].decode(String.self, at: 0)
            let world = World(
                database: database,
                owner: owner,
                ownerName: ownerName,
                names: names,
                memberOfB: memberOfB,
                a: a,
                b: b
            )
            do {
                try await body(world)
            } catch {
                await owner.close()
                throw error
            }
            await owner.close()
        }
    }

    /// Makes the content of tenant `code`: an original in each state and a translation of
    /// the published one, whose job is in progress.
    private static func make(
        _ code: String,
        translator: String?,
        reviewer: String?,
        store: PostgresContentStore
    ) async throws -> TenantContent {
        let draft = try await store.create(
            Note.draft(slug: "draft-note", contact: "draft@\(code).example.org"),
            tenant: code,
            author: "seed",
            taking: Note.steps(0)
        )
        let inReview = try await store.create(
            Note.draft(slug: "review-note"),
            tenant: code,
            author: "seed",
            taking: Note.steps(1)
        )
        let approved = try await store.create(
            Note.draft(slug: "approved-note"),
            tenant: code,
            author: "seed",
            taking: Note.steps(2)
        )
        let published = try await store.create(
            Note.draft(slug: "published-note", contact: "published@\(code).example.org"),
            tenant: code,
            author: "seed",
            taking: Note.steps(3)
        )
        let desk = PostgresTranslationDesk(store: store)
        let jobs = try await desk.request(
            TranslationRequest(sourceID: published.id, languages: ["es"], translator: translator, reviewer: reviewer),
            tenant: code,
            author: "seed"
        )
        let job = jobs[0]
        let target = try await store.item(id: job.targetID, tenant: code)
        // The owner writes it as an admin does, which starts the job.
        _ = try await store.update(
            id: target.id,
            tenant: code,
            expectedVersion: target.version,
            changes: ItemChanges(title: "Nota publicada de \(code)", set: ["summary": .text("Un resumen.")]),
            author: "seed",
            message: nil
        )
        let tenant = try await store.connection.query("select id from tenants where code = \(code)")[0].decode(
            Int64.self,
            at: 0
        )
        return TenantContent(
            id: tenant,
            code: code,
            draft: draft.id,
            inReview: inReview.id,
            approved: approved.id,
            published: published.id,
            translation: target.id,
            job: job.id
        )
    }
}

/// The one content type of the attacks: a translatable summary, a shared region, a private
/// contact.
enum Note {
    static let type = ContentType(
        name: "note",
        plural: "notes",
        label: "Note",
        fields: [
            FieldSpec("summary", .markdown(maxLength: 500)),
            FieldSpec(
                "region",
                .choice(
                    Vocabulary(
                        name: "region",
                        terms: [Term(code: "north", label: "North"), Term(code: "south", label: "South")]
                    )
                ),
                shared: true
            ),
            FieldSpec("contact", .email, isPrivate: true),
        ]
    )

    struct Plugin: Kernel.Plugin {
        var name: String { "notes" }
        var contentTypes: [ContentType] { [Note.type] }
    }

    static let registry = try! PluginRegistry([Plugin()])

    /// The first `count` transitions of the editorial workflow: submit, approve, publish.
    static func steps(_ count: Int) -> [String] { Array(["submit", "approve", "publish"].prefix(count)) }

    /// A note in English with a summary and a region, and `contact` when given.
    static func draft(slug: String, contact: String? = nil) -> ItemDraft {
        var fields: [String: FieldValue] = ["summary": .text("About \(slug)."), "region": .text("north")]
        if let contact { fields["contact"] = .text(contact) }
        return ItemDraft(type: "note", title: "Note \(slug)", language: "en", slug: slug, fields: fields)
    }
}
