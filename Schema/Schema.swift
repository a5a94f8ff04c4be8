public import Foundation

/// The SQL migrations shipped with the platform: `kernel/` first, then one folder per plugin.
public enum Schema {
    /// The folder holding the migration folders.
    public static var directory: URL {
        Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }

    /// The kernel's own migration folder.
    public static let kernelFolder = "kernel"
}
