import ArgumentParser
import LocalPostgres
import Postgres
import Store

/// `micic db start|stop|status|url`: manages the local PostgreSQL server (and its standbys,
/// `db start --standbys N`), or a failover formation (`db start --failover`).
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the local PostgreSQL server (under MICIC_HOME).",
        subcommands: [Start.self, Stop.self, Status.self, URL.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (the first time), start and migrate the local server.",
            discussion: """
                --failover makes a pg_auto_failover formation instead of the single server: a \
                monitor and two data nodes, the second a synchronous standby of the first, \
                promoted by the monitor when the primary's machine fails. It needs a MICIC_HOME \
                of its own; once made, every micic command there uses it, through a URL that \
                follows the primary.
                """
        )

        @Option(
            help: ArgumentHelp(
                "Also make and start N hot standbys of the local server, streaming from it.",
                valueName: "N"
            )
        )
        var standbys = 0

        @Flag(help: "Make and start a failover formation (pg_auto_failover) instead of one server.")
        var failover = false

        func validate() throws {
            guard (0...9).contains(standbys) else { throw ValidationError("--standbys takes 0 to 9") }
            guard !(failover && standbys > 0) else {
                throw ValidationError("--failover makes its own standby; it takes no --standbys")
            }
        }

        func run() async throws {
            let home = LocalCluster.defaultHome()
            let formed = LocalFailoverCluster.exists(at: home)
            if failover && !formed {
                guard try LocalCluster(home: home).status() == .notCreated else {
                    throw ValidationError(
                        "\(home) holds a single local server; a failover formation needs a MICIC_HOME of its own"
                    )
                }
                try await LocalDatabase.formation(LocalFailoverCluster(home: home)).start()
            } else if formed && standbys > 0 {
                throw ValidationError("\(home) holds a failover formation, whose standby is its own: no --standbys")
            }
            let options = try DatabaseOptions.parse([])
            let connection = try await options.connect(migrate: true)
            await connection.close()
            let local = LocalDatabase.current
            printError(
                "the local database runs under \(local.home); connect with: psql \"$(micic db url --as "
                    + DatabaseOptions.localPerson + ")\""
            )
            if case .formation(let formation) = local {
                let nodes = try formation.nodes().map(\.description).joined(separator: ", ")
                printError("failover formation: \(nodes); writes: \(formation.url(user: DatabaseOptions.localPerson))")
            }
            guard standbys > 0 else { return }
            let set = LocalReplicaSet(home: home, standbys: standbys)
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
            do {
                switch LocalDatabase.current {
                case .server(let cluster): try LocalReplicaSet.existing(home: cluster.home).stop()
                case .formation(let formation): try formation.stop()
                }
            } catch let error as LocalClusterError {
                throw LocalClusterFailure(underlying: error)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the local server runs.")

        func run() throws {
            guard case .server(let cluster) = LocalDatabase.current else {
                return try formationStatus()
            }
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

        /// Each node as the formation's monitor sees it.
        private func formationStatus() throws {
            let formation = LocalFailoverCluster(home: LocalDatabase.current.home)
            guard let nodes = try? formation.nodes(), !nodes.isEmpty else {
                print("failover formation stopped (\(formation.home))")
                return
            }
            print("failover formation in \(formation.home)")
            for node in nodes {
                print("\(node)\(node.healthy ? "" : ", unreachable") (port \(node.port))")
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
            let local = LocalDatabase.current
            guard let person else {
                printError(
                    "note: this URL connects as the server's superuser, whom row-level security does not hold; "
                        + "micic db url --as \(DatabaseOptions.localPerson) connects as you"
                )
                print(local.url())
                return
            }
            // Only people: never a group role, the schema's owner or the public reader.
            let owner = try await DatabaseOptions.parse([]).connect(as: .owner, migrate: false)
            let known = try await owner.run { try PeopleDirectory().exists(person, on: $0) }
            await owner.close()
            guard known else {
                throw ValidationError("there is no person '\(person)' in the local database (micic -c 'user list')")
            }
            print(local.url(user: person))
        }
    }
}
