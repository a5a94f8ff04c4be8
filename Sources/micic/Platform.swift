import Events
import Kernel
import News
import Practices
import Schema
import Store
import Tools
import Translations

/// The composition root: the one place that lists every plugin.
enum Platform {
    /// The plugins, in the order their migrations apply.
    static let plugins: [any Plugin] = [
        PracticesPlugin(), EventsPlugin(), NewsPlugin(), ToolsPlugin(), TranslationsPlugin(),
    ]

    /// The checked plugin list; a clash of names stops the program at start-up.
    static func registry() throws -> PluginRegistry {
        try PluginRegistry(plugins)
    }

    /// Every migration: the kernel's, then each plugin's.
    static func migrations() throws -> [Migration] {
        try Migration.load(from: Schema.directory, folders: registry().schemaFolders(kernel: Schema.kernelFolder))
    }
}
