import Foundation
import Kernel
import LocalPostgres
import Postgres
import Store

/// `shell-start`: the shell started on the local, already migrated database (as a new user
/// runs it: no DATABASE_URL, MICIC_HOME set), reading one command from standard input and
/// exiting, vs psql doing the same with the same SELECT.
struct ShellStartBenchmark: Benchmark {
    let name = "shell-start"

    func run(in context: BenchContext) async throws -> Figure {
        let micic = try BenchContext.sibling("micic")
        // The bench server is laid out as micic's local server: point MICIC_HOME at it.
        let environment = ["MICIC_HOME": context.cluster.home, "DATABASE_URL": "", "PGHOST": "", "PGDATABASE": ""]
        let command = "practice list --tenant cr --limit 20 --format csv\n"
        let first = try context.run(micic, [], environment: environment, input: command)
        guard first.output.contains("slug") else {
            throw BenchError(message: "the first start failed: \(first.output)")
        }
        let local = try await Connection.connect(ConnectionConfiguration(url: context.cluster.url(database: "micic")))
        let registry = try BenchContext.contentRegistry()
        let store = PostgresContentStore(connection: local, registry: registry)
        let sql = try await local.run { connection in
            try SQLLiteral.inline(
                store.listStatement(ItemQuery(type: "practice", limit: 20), tenant: "cr", on: connection)
            )
        }
        await local.close()
        let connection =
            "host=\(context.cluster.socketDirectory) port=\(context.cluster.port) user=\(context.cluster.superuser) dbname=micic"
        let runs = try await RunSeries.measure(name, minimum: 15, maximum: 60, seconds: 60) { _ in
            [
                (
                    micic: try context.run(micic, [], environment: environment, input: command).seconds,
                    baseline: try context.run(context.psql, ["-X", "-q", "--csv", connection], input: sql + ";\n")
                        .seconds
                )
            ]
        }[0]
        return Figure.times(name, micic: runs.micic, baseline: "psql", runs.baseline)
    }
}
