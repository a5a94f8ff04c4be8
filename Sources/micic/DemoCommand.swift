import ArgumentParser
import Postgres
import Registration

/// `micic demo load`: the demonstration tenants and content.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demonstration content.",
        subcommands: [Load.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the demonstration tenants (hq, cr, ph) and their content; running it again changes nothing."
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let connection = try await database.connect()
            let summary = try await DemoLoader(registry: Platform.registry()).load(on: connection)
            await connection.close()
            printError(
                "demo content: \(summary.tenantsCreated) tenants, \(summary.peopleCreated) people and "
                    + "\(summary.itemsCreated) items created, "
                    + "\(summary.itemsPresent) items already there, "
                    + "\(summary.translationsRequested) translations requested"
            )
        }
    }
}
