import Foundation
import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// A small content type that uses most field kinds, so store tests need no plugin.
enum Fixtures {
    static let note = ContentType(
        name: "note",
        plural: "notes",
        label: "Note",
        fields: [
            FieldSpec("summary", .markdown(maxLength: 500)),
            FieldSpec("phases", .list(.choice(.phases)), shared: true, filter: "phase"),
            FieldSpec("countries", .list(.country), shared: true, filter: "country"),
            FieldSpec(
                "kind",
                .choice(Vocabulary(name: "kind", terms: [Term(code: "a", label: "A"), Term(code: "b", label: "B")])),
                shared: true
            ),
            FieldSpec("day", .date, shared: true),
            FieldSpec("contact", .email, isPrivate: true),
        ]
    )

    struct NotesPlugin: Plugin {
        var name: String { "notes" }
        var contentTypes: [ContentType] { [Fixtures.note] }
    }

    static let registry = try! PluginRegistry([NotesPlugin()])

    static let tenants = [
        Tenant(code: "cr", name: "Costa Rica", defaultLanguage: "es", languages: ["es", "en"]),
        Tenant(code: "hq", name: "Headquarters", defaultLanguage: "en", languages: ["en", "fr"]),
        Tenant(code: "old", name: "Archived office", defaultLanguage: "en", languages: ["en"], isArchived: true),
    ]

    /// Which implementation a shared behaviour test runs against.
    enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case memory, postgres
        var testDescription: String { rawValue }
    }

    /// Creates the fixture tenants on `connection`, `old` archived.
    static func createTenants(on connection: isolated Connection) throws {
        for tenant in tenants { try TenantDirectory().create(tenant, on: connection) }
        try connection.execute("update tenants set archived_at = now() where code = 'old'")
    }

    /// Runs `body` with a fresh store of `kind` for `registry` holding the fixture tenants.
    static func withStore(
        _ kind: StoreKind,
        registry: PluginRegistry = registry,
        _ body: (any ContentStore) async throws -> Void
    ) async throws {
        switch kind {
        case .memory:
            try await body(MemoryContentStore(registry: registry, tenants: tenants))
        case .postgres:
            try await TestDatabase.with(defining: registry) { database in
                let connection = try await database.connect()
                try await connection.run { try createTenants(on: $0) }
                try await body(PostgresContentStore(connection: connection, registry: registry))
                await connection.close()
            }
        }
    }
}
