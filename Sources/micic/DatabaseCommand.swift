import ArgumentParser
import LocalPostgres
import Postgres
import Store

/// `micic db start|stop|status|url`: manages the local PostgreSQL server.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the local PostgreSQL server (under MICIC_HOME).",
        subcommands: [Start.self, Stop.self, Status.self, URL.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (the first time), start and migrate the local server."
        )

        func run() async throws {
            let options = try DatabaseOptions.parse([])
            let connection = try await options.connect(migrate: true)
            await connection.close()
            let cluster = DatabaseOptions.localCluster
            printError(
                "the local database runs under \(cluster.home); connect with: psql \"$(micic db url --as "
                    + DatabaseOptions.localPerson + ")\""
            )
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local server.")

        func run() throws {
            do { try DatabaseOptions.localCluster.stop() } catch let error as LocalClusterError {
                throw LocalClusterFailure(underlying: error)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the local server runs.")

        func run() throws {
            let cluster = DatabaseOptions.localCluster
            switch try cluster.status() {
            case .running(let pid): print("running (pid \(pid)) in \(cluster.home)")
            case .stopped: print("stopped (\(cluster.home))")
            case .notCreated: print("not created (\(cluster.home)); it is created on first use")
            }
        }
    }

    struct URL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the local database's connection URL (for psql).",
            discussion: """
                Without --as, the URL connects as the server's superuser, whom row-level security \
                does not hold: for migrations and repairs. --as PERSON connects as that person, \
                under row-level security, as the shell works.
                """
        )

        @Option(
            name: .customLong("as"),
            help: ArgumentHelp("Connect as this person (a name user list shows).", valueName: "PERSON")
        )
        var person: String?

        func run() async throws {
            let cluster = DatabaseOptions.localCluster
            guard let person else {
                printError(
                    "note: this URL connects as the server's superuser, whom row-level security does not hold; "
                        + "micic db url --as \(DatabaseOptions.localPerson) connects as you"
                )
                print(cluster.url())
                return
            }
            // Only people: never a group role, the schema's owner or the public reader.
            let owner = try await DatabaseOptions.parse([]).connect(as: .owner, migrate: false)
            let known = try await owner.run { try PeopleDirectory().exists(person, on: $0) }
            await owner.close()
            guard known else {
                throw ValidationError("there is no person '\(person)' in the local database (micic -c 'user list')")
            }
            print(cluster.url(user: person))
        }
    }
}
