import Kernel
import Schema
import Store

/// The composition root: the one place that lists every plugin.
enum Platform {
    /// The plugins, in the order their migrations apply.
    static let plugins: [any Plugin] = []

    /// Every migration: the kernel's, then each plugin's.
    static func migrations() throws -> [Migration] {
        let folders = [Schema.kernelFolder] + plugins.compactMap(\.schemaFolder)
        return try Migration.load(from: Schema.directory, folders: folders)
    }
}
