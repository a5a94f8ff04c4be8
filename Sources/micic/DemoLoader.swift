import DemoContent
import Kernel
import Postgres
import Store

/// Loads the demonstration tenants and content; running it again changes nothing.
struct DemoLoader {
    let registry: PluginRegistry

    /// What a load did.
    struct Summary {
        var tenantsCreated = 0
        var itemsCreated = 0
        var itemsPresent = 0
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
                for demo in DemoContent.items {
                    var draft = demo.draft
                    draft.status = demo.published ? "published" : nil
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
                return summary
            }
        }
    }
}
