import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// What only the PostgreSQL store must show: concurrency, audit, transactions.
@Suite struct PostgresContentStoreTests {
    private func withStore(_ body: (PostgresContentStore, TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.with(defining: Fixtures.registry) { database in
            let connection = try await database.connect()
            try await connection.run { connection in
                for tenant in Fixtures.tenants { try TenantDirectory().create(tenant, on: connection) }
            }
            try await body(PostgresContentStore(connection: connection, registry: Fixtures.registry), database)
            await connection.close()
        }
    }

    @Test func twoConcurrentWritersNeverLoseAnUpdate() async throws {
        try await withStore { store, database in
            let item = try await store.create(
                ItemDraft(type: "note", title: "Shared"),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            let results = try await withThrowingTaskGroup(of: Result<Int, ContentError>.self) { group in
                for writer in 0..<2 {
                    group.addTask {
                        let connection = try await database.connect()
                        let other = PostgresContentStore(connection: connection, registry: Fixtures.registry)
                        defer { Task { await connection.close() } }
                        do {
                            let saved = try await other.update(
                                id: item.id,
                                tenant: "cr",
                                expectedVersion: 1,
                                changes: ItemChanges(set: ["summary": .text("writer \(writer)")]),
                                author: "writer\(writer)",
                                message: nil
                            )
                            return .success(saved.version)
                        } catch let error as ContentError {
                            return .failure(error)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let successes = results.compactMap { try? $0.get() }
            #expect(successes == [2])
            let failures = results.compactMap { result -> ContentError? in
                if case .failure(let error) = result { return error }
                return nil
            }
            #expect(failures.map(\.code) == [.conflict])
            #expect(try await store.history(id: item.id, tenant: "cr").count == 2)
        }
    }

    /// An update's entry holds the fields that changed, each as it was and as it is (a field
    /// added or removed as null on the other side), and only those; no fields when none did.
    @Test func anAuditEntryHoldsExactlyTheChangedFields() async throws {
        try await withStore { store, _ in
            let item = try await store.create(
                ItemDraft(
                    type: "note",
                    title: "Fields",
                    fields: ["summary": .text("a"), "kind": .text("a"), "day": .text("2016-06-15")]
                ),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            try await store.connection.execute(
                """
                update items set fields = '{"summary": "b", "kind": "a", "phases": ["response"]}' where id = \(item.id)
                """
            )
            try await store.connection.execute("update items set title = 'Fields again' where id = \(item.id)")
            let entries = try await store.connection.query(
                "select before::text, after::text from audit_log where item_id = \(item.id) and action = 'update' order by id"
            ).map { [try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1)] }
            #expect(
                entries == [
                    [
                        #"{"fields": {"day": "2016-06-15", "phases": null, "summary": "a"}}"#,
                        #"{"fields": {"day": null, "phases": ["response"], "summary": "b"}, "revision": 2}"#,
                    ],
                    [#"{"title": "Fields"}"#, #"{"title": "Fields again", "revision": 3}"#],
                ]
            )
        }
    }

    @Test func everyChangeIsAuditedInTheSameTransaction() async throws {
        try await withStore { store, _ in
            let item = try await store.create(
                ItemDraft(type: "note", title: "Audited", fields: ["summary": .text("a")]),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            _ = try await store.update(
                id: item.id,
                tenant: "cr",
                expectedVersion: 1,
                changes: ItemChanges(set: ["summary": .text("b")]),
                author: "luis",
                message: nil
            )
            _ = try await store.delete(id: item.id, tenant: "cr", author: "luis")
            let rows = try await store.connection.query(
                "select actor, action, before -> 'fields' ->> 'summary' as before, coalesce(after -> 'fields' ->> 'summary', after ->> 'revision') as after from audit_log where item_type = 'note' order by id"
            )
            let entries = try rows.map { row in
                [
                    try row.decode(String.self, column: "actor"), try row.decode(String.self, column: "action"),
                    try row.decode(String?.self, column: "before") ?? "-",
                    try row.decode(String?.self, column: "after") ?? "-",
                ]
            }
            // The database writes the entries, naming who was connected (the author is the item's).
            let actor = try await store.connection.query("select session_user::text")[0].decode(String.self, at: 0)
            #expect(
                entries == [[actor, "create", "-", "1"], [actor, "update", "a", "b"], [actor, "delete", "-", "-"]]
            )
            // A change rolled back takes its audit entry and revision with it.
            struct Abort: Error {}
            let connection = store.connection
            await #expect(throws: Abort.self) {
                try await connection.run { connection in
                    try connection.withTransaction { connection in
                        _ = try store.create(
                            ItemDraft(type: "note", title: "Rolled back"),
                            tenant: "cr",
                            author: "ana",
                            message: nil,
                            on: connection
                        )
                        throw Abort()
                    }
                }
            }
            let counts = try await connection.query(
                "select (select count(*) from items), (select count(*) from item_revisions), (select count(*) from audit_log where item_type = 'note')"
            )[0]
            #expect(
                try [counts.decode(Int.self, at: 0), counts.decode(Int.self, at: 1), counts.decode(Int.self, at: 2)]
                    == [1, 2, 3]
            )
        }
    }

    @Test func aPurgedItemTakesItsRevisionsAndEventsAndLeavesItsAuditEntry() async throws {
        try await withStore { store, _ in
            let item = try await store.create(
                ItemDraft(type: "note", title: "Purged"),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            let kept = try await store.create(
                ItemDraft(type: "note", title: "Kept"),
                tenant: "cr",
                author: "ana",
                message: nil
            )
            for id in [item.id, kept.id] {
                _ = try await store.transition(
                    id: id,
                    tenant: "cr",
                    name: "submit",
                    expectedVersion: 1,
                    author: "ana",
                    comment: nil
                )
            }
            _ = try await store.delete(id: item.id, tenant: "cr", author: "ana")
            try await store.purge(id: item.id, tenant: "cr", author: "ana")
            let counts = try await store.connection.query(
                """
                select (select count(*) from item_revisions where item_id = \(item.id)),
                       (select count(*) from workflow_events where item_id = \(item.id)),
                       (select count(*) from audit_log where item_id = \(item.id) and action = 'purge'),
                       (select count(*) from item_revisions where item_id = \(kept.id)),
                       (select count(*) from workflow_events where item_id = \(kept.id))
                """
            )[0]
            #expect(try (0..<5).map { try counts.decode(Int.self, at: $0) } == [0, 0, 1, 2, 1])
        }
    }

    @Test func fieldsAreReadLazilyOrAsRowsArriveAndTextTheKernelCannotHoldIsAnErrorWhenRead() async throws {
        try await withStore { store, _ in
            let draft = ItemDraft(type: "note", title: "Albergues", fields: ["summary": .text("Línea\n\"uno\"")])
            let item = try await store.create(draft, tenant: "cr", author: "ana", message: nil)
            let listed = try await store.list(ItemQuery(type: "note"), tenant: "cr").items
            #expect(listed == [item])
            #expect(listed.first?.keepsFieldsAsText == true)
            #expect(listed.first?.fields["summary"] == .text("Línea\n\"uno\""))
            // Callers that read every field have them parsed as the rows arrive.
            let parsed = try await store.connection.run {
                try store.list(ItemQuery(type: "note"), tenant: "cr", parsingFields: true, on: $0).items
            }
            #expect(parsed == [item])
            #expect(parsed.first?.keepsFieldsAsText == false)

            // A value written past the Kernel (a fraction: fields hold whole numbers) fails
            // the read that meets it, not a later look at the field.
            try await store.connection.execute(
                "update items set fields = jsonb_set(fields, '{summary}', '20.5') where id = \(item.id)"
            )
            await #expect(throws: FieldValueJSONError.self) { try await store.item(id: item.id, tenant: "cr") }
            await #expect(throws: FieldValueJSONError.self) {
                try await store.list(ItemQuery(type: "note"), tenant: "cr")
            }
            await #expect(throws: FieldValueJSONError.self) {
                try await store.connection.run {
                    try store.list(ItemQuery(type: "note"), tenant: "cr", parsingFields: true, on: $0)
                }
            }
        }
    }

    @Test func timestampsAreStoredInUTCAndEventTimesKeepTheirZone() async throws {
        try await withStore { store, _ in
            let zone = try await store.connection.query("select current_setting('TimeZone')")[0].decode(
                String.self,
                at: 0
            )
            let start = try #require(ZonedDateTime.value(local: "2017-12-04T09:00", zone: "America/Mexico_City"))
            #expect(start == .object(["utc": .text("2017-12-04T15:00:00Z"), "zone": .text("America/Mexico_City")]))
            let column = try await store.connection.query(
                "select data_type from information_schema.columns where table_name = 'items' and column_name = 'updated_at'"
            )[0].decode(String.self, at: 0)
            #expect(column == "timestamp with time zone")
            #expect(!zone.isEmpty)
        }
    }
}
