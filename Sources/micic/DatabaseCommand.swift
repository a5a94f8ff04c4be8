import ArgumentParser
import LocalPostgres
import Postgres
import Store

/// `micic db start|stop|status|url`: manages the local PostgreSQL server (and its standbys,
/// `db start --standbys N`).
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

        @Option(
            help: ArgumentHelp(
                "Also make and start N hot standbys of the local server, streaming from it.",
                valueName: "N"
            )
        )
        var standbys = 0

        func validate() throws {
            guard (0...9).contains(standbys) else { throw ValidationError("--standbys takes 0 to 9") }
        }

        func run() async throws {
            let options = try DatabaseOptions.parse([])
            let connection = try await options.connect(migrate: true)
            await connection.close()
            let cluster = DatabaseOptions.localCluster
            printError(
                "the local database runs under \(cluster.home); connect with: psql \"$(micic db url --as "
                    + DatabaseOptions.localPerson + ")\""
            )
            guard standbys > 0 else { return }
            let set = LocalReplicaSet(home: cluster.home, standbys: standbys)
            do { try set.start() } catch let error as LocalClusterError {
                throw LocalClusterFailure(underlying: error)
            }
            printError("writes (whichever server takes them): \(set.url(user: DatabaseOptions.localPerson))")
            for standby in set.standbys {
                printError("standby (reads): \(standby.url(user: DatabaseOptions.localPerson))")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local server.")

        func run() throws {
            let set = LocalReplicaSet.existing(home: DatabaseOptions.localCluster.home)
            do { try set.stop() } catch let error as LocalClusterError {
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
            for standby in LocalReplicaSet.existing(home: cluster.home).standbys {
                switch try standby.status() {
                case .running(let pid): print("standby running (pid \(pid)) in \(standby.home)")
                case .stopped, .notCreated: print("standby stopped (\(standby.home))")
                }
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
