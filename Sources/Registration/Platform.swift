internal import Events
public import Kernel
internal import News
public import Postgres
internal import Practices
internal import Schema
public import Store
internal import Tools
internal import Translations
internal import TranslationsStore

/// The composition root: the one place that lists every plugin, for the executable, the
/// benchmarks and the tests alike.
public enum Platform {
    /// The plugins, in the order their migrations apply.
    public static let plugins: [any Plugin] = [
        PracticesPlugin(), EventsPlugin(), NewsPlugin(), ToolsPlugin(), TranslationsPlugin(),
    ]

    /// The checked plugin list; a clash of names stops the program at start-up.
    public static func registry() throws -> PluginRegistry {
        try PluginRegistry(plugins)
    }

    /// A content store on `connection` for `registry`, whose updates of items also run the
    /// plugins' storage rules (a translation changes only as its job allows).
    public static func store(on connection: Connection, registry: PluginRegistry) -> PostgresContentStore {
        PostgresContentStore(
            connection: connection,
            registry: registry,
            updateHooks: [TranslationJobUpdateHook()]
        )
    }

    /// The services commands ask for, over `store` (the Translations plugin's desk, the
    /// offers and adoptions between tenants), as the shell's backend offers them.
    public static func services(for store: PostgresContentStore) -> [any Sendable] {
        [PostgresTranslationDesk(store: store), PostgresAdoptionDesk(store: store) as any AdoptionService]
    }

    /// Every migration of `registry` (the platform's unless told): the kernel's files, each
    /// plugin's, then the definitions of the workflows and content types.
    public static func migrations(for registry: PluginRegistry? = nil) throws -> [Migration] {
        try Migration.all(for: registry ?? self.registry(), from: Schema.directory, kernel: Schema.kernelFolder)
    }
}
