import Foundation
import Kernel
import Testing

/// Behaviour every ``ContentStore`` shares, run against the in-memory and PostgreSQL ones.
@Suite struct ContentStoreTests {
    private func draft(_ title: String, _ fields: [String: FieldValue] = [:], slug: String? = nil) -> ItemDraft {
        ItemDraft(type: "note", title: title, slug: slug, fields: fields)
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func listingFallsBackToTheClosestLanguageAnItemHas(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let translated = try await store.create(draft("Return home"), tenant: "hq", author: "ana", message: nil)
            let untranslated = try await store.create(
                draft("Only in English"),
                tenant: "hq",
                author: "ana",
                message: nil
            )
            var french = ItemDraft(type: "note", title: "Retour", language: "fr")
            french.translationOf = translated.id
            let translation = try await store.create(french, tenant: "hq", author: "ana", message: nil)
            var query = ItemQuery(type: "note", language: "fr-CA")
            query.fallbackLanguages = LanguageTag.fallbacks(for: "fr-CA", then: "en")
            query.sort = .idAscending
            let page = try await store.list(query, tenant: "hq")
            #expect(page.items.map(\.id) == [untranslated.id, translation.id])
            #expect(page.items.map(\.language) == ["en", "fr"])
            query.limit = 1
            let first = try await store.list(query, tenant: "hq")
            #expect(first.items.map(\.id) == [untranslated.id] && first.next != nil)
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func aTranslationsFirstTitleGivesItItsOwnSlug(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let original = try await store.create(draft("Return home"), tenant: "hq", author: "ana", message: nil)
            var french = ItemDraft(type: "note", title: "", language: "fr", slug: original.slug)
            french.translationOf = original.id
            let translation = try await store.create(french, tenant: "hq", author: "ana", message: nil)
            #expect(translation.slug == "return-home")
            let titled = try await store.update(
                id: translation.id,
                tenant: "hq",
                expectedVersion: translation.version,
                changes: ItemChanges(title: "Retour à la maison"),
                author: "ana",
                message: nil
            )
            #expect(titled.slug == "retour-a-la-maison")
            let retitled = try await store.update(
                id: translation.id,
                tenant: "hq",
                expectedVersion: titled.version,
                changes: ItemChanges(title: "Rentrer chez soi"),
                author: "ana",
                message: nil
            )
            #expect(retitled.slug == "retour-a-la-maison")
            #expect(try await store.item(id: translation.id, tenant: "hq").slug == "retour-a-la-maison")
            // A count is every match, whatever the page size.
            var query = ItemQuery(type: "note")
            query.limit = 1
            #expect(try await store.count(query, tenant: "hq") == 2)
            query.language = "fr"
            #expect(try await store.count(query, tenant: "hq") == 1)
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func scheduledPublishingShowsAndHidesContentWhenItsTimeComes(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            var item = try await store.create(draft("Embargoed report"), tenant: "cr", author: "ana", message: nil)
            for step in ["submit", "approve"] {
                item = try await store.transition(
                    id: item.id,
                    tenant: "cr",
                    name: step,
                    expectedVersion: item.version,
                    author: "ana",
                    comment: nil
                )
            }
            await #expect(throws: ValidationError.self) {
                _ = try await store.transition(
                    id: item.id,
                    tenant: "cr",
                    name: "archive",
                    expectedVersion: item.version,
                    author: "ana",
                    comment: nil,
                    at: Date().addingTimeInterval(60)
                )
            }
            // Each check waits for its moment to have passed, so a slow machine only makes
            // it later, never wrong.
            let start = Date().addingTimeInterval(3)
            item = try await store.transition(
                id: item.id,
                tenant: "cr",
                name: "publish",
                expectedVersion: item.version,
                author: "ana",
                comment: nil,
                at: start
            )
            #expect(item.status == "published" && item.publishAt == start)
            var publicQuery = ItemQuery(type: "note")
            publicQuery.publicOnly = true
            let hidden = try await store.list(publicQuery, tenant: "cr").items
            if Date() < start { #expect(hidden.isEmpty) }
            try await Task.sleep(for: .seconds(max(0, start.timeIntervalSinceNow) + 0.3))
            #expect(try await store.list(publicQuery, tenant: "cr").items.map(\.id) == [item.id])
            // Its end is scheduled too; it passes with nothing running in between.
            let end = Date().addingTimeInterval(2)
            item = try await store.transition(
                id: item.id,
                tenant: "cr",
                name: "unpublish",
                expectedVersion: item.version,
                author: "ana",
                comment: "embargo ends",
                at: end
            )
            #expect(item.status == "published" && item.unpublishAt != nil)
            try await Task.sleep(for: .seconds(max(0, end.timeIntervalSinceNow) + 0.3))
            #expect(try await store.list(publicQuery, tenant: "cr").items.isEmpty)
            let read = try await store.item(id: item.id, tenant: "cr")
            #expect(
                read.publishAt != nil && read.unpublishAt != nil
                    && !read.isPublic(at: Date(), publishedStates: Fixtures.note.workflow.publishedStates)
            )
            // Unpublishing now clears the schedule.
            item = try await store.transition(
                id: item.id,
                tenant: "cr",
                name: "unpublish",
                expectedVersion: item.version,
                author: "ana",
                comment: nil
            )
            #expect(item.status == "approved" && item.publishAt == nil && item.unpublishAt == nil)
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func createsWithSlugsFromTitlesUniquePerTenant(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let first = try await store.create(
                draft("Gestión de crisis"),
                tenant: "cr",
                author: "ana",
                message: "first"
            )
            #expect(first.slug == "gestion-de-crisis")
            #expect(first.language == "es")
            #expect(first.status == "draft")
            #expect(first.version == 1)
            let second = try await store.create(draft("Gestión de crisis!"), tenant: "cr", author: "ana", message: nil)
            #expect(second.slug == "gestion-de-crisis-2")
            let otherTenant = try await store.create(
                draft("Gestión de crisis"),
                tenant: "hq",
                author: "ana",
                message: nil
            )
            #expect(otherTenant.slug == "gestion-de-crisis")
            let english = try await store.create(
                ItemDraft(type: "note", title: "Gestión de crisis", language: "en"),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            #expect(english.slug == "gestion-de-crisis")
            let taken = await #expect(throws: ContentError.self) {
                try await store.create(
                    draft("Other", slug: "gestion-de-crisis"),
                    tenant: "cr",
                    author: "ana",
                    message: nil
                )
            }
            #expect(taken?.code == .slugTaken)
            let read = try await store.item(slug: "gestion-de-crisis-2", type: "note", language: "es", tenant: "cr")
            #expect(read.id == second.id)
            #expect(try await store.item(id: first.id, tenant: "cr").title == "Gestión de crisis")
            let elsewhere = await #expect(throws: ContentError.self) {
                try await store.item(id: first.id, tenant: "hq")
            }
            #expect(elsewhere?.code == .notFound)
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func invalidInputReportsEveryProblemAndWritesNothing(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let bad = ItemDraft(
                type: "note",
                title: "",
                language: "de",
                fields: [
                    "phases": .list([.text("preparation")]), "countries": .list([.text("XX")]), "colour": .text("red"),
                ]
            )
            let error = await #expect(throws: ValidationError.self) {
                try await store.create(bad, tenant: "cr", author: "ana", message: nil)
            }
            let fields = Set(error?.issues.map(\.field) ?? [])
            #expect(fields == ["title", "language", "phases", "countries", "colour"])
            let phaseMessage = error?.issues.first { $0.field == "phases" }?.message ?? ""
            #expect(phaseMessage.contains("preparedness"))
            let remaining = try await store.list(ItemQuery(), tenant: "cr")
            #expect(remaining.items.isEmpty)
            let archived = await #expect(throws: ContentError.self) {
                try await store.create(draft("x"), tenant: "old", author: "ana", message: nil)
            }
            #expect(archived?.code == .archivedTenant)
            let unknown = await #expect(throws: ContentError.self) {
                try await store.create(ItemDraft(type: "nots", title: "x"), tenant: "cr", author: "ana", message: nil)
            }
            #expect(unknown?.message.contains("did you mean note") == true)
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func updatesNameTheVersionTheyRead(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let item = try await store.create(
                draft("Plan", ["summary": .text("one")]),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            let updated = try await store.update(
                id: item.id,
                tenant: "cr",
                expectedVersion: 1,
                changes: ItemChanges(title: "Plan renamed", set: ["summary": .text("two")]),
                author: "luis",
                message: "edit"
            )
            #expect(updated.version == 2)
            #expect(updated.slug == "plan")  // stable when the title changes
            #expect(updated.author == "luis")
            let stale = await #expect(throws: ContentError.self) {
                try await store.update(
                    id: item.id,
                    tenant: "cr",
                    expectedVersion: 1,
                    changes: ItemChanges(set: ["summary": .text("lost")]),
                    author: "ana",
                    message: nil
                )
            }
            #expect(stale?.code == .conflict)
            #expect(stale?.message.contains("version 2") == true && stale?.message.contains("version 1") == true)
            #expect(try await store.item(id: item.id, tenant: "cr").fields["summary"] == .text("two"))
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func revisionsDiffAndRevert(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let item = try await store.create(
                draft("Plan", ["summary": .text("one")]),
                tenant: "cr",
                author: "ana",
                message: "new"
            )
            _ = try await store.update(
                id: item.id,
                tenant: "cr",
                expectedVersion: 1,
                changes: ItemChanges(set: ["summary": .text("two"), "kind": .text("a")]),
                author: "ana",
                message: "more"
            )
            let history = try await store.history(id: item.id, tenant: "cr")
            #expect(history.map(\.version) == [1, 2])
            #expect(history.map(\.message) == ["new", "more"])
            let changes = FieldChange.between(history[0], history[1])
            #expect(changes.map(\.field) == ["kind", "summary"])
            #expect(changes[1].before == .text("one") && changes[1].after == .text("two"))
            let reverted = try await store.revert(id: item.id, tenant: "cr", to: 1, expectedVersion: 2, author: "luis")
            #expect(reverted.version == 3)
            #expect(reverted.fields == ["summary": .text("one")])
            #expect(try await store.history(id: item.id, tenant: "cr").last?.message == "revert to version 1")
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func trashRestoreAndPurge(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let item = try await store.create(draft("Old note"), tenant: "cr", author: "ana", message: nil)
            let trashed = try await store.delete(id: item.id, tenant: "cr", author: "ana")
            #expect(trashed.deletedAt != nil)
            #expect(try await store.list(ItemQuery(), tenant: "cr").items.isEmpty)
            #expect(try await store.list(ItemQuery(trashed: true), tenant: "cr").items.map(\.id) == [item.id])
            _ = try await store.restore(id: item.id, tenant: "cr", author: "ana")
            let notTrashed = await #expect(throws: ContentError.self) {
                try await store.purge(id: item.id, tenant: "cr", author: "ana")
            }
            #expect(notTrashed?.code == .invalidState)
            _ = try await store.delete(id: item.id, tenant: "cr", author: "ana")
            try await store.purge(id: item.id, tenant: "cr", author: "ana")
            await #expect(throws: ContentError.self) { try await store.item(id: item.id, tenant: "cr") }
        }
    }

    @Test(arguments: Fixtures.StoreKind.allCases)
    func listsFilterSortAndPage(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            for index in 1...25 {
                let phase = index % 2 == 0 ? "preparedness" : "post_crisis"
                _ = try await store.create(
                    draft(
                        "Note \(String(format: "%02d", index))",
                        [
                            "phases": .list([.text(phase)]), "countries": .list([.text(index % 5 == 0 ? "PH" : "CR")]),
                            "kind": .text(index <= 10 ? "a" : "b"),
                            "day": .text("2026-01-\(String(format: "%02d", index))"),
                        ]
                    ),
                    tenant: "cr",
                    author: "ana",
                    message: nil
                )
            }
            func titles(_ query: ItemQuery) async throws -> [String] {
                try await store.list(query, tenant: "cr").items.map(\.title)
            }
            var query = ItemQuery(
                type: "note",
                filters: [.contains("phases", [.text("preparedness")])],
                sort: .titleAscending
            )
            #expect(try await titles(query).count == 12)
            query.filters.append(.contains("countries", [.text("PH")]))
            #expect(try await titles(query) == ["Note 10", "Note 20"])
            query = ItemQuery(
                filters: [.equals("kind", .text("a")), .between("day", from: "2026-01-03", to: "2026-01-06")],
                sort: .titleAscending
            )
            #expect(try await titles(query) == ["Note 03", "Note 04", "Note 05"])
            query = ItemQuery(filters: [.oneOf("kind", [.text("a"), .text("b")])], sort: .titleAscending, limit: 10)
            var seen: [String] = []
            var pages = 0
            while true {
                let page = try await store.list(query, tenant: "cr")
                seen += page.items.map(\.title)
                pages += 1
                guard let next = page.next else { break }
                query.after = next
            }
            #expect(pages == 3)
            #expect(seen == (1...25).map { "Note \(String(format: "%02d", $0))" })
            #expect(try await titles(ItemQuery(statuses: ["published"])).isEmpty)
            #expect(try await titles(ItemQuery(limit: 5)).first == "Note 25")
        }
    }
}

