import Foundation
import Postgres

/// `statements`: 20,000 prepared single-row SELECTs through the module vs
/// `pgbench -M prepared` running the same statement on one connection.
struct StatementsBenchmark: Benchmark {
    let name = "statements"
    let statements = 20_000
    let keys = 100_000

    func run(in context: BenchContext) async throws -> Figure {
        let connection = try await context.connect()
        try await connection.executeScript(
            """
            drop table if exists bench_kv;
            create table bench_kv (id int primary key, v text not null);
            insert into bench_kv select n, 'value ' || n from generate_series(1, \(keys)) n;
            analyze bench_kv;
            """
        )
        let script = context.scratch + "/select.sql"
        try "\\set id random(1, \(keys))\nselect v from bench_kv where id = :id;\n".write(
            toFile: script,
            atomically: true,
            encoding: .utf8
        )
        chmod(script, 0o644)
        let runs = try await RunSeries.measure(name, minimum: 5, maximum: 15, seconds: 120) { repetition in
            let count = statements
            let keys = keys
            let mine = try await seconds {
                try await connection.run { connection in
                    var id = Int32(repetition)
                    for _ in 0..<count {
                        id = (id &* 7919 &+ 13) % Int32(keys) + 1
                        let value = try connection.query("select v from bench_kv where id = \(id)", plan: .prepared)[0]
                            .decode(String.self, at: 0)
                        precondition(!value.isEmpty)
                    }
                }
            }
            let output = try context.run(
                context.pgbench,
                [
                    "-n", "-M", "prepared", "-c", "1", "-j", "1", "-t", "\(statements)", "-f", script,
                    context.connectionString,
                ]
            ).output
            guard let tps = Self.transactionsPerSecond(output) else {
                throw BenchError(message: "pgbench printed no tps: \(output)")
            }
            return [(micic: mine, baseline: Double(statements) / tps)]
        }
        await connection.close()
        return Figure.times(name, micic: runs[0].micic, baseline: "pgbench -M prepared", runs[0].baseline)
    }

    /// pgbench's "tps = N (without initial connection time)".
    static func transactionsPerSecond(_ output: String) -> Double? {
        for line in output.split(separator: "\n") where line.hasPrefix("tps = ") {
            return Double(line.dropFirst(6).prefix { $0.isNumber || $0 == "." })
        }
        return nil
    }
}
