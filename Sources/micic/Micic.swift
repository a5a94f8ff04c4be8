import ArgumentParser
import Postgres
import Store

/// The `micic` command.
struct Micic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micic",
        abstract: "A multi-tenant content platform for the MICIC Initiative, administered from a shell.",
        discussion: """
            With no database configured (DATABASE_URL, PG* variables or --database-url), micic \
            starts a private PostgreSQL server under MICIC_HOME and migrates it by itself.
            """,
        version: "0.1.0",
        subcommands: [MigrateCommand.self, DatabaseCommand.self, DemoCommand.self]
    )

    @OptionGroup var database: DatabaseOptions

    /// Shows the content at a glance; the first time on the local database, loads the
    /// demonstration content so there is something to see.
    func run() async throws {
        let connection = try await database.connect()
        let registry = try Platform.registry()
        if try database.configured() == nil,
            try await connection.run({ try TenantDirectory().list(on: $0).isEmpty })
        {
            let summary = try await DemoLoader(registry: registry).load(on: connection)
            printError("first start: loaded the demonstration content (\(summary.itemsCreated) items in 3 tenants)")
        }
        print(try await Overview(registry: registry).render(on: connection), terminator: "")
        await connection.close()
        printError("\nmicic --help lists the commands; micic db url gives a URL for psql.")
    }
}
