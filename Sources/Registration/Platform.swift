public import Events
public import Kernel
public import News
public import Practices
internal import Schema
public import Store
public import Tools
public import Translations

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

    /// Every migration of `registry` (the platform's unless told): the kernel's files, each
    /// plugin's, then the definitions of the workflows and content types.
    public static func migrations(for registry: PluginRegistry? = nil) throws -> [Migration] {
        try Migration.all(for: registry ?? self.registry(), from: Schema.directory, kernel: Schema.kernelFolder)
    }
}
