import ArgumentParser
import Foundation
import Postgres
import Registration
import Store

/// `micic migrate [--status]`: applies pending migrations or lists their state.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations, each in its own transaction.",
        discussion: """
            An applied migration whose file changed stops the run before anything is applied. The plugins' \
            workflows and content types are definitions: a changed one is applied again.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "List applied, pending and changed migrations without applying any.")
    var status = false

    func run() async throws {
        let connection = try await database.connect(as: .owner, migrate: false)
        let migrator = Migrator(migrations: try Platform.migrations())
        if status {
            let states = try await connection.run { try migrator.status(on: $0) }
            for state in states {
                switch state.state {
                case .applied(let date): print("applied  \(state.name)  \(date.formatted(.iso8601))")
                case .pending: print("pending  \(state.name)")
                case .changed: print("CHANGED  \(state.name)  (the file differs from the applied one)")
                case .redefined: print("pending  \(state.name)  (the declaration changed: migrating applies it again)")
                }
            }
        } else {
            let applied = try await connection.run { try migrator.migrate(on: $0) }
            if applied.isEmpty {
                printError("nothing to migrate: all \(migrator.migrations.count) migrations are applied")
            }
            for name in applied { print("applied  \(name)") }
        }
        await connection.close()
    }
}
