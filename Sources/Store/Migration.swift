public import Foundation
internal import Postgres

/// One step of the schema: an SQL migration file, named by its folder and file
/// (`kernel/0001_tenants.sql`), or a definition the registry declares (a workflow, a
/// plugin's content types), named by what it defines (`workflow/editorial`).
///
/// A file is applied once and must never change. A definition is applied again whenever
/// the declaration changes: changing a plugin's workflow is a migration like any other.
public struct Migration: Sendable, Hashable {
    /// What a migration applies.
    public enum Body: Sendable, Hashable {
        /// SQL text, possibly several statements.
        case script
        /// A JSON document given (as a bound parameter) to the definer named by the
        /// migration's ``Definition``.
        case definition(Definition)
    }

    /// The kinds of definitions, each written by its function in the database.
    public enum Definition: String, Sendable, Hashable {
        /// A workflow: `micic_define_workflow(jsonb)`.
        case workflow
        /// A plugin's content types and their workflows: `micic_define_content_types(jsonb)`.
        case contentTypes = "content-types"
        /// A plugin's workflow effects: `micic_define_effects(jsonb)`.
        case effects
    }

    /// The name recorded when the migration is applied.
    public let name: String
    /// The file's SQL, or the definition's JSON document: what its checksum covers.
    public let sql: String
    /// How it is applied.
    public let body: Body

    /// A migration from its name and SQL text.
    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
        body = .script
    }

    /// A definition of `kind` from its JSON document, applied again when it changes.
    public init(name: String, defining kind: Definition, document: String) {
        self.name = name
        sql = document
        body = .definition(kind)
    }

    /// Whether it is applied again when it changes (a definition), rather than refused.
    public var isRepeatable: Bool { body != .script }

    /// Applies the migration on `connection`, inside the caller's transaction.
    func apply(on connection: isolated Connection) throws {
        switch body {
        case .script:
            try connection.executeScript(sql)
        case .definition(.workflow):
            try connection.execute("select micic_define_workflow(\(sql)::jsonb)")
        case .definition(.contentTypes):
            try connection.execute("select micic_define_content_types(\(sql)::jsonb)")
        case .definition(.effects):
            try connection.execute("select micic_define_effects(\(sql)::jsonb)")
        }
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
