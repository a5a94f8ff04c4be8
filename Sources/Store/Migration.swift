public import Foundation

/// One SQL migration file, named by its folder and file (`kernel/0001_tenants.sql`).
public struct Migration: Sendable, Hashable {
    /// The name recorded when the migration is applied.
    public let name: String
    /// The file's SQL, possibly several statements.
    public let sql: String

    /// A migration from its name and SQL text.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// Reads the `.sql` files of each folder under `directory`, folder by folder in the
    /// given order, files in name order.
    /// - Throws: ``MigrationError`` when a folder is missing or a file unreadable.
    public static func load(from directory: URL, folders: [String]) throws -> [Migration] {
        var migrations: [Migration] = []
        for folder in folders {
            let path = directory.appendingPathComponent(folder).path
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                throw MigrationError.missingFolder(path)
            }
            for file in files.sorted() where file.hasSuffix(".sql") {
                let url = URL(fileURLWithPath: path).appendingPathComponent(file)
                guard let sql = try? String(contentsOf: url, encoding: .utf8) else {
                    throw MigrationError.unreadable(folder + "/" + file)
                }
                migrations.append(Migration(name: folder + "/" + file, sql: sql))
            }
        }
        return migrations
    }
}
