import Foundation
import Kernel
import MicicTesting
import Postgres
import Registration
import Store
import Testing
import Translations
import TranslationsStore

/// Translation jobs end to end through the Store, each person connected as themselves.
@Suite struct TranslationDeskTests {
    struct World {
        let database: TestDatabase
        let people: [String: String]
        let source: Item

        /// A store and desk connected as `person` (a key of `people`, or `owner`).
        func desk(_ person: String) async throws -> (PostgresContentStore, PostgresTranslationDesk, String) {
            let name = people[person] ?? person
            let connection = person == "owner" ? try await database.connect() : try await database.connect(as: name)
            let store = Platform.store(on: connection, registry: Fixtures.registry)
            return (store, PostgresTranslationDesk(store: store), name)
        }
    }

    private func withWorld(_ body: (World) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let owner = try await database.connect()
            for code in ["ta", "tb"] {
                try await owner.run { connection in
                    try TenantDirectory().create(
                        Tenant(
                            code: code,
                            name: "Tenant \(code)",
                            defaultLanguage: "en",
                            languages: ["en", "es", "fr"]
                        ),
                        on: connection
                    )
                }
            }
            var people: [String: String] = [:]
            let members: [(String, String, String, [String])] = [
                ("editor", "ta", "editor", []), ("translator", "ta", "translator", ["es"]),
                ("french", "ta", "translator", ["fr"]), ("reviewer", "ta", "reviewer", ["es"]),
                ("outsider", "tb", "reviewer", ["es"]),
            ]
            for (key, tenant, role, languages) in members {
                let person = try await database.createPerson(key)
                try await owner.execute("select micic_set_membership(\(tenant), \(person), \(role), \(languages))")
                people[key] = person
            }
            await owner.close()
            let editorConnection = try await database.connect(as: people["editor"]!)
            let store = PostgresContentStore(connection: editorConnection, registry: Fixtures.registry)
            let source = try await store.create(
                ItemDraft(
                    type: "note",
                    title: "Evacuation of migrant workers",
                    fields: [
                        "summary": .text("How *consulates* helped."), "phases": .list([.text("emergency_response")]),
                    ]
                ),
                tenant: "ta",
                author: people["editor"]!,
                message: nil
            )
            await editorConnection.close()
            try await body(World(database: database, people: people, source: source))
        }
    }

    @Test func aTranslationGoesFromRequestToPublicationAndIsFlaggedWhenItsSourceChanges() async throws {
        try await withWorld { world in
            let (editorStore, editorDesk, editor) = try await world.desk("editor")
            let jobs = try await editorDesk.request(
                TranslationRequest(
                    sourceID: world.source.id,
                    languages: ["es"],
                    translator: world.people["translator"],
                    reviewer: world.people["reviewer"],
                    due: CalendarDate("2099-01-31")
                ),
                tenant: "ta",
                author: editor
            )
            let job = try #require(jobs.first)
            #expect(job.status == "requested" && job.language == "es" && job.sourceID == world.source.id)
            #expect(Set(job.sourceHashes.keys) == ["title", "summary"])
            let target = try await editorStore.item(id: job.targetID, tenant: "ta")
            #expect(target.translationOf == world.source.id && target.language == "es" && target.title.isEmpty)
            #expect(target.fields == ["phases": .list([.text("emergency_response")])])

            // The translator writes the translatable fields only, in their own language.
            let (translatorStore, translatorDesk, translator) = try await world.desk("translator")
            await #expect(throws: ValidationError.self) {
                _ = try await edit(
                    translatorStore,
                    target.id,
                    ItemChanges(set: ["phases": .list([.text("preparedness")])]),
                    as: translator
                )
            }
            let (frenchStore, _, french) = try await world.desk("french")
            await #expect(throws: ContentError.self) {
                _ = try await edit(frenchStore, target.id, ItemChanges(title: "Évacuation"), as: french)
            }
            _ = try await edit(
                translatorStore,
                target.id,
                ItemChanges(title: "Evacuación de trabajadores migrantes"),
                as: translator
            )
            #expect(
                try await translatorDesk.jobs(TranslationJobQuery(ids: [job.id]), tenant: "ta")[0].status
                    == "in_progress"
            )
            _ = try await edit(
                translatorStore,
                target.id,
                ItemChanges(set: ["summary": .text("Cómo ayudaron los *consulados*.")]),
                as: translator
            )
            #expect(try await submit(translatorDesk, job.id, translator).status == "submitted")

            // The reviewer must explain a request for changes; then approves the fix.
            let (_, reviewerDesk, reviewer) = try await world.desk("reviewer")
            await #expect(throws: ValidationError.self) {
                _ = try await move(reviewerDesk, job.id, "request-changes", comment: nil, as: reviewer)
            }
            let sentBack = try await move(
                reviewerDesk,
                job.id,
                "request-changes",
                comment: "Use «personas trabajadoras migrantes»",
                as: reviewer
            )
            guard case .done(let back) = sentBack[0] else {
                Issue.record("\(sentBack)")
                return
            }
            #expect(back.status == "changes_requested")
            _ = try await edit(
                translatorStore,
                target.id,
                ItemChanges(title: "Evacuación de personas trabajadoras migrantes"),
                as: translator
            )
            #expect(try await submit(translatorDesk, job.id, translator).status == "submitted")
            // A reviewer of another tenant cannot even see the job.
            let (_, outsiderDesk, outsider) = try await world.desk("outsider")
            await #expect(throws: ContentError.self) {
                _ = try await move(outsiderDesk, job.id, "approve", comment: nil, as: outsider)
            }
            let approved = try await move(reviewerDesk, job.id, "approve", comment: "ok", as: reviewer)
            guard case .done(let approvedJob) = approved[0] else {
                Issue.record("\(approved)")
                return
            }
            // The source is not published yet, so neither is the translation.
            #expect(approvedJob.status == "approved")
            #expect(try await editorStore.item(id: target.id, tenant: "ta").status == "draft")

            // Publishing the source publishes its approved translation.
            let (ownerStore, ownerDesk, _) = try await world.desk("owner")
            var source = try await publish(world.source, on: ownerStore)
            #expect(try await editorStore.item(id: target.id, tenant: "ta").status == "published")
            #expect(try await ownerDesk.jobs(TranslationJobQuery(ids: [job.id]), tenant: "ta")[0].status == "published")

            // Editing the source flags exactly the changed field, with its text then and now.
            source = try await editorStore.item(id: source.id, tenant: "ta")
            _ = try await edit(
                editorStore,
                source.id,
                ItemChanges(
                    set: ["summary": .text("How consulates helped."), "phases": .list([.text("post_crisis")])]
                ),
                as: editor
            )
            let flagged = try await editorDesk.jobs(TranslationJobQuery(ids: [job.id]), tenant: "ta")[0]
            #expect(flagged.status == "outdated" && flagged.outdatedFields == ["summary"])
            let outdated = try await editorDesk.outdated(TranslationJobQuery(language: "es"), tenant: "ta")
            #expect(
                outdated == [
                    OutdatedField(
                        jobID: job.id,
                        field: "summary",
                        before: .text("How *consulates* helped."),
                        after: .text("How consulates helped.")
                    )
                ]
            )
            // Shared fields follow the source.
            #expect(
                try await editorStore.item(id: target.id, tenant: "ta").fields["phases"]
                    == .list([.text("post_crisis")])
            )
            // Fixing and resubmitting clears the flag.
            _ = try await edit(
                translatorStore,
                target.id,
                ItemChanges(set: ["summary": .text("Cómo ayudaron los consulados.")]),
                as: translator
            )
            let resubmitted = try await submit(translatorDesk, job.id, translator)
            #expect(resubmitted.status == "submitted" && resubmitted.outdatedFields.isEmpty)
            #expect(try await editorDesk.outdated(TranslationJobQuery(), tenant: "ta").isEmpty)
        }
    }

    @Test func theDatabaseRefusesSkippingReviewOverADirectConnection() async throws {
        try await withWorld { world in
            let (editorStore, editorDesk, editor) = try await world.desk("editor")
            let job = try await editorDesk.request(
                TranslationRequest(sourceID: world.source.id, languages: ["es"]),
                tenant: "ta",
                author: editor
            )[0]
            let editorSQL = editorStore.connection
            // An editor cannot publish a draft, nor insert published content.
            await #expect(throws: PostgresError.self) {
                try await editorSQL.execute("update items set status = 'published' where id = \(world.source.id)")
            }
            await #expect(throws: PostgresError.self) {
                try await editorSQL.execute(
                    """
                    insert into items (tenant_id, type, language, slug, title, status, author)
                    select tenant_id, 'note', 'en', 'sneaky', 'Sneaky', 'published', \(editor) from items
                    where id = \(world.source.id)
                    """
                )
            }
            // The transitions an editor may take still work directly.
            #expect(
                try await editorSQL.execute("update items set status = 'in_review' where id = \(world.source.id)") == 1
            )
            // A translator can neither approve their own job nor publish their translation.
            let (translatorStore, _, _) = try await world.desk("translator")
            let translatorSQL = translatorStore.connection
            await #expect(throws: PostgresError.self) {
                try await translatorSQL.execute("update translation_jobs set status = 'approved' where id = \(job.id)")
            }
            await #expect(throws: PostgresError.self) {
                try await translatorSQL.execute("update items set status = 'published' where id = \(job.targetID)")
            }
            #expect(
                try await translatorSQL.execute(
                    "update translation_jobs set status = 'in_progress' where id = \(job.id)"
                ) == 1
            )
            // A reviewer of another tenant sees no job at all.
            let (outsiderStore, _, _) = try await world.desk("outsider")
            #expect(try await outsiderStore.connection.query("select id from translation_jobs").isEmpty)
        }
    }

    @Test func publishingAnOriginalWithPlainSQLPublishesItsApprovedTranslations() async throws {
        try await withWorld { world in
            let jobs = try await approveSpanish(of: world.source.id, in: world)
            let (_, _, editor) = try await world.desk("editor")
            let (reviewerStore, _, _) = try await world.desk("reviewer")
            let (ownerStore, ownerDesk, _) = try await world.desk("owner")
            // Its original is a draft: the translation waits, approved.
            #expect(try await ownerStore.item(id: jobs[0].targetID, tenant: "ta").status == "draft")
            let editorSQL = try await world.desk("editor").0.connection
            let source = world.source.id
            #expect(try await editorSQL.execute("update items set status = 'in_review' where id = \(source)") == 1)
            #expect(
                try await reviewerStore.connection.execute("update items set status = 'approved' where id = \(source)")
                    == 1
            )
            #expect(try await editorSQL.execute("update items set status = 'published' where id = \(source)") == 1)
            let target = try await ownerStore.item(id: jobs[0].targetID, tenant: "ta")
            #expect(target.status == "published")
            #expect(try await ownerStore.history(id: target.id, tenant: "ta").last?.author == editor)
            let after = try await ownerDesk.jobs(TranslationJobQuery(ids: jobs.map(\.id)), tenant: "ta")
            #expect(after.sorted { $0.id < $1.id }.map(\.status) == ["published", "requested"])
            let events = try await ownerStore.connection.query(
                "select transition, actor from workflow_events where item_id = \(target.id) and to_status = 'published' order by id"
            )
            let names = try events.map { try $0.decode(String.self, at: 0) }
            #expect(names == ["translation-publish", "publish"])
            #expect(try events.allSatisfy { try $0.decode(String.self, at: 1) == editor })
            // An effect is carried out by a function of its plugin's: none, no definition.
            await #expect(throws: PostgresError.self) {
                try await ownerStore.connection.execute(
                    """
                    select micic_define_effects('{"plugin": "x", "effects": [{"workflow": "editorial",
                        "state": "published", "effect": "nothing-here"}]}')
                    """
                )
            }
        }
    }

    @Test func approvingATranslationOfAPublishedOriginalPublishesIt() async throws {
        try await withWorld { world in
            let (ownerStore, ownerDesk, _) = try await world.desk("owner")
            let source = try await publish(world.source, on: ownerStore)
            let jobs = try await approveSpanish(of: source.id, in: world)
            let (_, _, reviewer) = try await world.desk("reviewer")
            let after = try await ownerDesk.jobs(TranslationJobQuery(ids: [jobs[0].id]), tenant: "ta")
            #expect(after.map(\.status) == ["published"])
            let target = try await ownerStore.item(id: jobs[0].targetID, tenant: "ta")
            #expect(target.status == "published")
            #expect(target.author == reviewer)
            let events = try await ownerStore.connection.query(
                "select transition, actor from workflow_events where item_id = \(target.id) order by id desc limit 3"
            )
            let names = try events.map { try $0.decode(String.self, at: 0) }
            #expect(names == ["publish", "translation-publish", "translation-approve"])
            #expect(try events.allSatisfy { try $0.decode(String.self, at: 1) == reviewer })
        }
    }

    @Test func reviewersPublishApprovedJobsOnlyWhereApprovingPublishes() async throws {
        try await withWorld { world in
            let (ownerStore, _, _) = try await world.desk("owner")
            let source = try await publish(world.source, on: ownerStore)
            try await ownerStore.connection.run {
                try TenantDirectory().configure("ta", .translationsPublish, to: "by-editor", on: $0)
            }
            let jobs = try await approveSpanish(of: source.id, in: world)
            let (_, reviewerDesk, reviewer) = try await world.desk("reviewer")
            let refused = try await move(reviewerDesk, jobs[0].id, "publish", comment: nil, as: reviewer)
            guard case .failed(_, let why) = refused[0] else {
                Issue.record("a reviewer published where editors do: \(refused)")
                return
            }
            #expect(why.contains("editor"))
            try await ownerStore.connection.run {
                try TenantDirectory().configure("ta", .translationsPublish, to: "on-approval", on: $0)
            }
            let published = try await move(reviewerDesk, jobs[0].id, "publish", comment: nil, as: reviewer)
            guard case .done(let job) = published[0] else {
                Issue.record("\(published)")
                return
            }
            #expect(job.status == "published")
            #expect(try await ownerStore.item(id: jobs[0].targetID, tenant: "ta").status == "published")
        }
    }

    @Test func aTenantMayLeavePublishingApprovedTranslationsToItsEditors() async throws {
        try await withWorld { world in
            let (ownerStore, ownerDesk, _) = try await world.desk("owner")
            let source = try await publish(world.source, on: ownerStore)
            try await ownerStore.connection.run {
                try TenantDirectory().configure("ta", .translationsPublish, to: "by-editor", on: $0)
            }
            let job = try await approveSpanish(of: source.id, in: world)
            let (_, editorDesk, editor) = try await world.desk("editor")
            let (_, translatorDesk, translator) = try await world.desk("translator")
            let (_, reviewerDesk, reviewer) = try await world.desk("reviewer")
            // Approved, not published: publishing is the editors' step here.
            #expect(
                try await ownerDesk.jobs(TranslationJobQuery(ids: [job[0].id]), tenant: "ta")[0].status == "approved"
            )
            #expect(try await ownerStore.item(id: job[0].targetID, tenant: "ta").status == "draft")
            let refused = try await move(translatorDesk, job[0].id, "publish", comment: nil, as: translator)
            guard case .failed(_, let reason) = refused[0] else {
                Issue.record("a translator published")
                return
            }
            #expect(reason.contains("editor"))
            let published = try await move(editorDesk, job[0].id, "publish", comment: nil, as: editor)
            guard case .done(let done) = published[0] else {
                Issue.record("\(published)")
                return
            }
            #expect(done.status == "published")
            #expect(try await ownerStore.item(id: job[0].targetID, tenant: "ta").status == "published")
            // A bulk transition reports each job: the French one is not submitted yet.
            let both = try await move(reviewerDesk, job[1].id, "approve", comment: nil, as: reviewer)
            guard case .failed(_, let why) = both[0] else {
                Issue.record("approved without submission")
                return
            }
            #expect(why.contains("fr") || why.contains("requested"))
        }
    }

    @Test func theDatabaseHoldsTheKernelsWorkflows() async throws {
        try await withWorld { world in
            let (store, _, _) = try await world.desk("owner")
            for workflow in [Workflow.editorial, Workflow.translation] {
                let stored = try await store.connection.run { try $0.storedWorkflow(workflow.name) }
                #expect(stored == workflow.inNameOrder, "workflow \(workflow.name)")
            }
        }
    }

    @Test func anXLIFFFileGoesOutAndComesBackAndIsCheckedUnitByUnit() async throws {
        try await withWorld { world in
            let (_, editorDesk, editor) = try await world.desk("editor")
            let job = try await editorDesk.request(
                TranslationRequest(
                    sourceID: world.source.id,
                    languages: ["es"],
                    translator: world.people["translator"]
                ),
                tenant: "ta",
                author: editor
            )[0]
            let (translatorStore, translatorDesk, translator) = try await world.desk("translator")
            let format = XLIFFFormat()
            let exported = try await translatorDesk.packets(TranslationJobQuery(language: "es"), tenant: "ta")
            #expect(exported.map(\.units.count) == [2])
            #expect(exported[0].units.map(\.field) == ["title", "summary"])
            #expect(exported[0].units.allSatisfy { $0.target == nil })
            let text = String(decoding: try format.encode(exported), as: UTF8.self)
            #expect(text.contains("How *consulates* helped.") && text.contains("srcLang=\"en\" trgLang=\"es\""))

            // The translator fills the targets in their tool.
            var translated = try format.decode(Data(text.utf8))
            translated[0].units = translated[0].units.map { unit in
                var unit = unit
                unit.target =
                    unit.field == "title" ? "Evacuación de personas migrantes" : "Cómo ayudaron los *consulados*."
                return unit
            }
            // A unit left out, a wrong language or a foreign job: reported, nothing written.
            var broken = translated
            broken[0].units.removeLast()
            broken.append(
                TranslationPacket(
                    jobID: 999_999,
                    sourceLanguage: "en",
                    targetLanguage: "es",
                    type: "note",
                    sourceID: 1,
                    units: []
                )
            )
            do {
                _ = try await translatorDesk.apply(broken, tenant: "ta", author: translator, force: false)
                Issue.record("a broken file was imported")
            } catch let error as TranslationImportError {
                #expect(error.problems.contains { $0.jobID == job.id && $0.field == "summary" })
                #expect(error.problems.contains { $0.jobID == 999_999 })
            }
            #expect(try await translatorStore.item(id: job.targetID, tenant: "ta").title.isEmpty)

            let outcomes = try await translatorDesk.apply(translated, tenant: "ta", author: translator, force: false)
            guard case .done(let started) = outcomes[0] else {
                Issue.record("\(outcomes)")
                return
            }
            #expect(started.status == "in_progress")
            let target = try await translatorStore.item(id: job.targetID, tenant: "ta")
            #expect(target.title == "Evacuación de personas migrantes")
            #expect(target.fields["summary"] == .text("Cómo ayudaron los *consulados*."))
            // Exported again, the file carries the translations as targets.
            let carried = try await translatorDesk.packets(TranslationJobQuery(language: "es"), tenant: "ta")
            #expect(
                carried[0].units.map(\.target) == [
                    "Evacuación de personas migrantes", "Cómo ayudaron los *consulados*.",
                ]
            )

            // The source changes after export: refused, unless forced (then outdated).
            let (editorStore, _, _) = try await world.desk("editor")
            _ = try await edit(
                editorStore,
                world.source.id,
                ItemChanges(title: "Evacuating migrant workers"),
                as: editor
            )
            await #expect(throws: TranslationImportError.self) {
                _ = try await translatorDesk.apply(translated, tenant: "ta", author: translator, force: false)
            }
            let forced = try await translatorDesk.apply(translated, tenant: "ta", author: translator, force: true)
            guard case .done(let outdated) = forced[0] else {
                Issue.record("\(forced)")
                return
            }
            #expect(outdated.status == "outdated" && outdated.outdatedFields == ["title"])

            // Exported again, the file carries the hashes of the source as it now is (the
            // changed title's taken again, the summary's as the job holds it): its import
            // passes the check, which takes every hash again, without force.
            var again = try await translatorDesk.packets(TranslationJobQuery(language: "es"), tenant: "ta")
            let hash = { (packets: [TranslationPacket], field: String) in
                packets[0].units.first { $0.field == field }?.sourceHash
            }
            #expect(hash(again, "title") != hash(exported, "title"))
            #expect(hash(again, "summary") == hash(exported, "summary"))
            again[0].units = again[0].units.map { unit in
                var unit = unit
                unit.target = unit.field == "title" ? "Evacuación de trabajadores migrantes" : unit.target
                return unit
            }
            let redone = try await translatorDesk.apply(again, tenant: "ta", author: translator, force: false)
            guard case .done = redone[0] else {
                Issue.record("\(redone)")
                return
            }
            #expect(
                try await translatorStore.item(id: job.targetID, tenant: "ta").title.hasSuffix("trabajadores migrantes")
            )
        }
    }

    /// Requests Spanish and French translations of `source`; the Spanish one is then
    /// translated, submitted and approved by the world's people.
    /// - Returns: the two jobs as requested.
    private func approveSpanish(of source: Int64, in world: World) async throws -> [TranslationJob] {
        let (_, editorDesk, editor) = try await world.desk("editor")
        let jobs = try await editorDesk.request(
            TranslationRequest(sourceID: source, languages: ["es", "fr"]),
            tenant: "ta",
            author: editor
        )
        let (translatorStore, translatorDesk, translator) = try await world.desk("translator")
        _ = try await edit(
            translatorStore,
            jobs[0].targetID,
            ItemChanges(title: "Evacuación", set: ["summary": .text("Cómo")]),
            as: translator
        )
        _ = try await submit(translatorDesk, jobs[0].id, translator)
        let (_, reviewerDesk, reviewer) = try await world.desk("reviewer")
        _ = try await move(reviewerDesk, jobs[0].id, "approve", comment: nil, as: reviewer)
        return jobs
    }

    private func submit(_ desk: PostgresTranslationDesk, _ id: Int64, _ person: String) async throws -> TranslationJob {
        let outcome = try await move(desk, id, "submit", comment: nil, as: person)
        guard case .done(let job) = outcome[0] else { throw ContentError(.invalidState, "\(outcome[0])") }
        return job
    }

    /// Takes a transition of job `id` as `person`.
    private func move(
        _ desk: PostgresTranslationDesk,
        _ id: Int64,
        _ name: String,
        comment: String?,
        as person: String
    ) async throws -> [TranslationOutcome] {
        try await desk.transition(
            jobs: [id],
            name: name,
            comment: comment,
            expectedVersions: [:],
            tenant: "ta",
            author: person
        )
    }

    /// Applies `changes` to the item's current version as `person`.
    private func edit(
        _ store: PostgresContentStore,
        _ id: Int64,
        _ changes: ItemChanges,
        as person: String
    ) async throws -> Item {
        let current = try await store.item(id: id, tenant: "ta")
        return try await store.update(
            id: id,
            tenant: "ta",
            expectedVersion: current.version,
            changes: changes,
            author: person,
            message: nil
        )
    }

    /// Takes `item` through review to publication, as the schema owner.
    private func publish(_ item: Item, on store: PostgresContentStore) async throws -> Item {
        var item = item
        for step in ["submit", "approve", "publish"] {
            item = try await store.transition(
                id: item.id,
                tenant: "ta",
                name: step,
                expectedVersion: item.version,
                author: "seed",
                comment: nil
            )
        }
        return item
    }
}
