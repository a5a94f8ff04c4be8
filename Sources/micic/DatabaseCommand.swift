import ArgumentParser
import LocalPostgres
import Postgres

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
            printError("the local database runs under \(cluster.home); connect with: psql \"$(micic db url)\"")
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

    struct URL: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the local database's connection URL (for psql)."
        )

        func run() {
            print(DatabaseOptions.localCluster.url())
        }
    }
}
