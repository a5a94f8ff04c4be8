import ArgumentParser

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
        subcommands: [MigrateCommand.self, DatabaseCommand.self]
    )

    func run() async throws {
        print(Micic.helpMessage())
    }
}