@Suite struct WorkflowTransitionTests {
    @Test(arguments: Fixtures.StoreKind.allCases)
    func transitionsFollowTheWorkflow(kind: Fixtures.StoreKind) async throws {
        try await Fixtures.withStore(kind) { store in
            let item = try await store.create(
                ItemDraft(type: "note", title: "Flow"),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            let early = await #expect(throws: ContentError.self) {
                try await store.transition(
                    id: item.id,
                    tenant: "cr",
                    name: "publish",
                    expectedVersion: 1,
                    author: "ana",
                    comment: nil
                )
            }
            #expect(early?.message.contains("publish applies to approved items") == true)
            let submitted = try await store.transition(
                id: item.id,
                tenant: "cr",
                name: "submit",
                expectedVersion: 1,
                author: "ana",
                comment: nil
            )
            #expect(submitted.status == "in_review")
            let silent = await #expect(throws: ValidationError.self) {
                try await store.transition(
                    id: item.id,
                    tenant: "cr",
                    name: "request-changes",
                    expectedVersion: 2,
                    author: "luis",
                    comment: " "
                )
            }
            #expect(silent?.issues.first?.field == "comment")
            let approved = try await store.transition(
                id: item.id,
                tenant: "cr",
                name: "approve",
                expectedVersion: 2,
                author: "luis",
                comment: "good"
            )
            let published = try await store.transition(
                id: item.id,
                tenant: "cr",
                name: "publish",
                expectedVersion: approved.version,
                author: "ana",
                comment: nil
            )
            #expect(published.status == "published")
            let history = try await store.history(id: item.id, tenant: "cr")
            #expect(history.map(\.status) == ["draft", "in_review", "approved", "published"])
            #expect(history[2].message == "approve: good")
            let stale = await #expect(throws: ContentError.self) {
                try await store.transition(
                    id: item.id,
                    tenant: "cr",
                    name: "unpublish",
                    expectedVersion: 1,
                    author: "ana",
                    comment: nil
                )
            }
            #expect(stale?.code == .conflict)
            let unknown = await #expect(throws: ContentError.self) {
                try await store.transition(
                    id: item.id,
                    tenant: "cr",
                    name: "teleport",
                    expectedVersion: 4,
                    author: "ana",
                    comment: nil
                )
            }
            #expect(unknown?.message.contains("no transition 'teleport'") == true)
        }
    }
}
