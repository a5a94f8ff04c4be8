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

extension Schema {
    /// Every migration folder shipped: the kernel's first, then the others by name.
    public static var allFolders: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let others = names.filter { name in
            var isDirectory: ObjCBool = false
            return name != kernelFolder
                && FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent(name).path,
                    isDirectory: &isDirectory
                )
                && isDirectory.boolValue
        }
        return [kernelFolder] + others.sorted()
    }
}
