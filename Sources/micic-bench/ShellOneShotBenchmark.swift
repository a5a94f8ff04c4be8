import Foundation
import Kernel
import LocalPostgres
import Postgres
import Store

/// `shell-oneshot`: `micic -c 'practice list --limit 20 --format csv'` as a whole process vs
/// `psql -c` running the same SELECT on the same database, medians of whole-process times.
struct ShellOneShotBenchmark: Benchmark {
    let name = "shell-oneshot"

    func run(in context: BenchContext) async throws -> Figure {
        try await context.prepareContent()
        let sql = try await context.ensurePractices(200)
        let micic = try BenchContext.sibling("micic")
        let environment = ["DATABASE_URL": context.cluster.url(database: "bench")]
        let command = "practice list --tenant \(BenchContext.contentTenant.code) --limit 20 --format csv"
        let runs = try await RunSeries.measure(name, minimum: 15, maximum: 60, seconds: 60) { _ in
            [
                (
                    micic: try context.run(micic, ["-c", command], environment: environment).seconds,
                    baseline: try context.run(context.psql, ["-X", "-q", "--csv", "-c", sql, context.connectionString])
                        .seconds
                )
            ]
        }[0]
        return Figure.times(name, micic: runs.micic, baseline: "psql -c", runs.baseline)
    }
}

extension BenchContext {
    /// The path of another executable built beside this one.
    static func sibling(_ name: String) throws -> String {
        let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            name
        ).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError(message: "\(name) is not built beside micic-bench; Scripts/bench builds both")
        }
        return path
    }

    /// Makes sure the tenant has at least `count` practices, and returns the SQL of the
    /// first page of `practice list --limit 20` with its values written in.
    func ensurePractices(_ count: Int) async throws -> String {
        let connection = try await connect()
        let store = PostgresContentStore(connection: connection, registry: try Self.contentRegistry())
        let tenant = Self.contentTenant.code
        let sql = try await connection.run { connection in
            let present = try connection.query("select count(*) from items where type = 'practice'")[0].decode(
                Int.self,
                at: 0
            )
            if present < count {
                try connection.withTransaction { connection in
                    for index in present..<count {
                        let draft = ItemDraft(
                            type: "practice",
                            title: "Shell benchmark practice \(index)",
                            fields: [
                                "phases": .list([.text("preparedness")]), "countries": .list([.text("CR")]),
                                "summary": .text("A practice listed by the shell benchmarks."),
                            ]
                        )
                        _ = try store.create(draft, tenant: tenant, author: "bench", message: nil, on: connection)
                    }
                }
            }
            return try SQLLiteral.inline(
                store.listStatement(ItemQuery(type: "practice", limit: 20), tenant: tenant, on: connection)
            )
        }
        await connection.close()
        return sql
    }
}
