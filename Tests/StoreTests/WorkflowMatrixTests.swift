import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing
import Translations
import TranslationsStore

/// Every transition of both workflows tried by every role over a direct SQL connection:
/// the database allows exactly what the Kernel's `Workflow` values say (and, for publishing
/// translations, what the tenant's translations-publish setting adds).
@Suite struct WorkflowMatrixTests {
    @Test func theDatabaseAllowsEachTransitionToItsRolesOnly() async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let owner = try await database.connect()
            try await owner.run { connection in
                try TenantDirectory().create(
                    Tenant(code: "ta", name: "Tenant A", defaultLanguage: "en", languages: ["en", "es"]),
                    on: connection
                )
            }
            let store = PostgresContentStore(connection: owner, registry: Fixtures.registry)
            let item = try await store.create(
                ItemDraft(type: "note", title: "Matrix"),
                tenant: "ta",
                author: "seed",
                message: nil
            )
            let job = try await PostgresTranslationDesk(store: store).request(
                TranslationRequest(sourceID: item.id, languages: ["es"]),
                tenant: "ta",
                author: "seed"
            )[0]
            var people: [Role: Connection] = [:]
            for role in Role.allCases {
                let person = try await database.createPerson("matrix_\(role.rawValue)")
                let languages = role == .translator || role == .reviewer ? ["es"] : []
                try await owner.execute("select micic_set_membership('ta', \(person), \(role.rawValue), \(languages))")
                people[role] = try await database.connect(as: person)
            }
            var checked = 0
            for (workflow, table, id) in [
                (Workflow.editorial, "items", item.id), (Workflow.translation, "translation_jobs", job.id),
            ] {
                for transition in workflow.transitions {
                    for from in transition.from {
                        for role in Role.allCases {
                            // The starting state is set without triggers, so that no workflow
                            // effect moves anything on; a job's translation is published with
                            // it, which needs its original published.
                            try await owner.execute("set session_replication_role = replica")
                            try await owner.execute("update \(identifier: table) set status = \(from) where id = \(id)")
                            if table == "translation_jobs" {
                                try await owner.execute(
                                    "update items set status = \(Workflow.editorial.publishedState) where id = \(item.id)"
                                )
                            }
                            try await owner.execute("reset session_replication_role")
                            // Who publishes translations is the tenant's choice: here (on
                            // approval) reviewers may too, as they may publish the translation.
                            let onApproval =
                                table == "translation_jobs" && workflow.publishes(transition) && role == .reviewer
                            let expected = role == .admin || transition.roles.contains(role) || onApproval
                            var changed = 0
                            do {
                                // A transition that asks for a comment is given one, as the
                                // database reads it (without one, it refuses every role).
                                let comment = transition.requiresComment ? "why" : ""
                                changed = try await people[role]!.execute(
                                    """
                                    update \(identifier: table) set status = \(transition.to)
                                    from (select set_config('micic.comment', \(comment), true)) as note where id = \(id)
                                    """
                                )
                            } catch is PostgresError {
                                changed = 0
                            }
                            #expect(
                                (changed == 1) == expected,
                                "\(workflow.name) \(transition.name) from \(from) as \(role.rawValue)"
                            )
                            checked += 1
                        }
                    }
                }
            }
            let pairs = [Workflow.editorial, .translation].flatMap(\.transitions).reduce(0) { $0 + $1.from.count }
            #expect(checked == Role.allCases.count * pairs && pairs == 23)
            // Where editors publish translations, reviewers publish no job.
            try await owner.execute("update tenants set translations_publish = 'by-editor' where code = 'ta'")
            try await owner.execute("set session_replication_role = replica")
            try await owner.execute("update translation_jobs set status = 'approved' where id = \(job.id)")
            try await owner.execute("reset session_replication_role")
            await #expect(throws: PostgresError.self) {
                try await people[.reviewer]!.execute(
                    "update translation_jobs set status = 'published' where id = \(job.id)"
                )
            }
            for connection in people.values { await connection.close() }
            await owner.close()
        }
    }
}
