import Foundation
import MicicTesting
import Postgres
import Synchronization
import Testing

/// The delivery API through a real HTTP client against `micic serve`, started by each
/// test on a free port over a database with the demonstration content and a few items in
/// every state, read as a member of micic_public.
@Suite struct DeliveryAPITests {
    /// The database and the public reader's login role.
    struct Served {
        let database: TestDatabase
        let reader: String

        /// `micic -c command` as `person` (the test server's superuser by default); its
        /// standard output, trimmed.
        @discardableResult
        func micic(_ command: String, as person: String? = nil) async throws -> String {
            let url = try person.map { try database.url(as: $0) } ?? database.url
            let run = try await ExecutableRun("micic", ["-c", command], environment: ["DATABASE_URL": url])
            #expect(run.status == 0, "\(command): \(run.standardError)")
            return run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Creates a practice in `tenant` and takes it through `steps`; returns its id.
        @discardableResult
        func practice(
            _ title: String,
            slug: String,
            tenant: String = "cr",
            steps: [String] = ["submit", "approve", "publish"],
            contact: String? = nil
        ) async throws -> String {
            let id = try await micic(
                """
                use \(tenant); practice create --title "\(title)" --slug \(slug) --phases preparedness --countries CR \
                --summary "Albergues temporales y refugios: \(title)" \
                \(contact.map { "--submitter-contact \"\($0)\"" } ?? "") --format ids
                """
            )
            for step in steps { try await micic("use \(tenant); practice \(step) \(id)") }
            return id
        }
    }

