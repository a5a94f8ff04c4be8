import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// The store's bulk create: checked first, inserted by hundreds, each item as a single
/// create leaves it.
@Suite struct BulkCreateTests {
    private func withStore(_ body: (PostgresContentStore) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let connection = try await database.connect()
            try await connection.run { try Fixtures.createTenants(on: $0) }
            try await body(PostgresContentStore(connection: connection, registry: Fixtures.registry))
            await connection.close()
        }
    }

    @Test func manyItemsGetTheirRevisionsAuditAndFreeSlugs() async throws {
        try await withStore { store in
            let taken = try await store.create(
                ItemDraft(type: "note", title: "Note 7"),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            // More than one statement's worth; "Note 7" is taken, and "Repeated" comes twice.
            var drafts: [ItemDraft] = (0..<1_200).map { index in
                var fields: [String: FieldValue] = ["summary": .text("Summary \(index)")]
                if index % 10 == 0 { fields["contact"] = .text("n\(index)@example.org") }
                return ItemDraft(
                    type: "note",
                    title: "Note \(index)",
                    language: index % 3 == 0 ? "en" : nil,
                    fields: fields
                )
            }
            drafts.append(ItemDraft(type: "note", title: "Repeated"))
            drafts.append(ItemDraft(type: "note", title: "Repeated"))
            let all = drafts
            let items = try await store.connection.run { connection in
                try store.create(all, tenant: "cr", author: "luis", message: "bulk", on: connection)
            }
            #expect(items.count == drafts.count)
            #expect(items.map(\.title) == drafts.map(\.title))
            #expect(items[7].slug == "note-7-2")
            #expect(items[1_200].slug == "repeated" && items[1_201].slug == "repeated-2")
            #expect(items[3].language == "en" && items[4].language == "es")
            // What each returned item says is what was stored.
            for item in [items[0], items[7], items[10], items[1_199], items[1_201]] {
                #expect(try await store.item(id: item.id, tenant: "cr") == item)
            }
            #expect(items[10].fields["contact"] == .text("n10@example.org"))
            let ids = items.map(\.id)
            let counts = try await store.connection.query(
                """
                select (select count(*) from items where id = any(\(ids))),
                       (select count(*) from item_revisions where item_id = any(\(ids)) and message = 'bulk'),
                       (select count(*) from audit_log where action = 'create' and item_id = any(\(ids))),
                       (select count(*) from item_private_fields where item_id = any(\(ids)))
                """
            )[0]
            #expect(try (0..<4).map { try counts.decode(Int.self, at: $0) } == [1_202, 1_202, 1_202, 120])
            #expect(!ids.contains(taken.id))
        }
    }

    @Test func oneRefusedDraftWritesNothing() async throws {
        try await withStore { store in
            var drafts = (0..<600).map { ItemDraft(type: "note", title: "Note \($0)") }
            drafts[550].fields = ["kind": .text("z")]
            let refused = drafts
            await #expect(throws: ValidationError.self) {
                try await store.connection.run { connection in
                    try store.create(refused, tenant: "cr", author: "ana", message: nil, on: connection)
                }
            }
            // A slug chosen by hand that is taken undoes what the statements wrote.
            drafts[550].fields = [:]
            drafts[599].slug = "note-3"
            let clashing = drafts
            await #expect(throws: ContentError.self) {
                try await store.connection.run { connection in
                    try store.create(clashing, tenant: "cr", author: "ana", message: nil, on: connection)
                }
            }
            let counts = try await store.connection.query(
                "select (select count(*) from items), (select count(*) from audit_log where action = 'create')"
            )[0]
            #expect(try counts.decode(Int.self, at: 0) == 0 && counts.decode(Int.self, at: 1) == 0)
        }
    }
}
