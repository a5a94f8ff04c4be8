import Foundation
import Postgres

/// One statement read through the Store vs `pgbench -M prepared` running the same statement
/// with its values written in, each on one connection; compares the 95th percentiles of the
/// per-call latencies (medians over the runs of a ``RunSeries``: runs are added until the
/// ratio is steady).
///
/// Each run makes `calls` calls, or fewer when they would take more than `budget` (a slow
/// plan), and pgbench runs as many transactions as micic made calls. The two take turns
/// going first: in odd runs pgbench runs as many transactions as micic made calls in the
/// run before, then micic makes as many calls.
struct PgbenchComparison {
    /// The benchmark's name, for the figure and pgbench's log files.
    let name: String
    let calls: Int
    /// The fewest and most runs (see ``RunSeries``).
    let runs: ClosedRange<Int>
    /// The time after which no run is added.
    let seconds: Double
    let budget: Duration

    /// Measures `call` (one Store call on `connection`) against pgbench running `sql`, whose
    /// plan `scan` names in the figure.
    func run(
        in context: BenchContext,
        connection: Connection,
        sql: String,
        scan: String,
        call: @escaping @Sendable (isolated Connection) throws -> Void
    ) async throws -> Figure {
        let script = context.scratch + "/\(name).sql"
        try (sql + ";\n").write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o644)

        let warm = try await latencies(calls: 200, within: budget / 5, on: connection, call: call)
        _ = try pgbenchLatencies(transactions: warm.count, script: script, context: context, label: "warm")

        var counts: [Int] = []
        var medians: [String] = []
        let series = try await RunSeries.measure(name, runs: runs, seconds: seconds) { run in
            // Each side goes first in every other run, so that a machine speeding up or
            // slowing down over the runs favours neither.
            var micic: [Double] = []
            var pgbench: [Double] = []
            if run % 2 == 1 {
                pgbench = try pgbenchLatencies(
                    transactions: counts.last ?? calls,
                    script: script,
                    context: context,
                    label: "\(run)"
                )
                micic = try await latencies(calls: pgbench.count, within: budget * 2, on: connection, call: call)
            } else {
                micic = try await latencies(calls: calls, within: budget, on: connection, call: call)
                pgbench = try pgbenchLatencies(
                    transactions: micic.count,
                    script: script,
                    context: context,
                    label: "\(run)"
                )
            }
            counts.append(micic.count)
            medians.append(Self.format(median(micic)) + "/" + Self.format(median(pgbench)))
            return (micic: percentile(micic, 0.95), baseline: percentile(pgbench, 0.95))
        }
        note(
            "  calls \(counts); p95 micic \(series.micic.map(Self.format)) ms, "
                + "pgbench \(series.baseline.map(Self.format)) ms; "
                + "medians micic/pgbench \(medians.joined(separator: " ")) ms"
        )
        var extra = "; plan: " + scan
        if let fewest = counts.min(), fewest < calls {
            extra += "; \(fewest) calls per run (\(calls) exceed the \(budget) budget)"
        }
        return Figure(
            name: name,
            value: median(series.micic),
            unit: "ms",
            baseline: "pgbench -M prepared p95",
            baselineValue: median(series.baseline),
            ratio: series.ratio,
            extra: extra
        )
    }

    /// The statement `build` makes, with its values written in (for pgbench), its plan (also
    /// noted on standard error) and the ids of the rows it reads.
    static func inspect(
        on connection: Connection,
        _ build: @escaping @Sendable (isolated Connection) throws -> Query
    ) async throws -> (sql: String, plan: [String], ids: [Int64]) {
        let inspected = try await connection.run { connection in
            let sql = try SQLLiteral.inline(try build(connection))
            let plan = try connection.query(Query(unsafeSQL: "explain (format text) " + sql))
                .map { try $0.decode(String.self, at: 0) }
            let ids = try connection.query(Query(unsafeSQL: sql)).map { try $0.decode(Int64.self, column: "id") }
            return (sql, plan, ids)
        }
        note("  plan:\n" + inspected.1.map { "    " + $0 }.joined(separator: "\n"))
        return inspected
    }

    /// Milliseconds of each of `calls` calls made one after another on one connection,
    /// stopping early once `budget` has passed.
    private func latencies(
        calls: Int,
        within budget: Duration,
        on connection: Connection,
        call: @escaping @Sendable (isolated Connection) throws -> Void
    ) async throws -> [Double] {
        try await connection.run { connection in
            var times: [Double] = []
            times.reserveCapacity(calls)
            let deadline = ContinuousClock.now + budget
            while times.count < calls && ContinuousClock.now < deadline {
                let start = ContinuousClock.now
                try call(connection)
                times.append(milliseconds(ContinuousClock.now - start))
            }
            return times
        }
    }

    /// Milliseconds of each transaction of a pgbench run, from its per-transaction log.
    private func pgbenchLatencies(
        transactions: Int,
        script: String,
        context: BenchContext,
        label: String
    ) throws -> [Double] {
        let prefix = "pgbench-\(name)-\(label)"
        try context.run(
            context.pgbench,
            [
                "-n", "-M", "prepared", "-c", "1", "-j", "1", "-t", "\(transactions)", "-f", script, "-l",
                "--log-prefix=\(context.scratch)/\(prefix)", context.connectionString,
            ]
        )
        let logs = try FileManager.default.contentsOfDirectory(atPath: context.scratch)
            .filter { $0.hasPrefix(prefix + ".") }
        var times: [Double] = []
        for log in logs {
            let path = context.scratch + "/" + log
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: path)
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count >= 3, let micros = Double(fields[2]) else {
                    throw BenchError(message: "unexpected pgbench log line: \(line)")
                }
                times.append(micros / 1000)
            }
        }
        guard times.count == transactions else {
            throw BenchError(message: "pgbench logged \(times.count) transactions of \(transactions)")
        }
        return times
    }

    /// The plan's first scan node (`Index Scan using items_list_idx`), or its first that
    /// `matching` accepts.
    static func firstScan(_ plan: [String], matching: (String) -> Bool = { _ in true }) -> String {
        guard let line = plan.first(where: { ($0.contains(" Scan ") || $0.hasPrefix("Index")) && matching($0) }) else {
            return "?"
        }
        var node = line.trimmingCharacters(in: .whitespaces)
        if node.hasPrefix("->") { node = node.dropFirst(2).trimmingCharacters(in: .whitespaces) }
        if let cost = node.range(of: "  (") { node = String(node[..<cost.lowerBound]) }
        if node.contains(" using "), let table = node.range(of: " on ") { node = String(node[..<table.lowerBound]) }
        return node
    }

    static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