    /// Runs `body` with the demonstration content, a published practice with a private
    /// contact and an English translation, practices in other states, and the server.
    func withServer(
        arguments: [String] = [],
        _ body: (Served, ServedAPI) async throws -> Void
    ) async throws {
        try await TestDatabase.with { database in
            let load = try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url])
            #expect(load.status == 0, "\(load.standardError)")
            let reader = database.name + "_web"
            let served = Served(database: database, reader: reader)
            try await served.practice(
                "Refugios temporales para migrantes",
                slug: "refugios-temporales",
                contact: "Contacto privado, refugios-privado@example.org"
            )
            try await served.practice(
                "Borrador con contacto",
                slug: "borrador",
                steps: [],
                contact: "borrador@example.org"
            )
            try await served.practice("Aprobado sin publicar", slug: "aprobado", steps: ["submit", "approve"])
            try await served.practice(
                "Archivado",
                slug: "archivado",
                steps: ["submit", "approve", "publish", "archive"],
                contact: "archivado@example.org"
            )
            let trashed = try await served.practice("En la papelera", slug: "papelera", contact: "papelera@example.org")
            try await served.micic("use cr; practice delete \(trashed) --yes")
            let owner = try await database.connect()
            try await owner.execute(
                """
                insert into items (tenant_id, type, language, translation_of, slug, title, status, fields, author)
                select tenant_id, type, 'en', id, slug, 'Temporary shelters for migrants', 'published',
                       fields || '{"summary": "Temporary shelters open to migrants"}', 'seed'
                from items where slug = 'refugios-temporales'
                """
            )
            try await owner.execute("create role \(identifier: reader) login in role micic_public")
            await database.adopt(person: reader)
            await owner.close()
            try await ServedAPI.with(url: try database.url(as: reader), arguments: arguments) { api in
                try await body(served, api)
            }
        }
    }

    @Test func everyRouteAnswersAndStatesTheLanguageItServes() async throws {
        try await withServer { _, api in
            let health = try await api.request("/health")
            #expect(health.status == 200)
            #expect(try health.json["database"] as? String == "ok")
            #expect(health.header("Cache-Control") == "no-store")
            let openAPI = try await api.request("/openapi.json")
            #expect(try openAPI.json["openapi"] as? String == "3.1.0")
            let guidelines = try await api.request("/v1/guidelines")
            #expect(guidelines.header("Content-Language") == "en")
            #expect((try guidelines.json["guidelines"] as? [Any])?.count == 15)
            let tenant = try await api.request("/v1/cr")
            #expect(try tenant.json["languages"] as? [String] == ["es", "en"])

            let list = try await api.request("/v1/cr/practices")
            #expect(list.status == 200)
            #expect(list.header("Content-Type") == "application/json")
            #expect(list.header("Content-Language") == "es")
            #expect(list.header("Vary") == "Accept-Language")
            #expect(try list.json["languages"] as? [String] == ["es"])
            let spanish = try items(list)
            #expect(spanish.map(\.slug).contains("refugios-temporales"))
            #expect(spanish.allSatisfy { $0.language == "es" })

            for english in [
                try await api.request("/v1/cr/practices?lang=en"),
                try await api.request("/v1/cr/practices", headers: ["Accept-Language": "en-US, en;q=0.9, *;q=0.1"]),
            ] {
                #expect(english.header("Content-Language") == "en, es")
                #expect(try english.json["languages"] as? [String] == ["en", "es"])
                let served = try items(english)
                #expect(served.first { $0.slug == "refugios-temporales" }?.language == "en")
                #expect(served.filter { $0.slug == "refugios-temporales" }.count == 1)
                #expect(served.contains { $0.language == "es" })
            }

            let item = try await api.request("/v1/cr/practice/refugios-temporales?lang=en-GB")
            #expect(item.header("Content-Language") == "en")
            #expect(try item.json["language"] as? String == "en")
            #expect(try item.json["title"] as? String == "Temporary shelters for migrants")
            #expect(item.header("ETag")?.hasPrefix("\"") == true)
            #expect(item.header("Last-Modified")?.hasSuffix(" GMT") == true)
            #expect(item.header("Cache-Control") == "public, max-age=5")
            let original = try await api.request("/v1/cr/practices/refugios-temporales")
            #expect(try original.json["language"] as? String == "es")
            #expect(original.header("ETag") != item.header("ETag"))

            let filtered = try await api.request("/v1/cr/practices?country=CR&phase=preparedness&facets=phase,country")
            #expect(try items(filtered).map(\.slug).contains("refugios-temporales"))
            let facets = try #require(try filtered.json["facets"] as? [String: [[String: Any]]])
            #expect(facets["phase"]?.first?["value"] as? String == "preparedness")
            #expect(facets["country"]?.contains { $0["value"] as? String == "CR" } == true)
            #expect(try items(try await api.request("/v1/cr/practices?country=JP")).isEmpty)

            var slugs: [String] = []
            var next: String? = "/v1/cr/practices?limit=1"
            while let page = next {
                let answer = try await api.request(page)
                #expect(answer.status == 200, "\(answer.text)")
                slugs += try items(answer).map(\.slug)
                next = try answer.json["next"] as? String
            }
            #expect(slugs.sorted() == spanish.map(\.slug).sorted())

            let search = try await api.request("/v1/cr/search?q=albergues&facets=type")
            #expect(search.header("Content-Language") == "es")
            let hits = try #require(try search.json["hits"] as? [[String: Any]])
            let hit = try #require(
                hits.first { ($0["item"] as? [String: Any])?["slug"] as? String == "refugios-temporales" }
            )
            let snippet = try #require(hit["snippet"] as? [[String: Any]])
            #expect(snippet.contains { $0["match"] as? Bool == true })
            let english = try await api.request("/v1/cr/search?q=shelters&lang=en")
            #expect(english.header("Content-Language") == "en")
            #expect((try english.json["hits"] as? [Any])?.count == 1)

            let head = try await api.request("/v1/cr/practices", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("ETag") == list.header("ETag"))
        }
    }

    @Test func filtersAndLanguagesAreReadInAnyCase() async throws {
        try await withServer { _, api in
            func slugs(_ path: String) async throws -> [String] {
                let answer = try await api.request(path)
                #expect(answer.status == 200, "\(path): \(answer.text)")
                let items = try #require(try answer.json["items"] as? [[String: Any]])
                return items.compactMap { $0["slug"] as? String }
            }
            let canonical = try await slugs("/v1/cr/practices?country=CR&phase=preparedness&lang=es")
            #expect(canonical.contains("refugios-temporales"))
            #expect(try await slugs("/v1/cr/practices?country=cr&phase=Preparedness&lang=ES") == canonical)
            #expect(try await slugs("/v1/cr/practices?country=%20Cr&phase=PREPAREDNESS") == canonical)
            func hits(_ path: String) async throws -> Int {
                let answer = try await api.request(path)
                #expect(answer.status == 200, "\(path): \(answer.text)")
                return try #require(try answer.json["hits"] as? [Any]).count
            }
            let found = try await hits("/v1/cr/search?q=refugios&country=CR&phase=preparedness")
            #expect(found > 0)
            #expect(try await hits("/v1/cr/search?q=refugios&country=cr&phase=Preparedness") == found)
        }
    }

    @Test func aTranslationIsFoundByItsOwnSlugAndByItsOriginals() async throws {
        try await withServer { served, api in
            try await served.practice("Centros de acogida", slug: "centros-de-acogida")
            let owner = try await served.database.connect()
            try await owner.execute(
                """
                insert into items (tenant_id, type, language, translation_of, slug, title, status, fields, author)
                select tenant_id, type, 'en', id, slug, '', 'draft', fields, 'seed' from items
                where slug = 'centros-de-acogida'
                """
            )
            // The title first set gives the translation its own slug.
            try await owner.execute(
                """
                update items set title = 'Reception centres', status = 'published'
                where translation_of = (select id from items where slug = 'centros-de-acogida' and language = 'es')
                """
            )
            await owner.close()
            for slug in ["reception-centres", "centros-de-acogida"] {
                let answer = try await api.request("/v1/cr/practices/\(slug)?lang=en")
                #expect(answer.status == 200, "\(slug): \(answer.text)")
                #expect(try answer.json["title"] as? String == "Reception centres", "\(answer.text)")
                #expect(try answer.json["slug"] as? String == "reception-centres")
            }
            let spanish = try await api.request("/v1/cr/practices/reception-centres?lang=es")
            #expect(try spanish.json["slug"] as? String == "centros-de-acogida", "\(spanish.text)")
        }
    }

    @Test func anAdoptionNamesItsUpstreamWhichIsCanonicalUntilTheOfficeRewritesIt() async throws {
        try await withServer { served, api in
            // The demonstration's hq offers its practices to every office.
            try await served.practice("Mie drills", slug: "mie-drills", tenant: "hq")
            let local = try await served.micic("use cr; practice adopt hq:mie-drills --format ids")
            for step in ["submit", "approve", "publish"] { try await served.micic("use cr; practice \(step) \(local)") }
            let canonical = "/v1/hq/practices/mie-drills?lang=en"
            let adopted = try await api.request("/v1/cr/practices/mie-drills?lang=en")
            #expect(adopted.status == 200, "\(adopted.text)")
            let upstream = try #require(try adopted.json["upstream"] as? [String: Any], "\(adopted.text)")
            #expect(upstream["tenant"] as? String == "hq" && upstream["url"] as? String == canonical)
            #expect(adopted.header("Link") == "<\(canonical)>; rel=\"canonical\"")
            #expect(try await api.request(canonical).status == 200)
            let own = try await api.request("/v1/cr/practices/refugios-temporales")
            #expect(try own.json["upstream"] is NSNull && own.header("Link") == nil, "\(own.text)")

            // Rewritten by the office, it is its own page; still linked upstream.
            try await served.micic("use cr; practice update \(local) --title \"Simulacros en Mie\"")
            var rewritten = try await api.request("/v1/cr/practices/mie-drills?lang=en")
            for _ in 0..<50 where rewritten.header("Link") != nil {
                try await Task.sleep(for: .milliseconds(100))
                rewritten = try await api.request("/v1/cr/practices/mie-drills?lang=en")
            }
            #expect(rewritten.header("Link") == nil, "\(rewritten.text)")
            #expect(try rewritten.json["title"] as? String == "Simulacros en Mie")
            #expect((try rewritten.json["upstream"] as? [String: Any])?["url"] as? String == canonical)
        }
    }

    @Test func unknownThingsAre404MalformedOnes400AndChanges405() async throws {
        try await withServer { _, api in
            let cases: [(path: String, method: String, status: Int)] = [
                ("/v1/nowhere/practices", "GET", 404), ("/v1/cr/gadgets", "GET", 404),
                ("/v1/cr/practices/no-such-practice", "GET", 404), ("/v1/cr/practices?lang=fr", "GET", 404),
                ("/v1/cr/practices/refugios-temporales?lang=fr", "GET", 404), ("/v1/guidelines?lang=fr", "GET", 404),
                ("/v1/ph/practices/refugios-temporales", "GET", 404), ("/v1/cr/practices/Bad_Slug", "GET", 404),
                ("/nothing/here", "GET", 404), ("/v1/NOWHERE", "GET", 404),
                ("/v1/cr/practices?limit=0", "GET", 400), ("/v1/cr/practices?limit=many", "GET", 400),
                ("/v1/cr/practices?sort=sideways", "GET", 400), ("/v1/cr/practices?cursor=garbage", "GET", 400),
                ("/v1/cr/practices?colour=red", "GET", 400), ("/v1/cr/practices?country=ZZ", "GET", 400),
                ("/v1/cr/practices?phase=%zz", "GET", 400), ("/v1/cr/practices?lang=e!", "GET", 400),
                ("/v1/cr/practices?facets=colour", "GET", 400), ("/v1/cr/events?start-after=yesterday", "GET", 400),
                ("/v1/cr/practices?limit=1&limit=2", "GET", 400),
                ("/v1/cr/practices/refugios-temporales?x=1", "GET", 400),
                ("/v1/cr/search", "GET", 400), ("/v1/cr/search?q=%20", "GET", 400),
                ("/v1/cr/search?q=x&type=gadget", "GET", 400), ("/v1/cr/search?q=x&colour=red", "GET", 400),
                ("/v1/cr/search?q=x&facets=colour", "GET", 400), ("/v1/cr?x=1", "GET", 400),
                ("/v1/cr/practices", "POST", 405), ("/v1/cr/practices/refugios-temporales", "PUT", 405),
                ("/v1/cr/practices/refugios-temporales", "DELETE", 405), ("/health", "POST", 405),
            ]
            for (path, method, status) in cases {
                let answer = try await api.request(path, method: method)
                #expect(answer.status == status, "\(method) \(path): \(answer.text)")
                #expect(answer.header("Content-Type") == "application/problem+json", "\(method) \(path)")
                let problem = try answer.json
                #expect(problem["status"] as? Int == status, "\(method) \(path)")
                #expect(problem["type"] as? String == "about:blank")
                #expect((problem["title"] as? String)?.isEmpty == false)
                #expect((problem["detail"] as? String)?.isEmpty == false)
                if status == 400 { #expect(problem["invalid-params"] != nil || path.contains("%zz"), "\(path)") }
                if status == 405 { #expect(answer.header("Allow") == "GET, HEAD") }
            }
        }
    }

    @Test func entityTagsRevalidateAndChangeWithTheContent() async throws {
        try await withServer { served, api in
            let path = "/v1/cr/practices/refugios-temporales"
            let first = try await api.request(path)
            let tag = try #require(first.header("ETag"))
            for condition in [tag, "W/" + tag, "\"other\", " + tag, "*"] {
                let again = try await api.request(path, headers: ["If-None-Match": condition])
                #expect(again.status == 304, "\(condition)")
                #expect(again.body.isEmpty)
                #expect(again.header("ETag") == tag)
                #expect(again.header("Cache-Control") == "public, max-age=5")
            }
            #expect(try await api.request(path, headers: ["If-None-Match": "\"other\""]).status == 200)
            let list = try await api.request("/v1/cr/practices")
            let listTag = try #require(list.header("ETag"))
            #expect(try await api.request("/v1/cr/practices", headers: ["If-None-Match": listTag]).status == 304)

            // The server keeps answers a minute, but forgets a tenant's when its content
            // changes: it listens to the notifications changes send, on a connection that
            // then reads which tenants' change counters moved.
            try await api.waitForLog("hearing of changes to content")
            let owner = try await served.database.connect()
            let listening = try await owner.query(
                """
                select count(*) from pg_stat_activity
                where usename = \(served.reader) and query like '%public_change_counters%'
                """
            )[0].decode(Int.self, at: 0)
            await owner.close()
            #expect(listening == 1)
            try await served.micic(
                "use cr; let p = practice show refugios-temporales --format ids; practice update $p --summary \"Cambiado\""
            )
            let changed = try await eventually { try await api.request(path, headers: ["If-None-Match": tag]) }
            #expect(changed.status == 200)
            #expect(changed.header("ETag") != tag)
            #expect(changed.text.contains("Cambiado"))
            let relisted = try await api.request("/v1/cr/practices", headers: ["If-None-Match": listTag])
            #expect(relisted.status == 200)

            let draft = try await served.practice(
                "Recién publicado",
                slug: "recien-publicado",
                steps: ["submit", "approve"]
            )
            #expect(try await api.request("/v1/cr/practices/recien-publicado").status == 404)
            try await served.micic("use cr; practice publish \(draft)")
            let published = try await eventually { try await api.request("/v1/cr/practices/recien-publicado") }
            #expect(published.status == 200)
        }
    }

    /// Anyone who may connect can notify micic_public_changes; a flood of notifications
    /// (2,000 at a time, from a person without memberships and from the public reader's own
    /// login) neither empties the cache nor hides a real change made meanwhile.
    @Test func aFloodOfNotificationsKeepsTheCacheAndARealChangeStillShows() async throws {
        try await withServer { served, api in
            let database = served.database
            let stranger = try await database.createPerson("stranger")
            try await api.waitForLog("hearing of changes to content")
            let paths = [
                "/v1/cr/practices/refugios-temporales", "/v1/cr/practices", "/v1/cr/practices/en-la-avalancha",
                "/v1/hq",
            ]
            var first: [String: ServedAPI.Answer] = [:]
            for path in paths { first[path] = try await api.request(path) }
            #expect(first[paths[2]]?.status == 404)

            // Every answer during the flood is the one read before it, sent from the cache.
            let keptBefore = api.logLines(containing: "(kept)")
            let flood = Flood(database: database, senders: [stranger, served.reader], each: 1_000)
            var requests = 0
            while requests < 100 || !flood.isOver {
                for path in paths {
                    let answer = try await api.request(path)
                    #expect(answer.status == first[path]?.status, "\(path)")
                    #expect(answer.body == first[path]?.body, "\(path)")
                    requests += 1
                }
            }
            try await flood.finished()
            #expect(api.logLines(containing: "(kept)") - keptBefore == requests)

            // An editor publishes an item during a second flood: it shows afterwards, and the
            // other tenant's answers stay kept.
            let editor = try await database.createPerson("editor")
            let owner = try await database.connect()
            try await owner.execute("select micic_set_membership('cr', \(editor), 'editor', '{}')")
            await owner.close()
            let draft = try await served.practice(
                "Publicado en la avalancha",
                slug: "en-la-avalancha",
                steps: ["submit", "approve"]
            )
            let second = Flood(database: database, senders: [stranger, served.reader], each: 1_000)
            try await served.micic("use cr; practice publish \(draft)", as: editor)
            try await second.finished()
            let published = try await until(status: 200) { try await api.request(paths[2]) }
            #expect(published.text.contains("Publicado en la avalancha"))
            #expect(try items(try await api.request(paths[1])).map(\.slug).contains("en-la-avalancha"))
            let hqKept = api.logLines(containing: "GET /v1/hq 200 (kept)")
            #expect(try await api.request(paths[3]).body == first[paths[3]]?.body)
            #expect(api.logLines(containing: "GET /v1/hq 200 (kept)") == hqKept + 1)
        }
    }

    /// `NOTIFY micic_public_changes` sent `each` times on a connection of each of `senders`
    /// (login roles), all at once, from when it is made.
    private final class Flood: Sendable {
        private let over = Mutex(false)
        private let sending = Mutex<Task<Void, any Error>?>(nil)

        init(database: TestDatabase, senders: [String], each: Int) {
            let task = Task { [self] in
                defer { over.withLock { $0 = true } }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for sender in senders {
                        group.addTask {
                            let connection = try await database.connect(as: sender)
                            for _ in 0..<each { try await connection.execute("notify micic_public_changes") }
                            await connection.close()
                        }
                    }
                    try await group.waitForAll()
                }
            }
            sending.withLock { $0 = task }
        }

        /// Whether every notification was sent (or sending failed).
        var isOver: Bool { over.withLock { $0 } }

        /// Waits until every notification was sent.
        func finished() async throws { try await sending.withLock { $0 }?.value }
    }

    /// The answer `request` gives once its status is `status` (polled for ten seconds at most).
    private func until(status: Int, _ request: () async throws -> ServedAPI.Answer) async throws -> ServedAPI.Answer {
        let deadline = Date().addingTimeInterval(10)
        var answer = try await request()
        while answer.status != status, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            answer = try await request()
        }
        return answer
    }

    /// The answer `request` gives once it differs from its first (polled for two seconds
    /// at most): a change reaches the server's cache by a notification, a moment after
    /// its commit.
    private func eventually(_ request: () async throws -> ServedAPI.Answer) async throws -> ServedAPI.Answer {
        let first = try await request()
        let deadline = Date().addingTimeInterval(2)
        var answer = first
        while answer.status == first.status, answer.body == first.body, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            answer = try await request()
        }
        return answer
    }

    @Test func scheduledContentAppearsAndDisappearsAtItsTimeWithoutARestart() async throws {
        try await withServer { served, api in
            let id = try await served.practice("Programado", slug: "programado", steps: ["submit", "approve"])
            // Times far enough ahead that a loaded machine runs the command and the first
            // requests before them.
            let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 6).rounded(.up))
            try await served.micic("use cr; practice publish \(id) --at \(start.formatted(.iso8601))")
            let path = "/v1/cr/practices/programado"
            #expect(try await api.request(path).status == 404)
            let before = try await api.request("/v1/cr/practices")
            #expect(try !items(before).map(\.slug).contains("programado"))
            let maxAge = try #require(
                before.header("Cache-Control").flatMap { Int($0.split(separator: "=").last ?? "") }
            )
            #expect(Double(maxAge) <= start.timeIntervalSinceNow + 1)
            try await Task.sleep(for: .seconds(start.timeIntervalSinceNow + 0.2))
            #expect(try await api.request(path).status == 200)
            #expect(try items(try await api.request("/v1/cr/practices")).map(\.slug).contains("programado"))

            let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 6).rounded(.up))
            try await served.micic("use cr; practice unpublish \(id) --at \(end.formatted(.iso8601))")
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await api.request(path).status == 200)
            try await Task.sleep(for: .seconds(end.timeIntervalSinceNow + 0.2))
            #expect(try await api.request(path).status == 404)
            #expect(try !items(try await api.request("/v1/cr/practices")).map(\.slug).contains("programado"))
        }
    }

    @Test func nothingPrivateIsServedThroughAnyRoute() async throws {
        try await withServer { served, api in
            try await served.micic("tenant create closed --name \"Closed office\" --default-language en --languages en")
            try await served.practice(
                "Closed office practice",
                slug: "closed-practice",
                tenant: "closed",
                contact: "closed@example.org"
            )
            try await served.micic("tenant archive closed --yes")
            let owner = try await served.database.connect()
            let rows = try await owner.query(
                """
                select t.code, i.type, i.slug, i.language, i.title, i.id,
                       micic_is_public(i.type, i.status, i.publish_at, i.unpublish_at) and i.deleted_at is null
                           and t.archived_at is null as public
                from items i join tenants t on t.id = i.tenant_id
                """
            )
            let secrets = try await owner.query("select value from item_private_fields, jsonb_each_text(fields)").map {
                try $0.decode(String.self, at: 0)
            }
            let tenants = try await owner.query("select code, languages from tenants").map {
                (try $0.decode(String.self, at: 0), try $0.decode([String].self, at: 1))
            }
            await owner.close()
            #expect(secrets.count >= 5)
            struct Row {
                let tenant, type, slug, language, title: String
                let id: Int
                let isPublic: Bool
            }
            let stored = try rows.map { row in
                Row(
                    tenant: try row.decode(column: "code"),
                    type: try row.decode(column: "type"),
                    slug: try row.decode(column: "slug"),
                    language: try row.decode(column: "language"),
                    title: try row.decode(column: "title"),
                    id: try row.decode(column: "id"),
                    isPublic: try row.decode(column: "public")
                )
            }
            let hidden = stored.filter { !$0.isPublic }
            #expect(hidden.count >= 10)
            var bodies: [String] = []
            func get(_ path: String) async throws -> ServedAPI.Answer {
                let answer = try await api.request(path)
                bodies.append(answer.text)
                return answer
            }
            for item in hidden {
                let answer = try await get("/v1/\(item.tenant)/\(item.type)/\(item.slug)?lang=\(item.language)")
                let shadowed = stored.contains {
                    $0.isPublic && $0.tenant == item.tenant && $0.type == item.type && $0.slug == item.slug
                }
                if !shadowed { #expect(answer.status == 404, "\(item.tenant) \(item.slug)") }
                let words = item.title.split(separator: " ").prefix(3).joined(separator: " ")
                let search = try await get(
                    "/v1/\(item.tenant)/search?q=\(words.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&limit=100"
                )
                let ids = (try? search.json["hits"] as? [[String: Any]])?.compactMap {
                    ($0["item"] as? [String: Any])?["id"] as? Int
                }
                #expect(!(ids ?? []).contains(item.id), "\(item.slug) found by search")
            }
            for (tenant, languages) in tenants {
                for type in ["practices", "events", "news", "tools"] {
                    for language in languages {
                        var next: String? = "/v1/\(tenant)/\(type)?limit=100&lang=\(language)"
                        while let page = next {
                            let answer = try await get(page)
                            let listed = (try? items(answer)) ?? []
                            for entry in listed {
                                #expect(stored.contains { $0.id == entry.id && $0.isPublic }, "\(entry.slug) listed")
                            }
                            next = try? answer.json["next"] as? String
                        }
                    }
                }
                _ = try await get("/v1/\(tenant)")
            }
            #expect(try await get("/v1/closed").status == 404)
            #expect(try await get("/v1/closed/practices").status == 404)
            #expect(try await get("/v1/closed/practices/closed-practice").status == 404)
            for body in bodies {
                for secret in secrets { #expect(!body.contains(secret), "a private value was served") }
                for item in hidden where !stored.contains(where: { $0.isPublic && $0.title == item.title }) {
                    #expect(!body.contains("\"title\":\"\(item.title)\""), "\(item.title) was served")
                }
                #expect(!body.contains("submitter_contact"))
                #expect(!body.contains("\"author\""))
            }
        }
    }

    @Test func everyDocumentedPathAnswers() async throws {
        try await withServer { _, api in
            let document = try await api.request("/openapi.json").json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count >= 7)
            let examples = ["tenant": "cr", "type": "practices", "slug": "refugios-temporales"]
            for (path, operations) in paths {
                #expect(Array(operations.keys) == ["get"], "\(path)")
                var concrete = path
                for (name, value) in examples { concrete = concrete.replacing("{\(name)}", with: value) }
                if path.hasSuffix("/search") { concrete += "?q=albergues" }
                let answer = try await api.request(concrete)
                #expect(answer.status == 200, "\(path): \(answer.text)")
            }
        }
    }

    @Test func theServerRefusesARoleThatSeesMoreThanThePublic() async throws {
        try await TestDatabase.with { database in
            let superuser = try await ExecutableRun("micic", ["serve", "--port", "0", "--database-url", database.url])
            #expect(superuser.status == 1)
            #expect(superuser.standardError.contains("exempt from row-level security"))
            let person = try await database.createPerson("editor")
            let asPerson = try await ExecutableRun(
                "micic",
                ["serve", "--port", "0", "--database-url", try database.url(as: person)]
            )
            #expect(asPerson.status == 1)
            #expect(asPerson.standardError.contains("is a person"))
        }
    }

    @Test func theLocalDatabaseIsReadAsMicicWeb() async throws {
        let home = "/tmp/micic-serve-\(UUID().uuidString.prefix(8))"
        var environment: [String: String?] = ["MICIC_HOME": home]
        for name in ["DATABASE_URL", "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"] {
            environment[name] = .some(nil)
        }
        defer {
            _ = try? ExecutableRun(blocking: "micic", ["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(atPath: home)
        }
        try await ServedAPI.with(url: nil, environment: environment) { (api: ServedAPI) async throws in
            #expect(try await api.request("/health").status == 200)
            #expect(try await api.request("/v1/guidelines").status == 200)
            #expect(try await api.request("/v1/cr").status == 404)
        }
        let who = try await ExecutableRun(
            "micic",
            [
                "-c",
                "sql \"select rolcanlogin, rolsuper, pg_has_role('micic_web', 'micic_public', 'member') from pg_roles where rolname = 'micic_web'\" --format csv",
            ],
            environment: environment
        )
        #expect(who.standardOutput.hasSuffix("t,f,t\r\n"), "\(who.standardError)")
    }

    @Test func healthSaysWhenTheDatabaseCannotBeReached() async throws {
        try await withServer { served, api in
            #expect(try await api.request("/health").status == 200)
            let owner = try await served.database.connect()
            try await owner.execute("alter role \(identifier: served.reader) nologin")
            try await owner.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where usename = \(served.reader)"
            )
            let down = try await api.request("/health")
            #expect(down.status == 503)
            #expect(down.header("Content-Type") == "application/problem+json")
            let list = try await api.request("/v1/hq/practices?limit=3")
            #expect(list.status == 503)
            try await owner.execute("alter role \(identifier: served.reader) login")
            #expect(try await api.request("/health").status == 200)
            await owner.close()
        }
    }

    /// The items of a list answer: slug, language and id.
    private func items(_ answer: ServedAPI.Answer) throws -> [(slug: String, language: String, id: Int)] {
        guard let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
            let entries = object["items"] as? [[String: Any]]
        else { throw ServedAPIError(message: "not a list: \(answer.text)") }
        return entries.map { ($0["slug"] as? String ?? "", $0["language"] as? String ?? "", $0["id"] as? Int ?? 0) }
    }
}
