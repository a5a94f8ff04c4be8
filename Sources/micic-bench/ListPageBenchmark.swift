import Foundation
import Kernel
import Postgres
import Store

/// `list-page`: a filtered page of 20 practices out of 200,000 items, read through the
/// store vs `pgbench -M prepared` running the same statement with its values written in;
/// compares the 95th percentiles of the per-call latencies.
///
/// Each run makes 2,000 calls, or fewer when they would take more than `budget` (a slow
/// plan), and pgbench then runs as many transactions as micic made calls.
struct ListPageBenchmark: Benchmark {
    let name = "list-page"
    let items = 200_000
    let calls = 2_000
    let repetitions = 5
    let budget = Duration.seconds(5)

    /// Published practices on preparedness that concern Costa Rica, newest first.
    static let query = ItemQuery(
        type: "practice",
        statuses: ["published"],
        filters: [.contains("phases", [.text("preparedness")]), .contains("countries", [.text("CR")])],
        limit: 20
    )

    func run(in context: BenchContext) async throws -> Figure {
        let tenantID = try await context.prepareContent()
        let connection = try await context.connect()
        try await load(tenantID: tenantID, on: connection)
        let store = PostgresContentStore(connection: connection, registry: try BenchContext.contentRegistry())
        let tenant = BenchContext.contentTenant.code
        let query = Self.query
        let (sql, plan, pageIDs) = try await connection.run { connection in
            let sql = try SQLLiteral.inline(try store.listStatement(query, tenant: tenant, on: connection))
            let plan = try connection.query(Query(unsafeSQL: "explain (format text) " + sql))
                .map { try $0.decode(String.self, at: 0) }
            let ids = try connection.query(Query(unsafeSQL: sql)).map { try $0.decode(Int64.self, column: "id") }
            return (sql, plan, ids)
        }
        note("  plan:\n" + plan.map { "    " + $0 }.joined(separator: "\n"))
        if plan.contains(where: { $0.contains("Seq Scan on items") }) {
            throw BenchError(
                message: "the list statement scans the whole items table:\n" + plan.joined(separator: "\n")
            )
        }
        let script = context.scratch + "/list-page.sql"
        try (sql + ";\n").write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o644)

        // Warm up both sides (and check they read the same page).
        let page = try await connection.run { try store.list(query, tenant: tenant, on: $0) }
        guard page.items.count == query.limit, page.items.map(\.id) == Array(pageIDs.prefix(query.limit)) else {
            throw BenchError(message: "the store's page differs from the statement's rows")
        }
        let warm = try await latencies(calls: 200, within: budget / 5, on: connection, store: store)
        _ = try pgbenchLatencies(transactions: warm.count, script: script, context: context, label: "warm")

        var mine: [Double] = []
        var theirs: [Double] = []
        var counts: [Int] = []
        var medians: [String] = []
        for repetition in 0..<repetitions {
            let micic = try await latencies(calls: calls, within: budget, on: connection, store: store)
            let pgbench = try pgbenchLatencies(
                transactions: micic.count,
                script: script,
                context: context,
                label: "\(repetition)"
            )
            mine.append(percentile(micic, 0.95))
            theirs.append(percentile(pgbench, 0.95))
            counts.append(micic.count)
            medians.append(Self.format(median(micic)) + "/" + Self.format(median(pgbench)))
        }
        await connection.close()
        note(
            "  calls \(counts); p95 micic \(mine.map(Self.format)) ms, pgbench \(theirs.map(Self.format)) ms; "
                + "medians micic/pgbench \(medians.joined(separator: " ")) ms"
        )
        let micic = median(mine)
        let baseline = median(theirs)
        var extra = "; plan: " + Self.firstScan(plan)
        if let fewest = counts.min(), fewest < calls {
            extra += "; \(fewest) calls per run (\(calls) exceed the \(budget) budget)"
        }
        return Figure(
            name: name,
            value: micic,
            unit: "ms",
            baseline: "pgbench -M prepared p95",
            baselineValue: baseline,
            ratio: baseline / micic,
            extra: extra
        )
    }

    /// Replaces the content with `items` rows by COPY, then analyzes the table (unless an
    /// earlier benchmark of the run left exactly those rows).
    func load(tenantID: Int64, on connection: Connection) async throws {
        let count = items
        let present = try await connection.query(
            "select count(*) from items where type = any('{practice,event,news,tool}')"
        )[0]
        .decode(Int.self, at: 0)
        if present == count { return }
        let started = ContinuousClock.now
        let loaded = try await connection.run { connection in
            try connection.execute("truncate items, item_revisions, audit_log cascade")
            let loaded = try connection.copyFrom(ContentMix.copyStatement) { writer in
                for index in 0..<count { try writer.writeRow(try ContentMix.row(index, tenantID: tenantID)) }
            }
            try connection.execute("analyze items")
            return loaded
        }
        guard loaded == count else { throw BenchError(message: "COPY loaded \(loaded) of \(count) items") }
        let matching = try await connection.run { connection in
            try connection.query(
                """
                select count(*) from items
                where type = 'practice' and status = 'published'
                  and fields @> '{"phases": ["preparedness"]}' and fields @> '{"countries": ["CR"]}'
                """
            )[0].decode(Int.self, at: 0)
        }
        note(
            "  loaded \(count) items in \(Self.format(milliseconds(ContinuousClock.now - started) / 1000)) s; "
                + "\(matching) (\(Self.format(Double(matching) * 100 / Double(count)))%) match the filter"
        )
    }

    /// Milliseconds of each of `calls` list calls made one after another on one connection,
    /// stopping early once `budget` has passed.
    private func latencies(
        calls: Int,
        within budget: Duration,
        on connection: Connection,
        store: PostgresContentStore
    ) async throws -> [Double] {
        let query = Self.query
        let tenant = BenchContext.contentTenant.code
        return try await connection.run { connection in
            var times: [Double] = []
            times.reserveCapacity(calls)
            let deadline = ContinuousClock.now + budget
            while times.count < calls && ContinuousClock.now < deadline {
                let start = ContinuousClock.now
                let page = try store.list(query, tenant: tenant, on: connection)
                times.append(milliseconds(ContinuousClock.now - start))
                precondition(page.items.count == query.limit)
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
        let prefix = "pgbench-list-\(label)"
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

    /// The plan's first scan node (`Index Scan using items_list_idx`).
    static func firstScan(_ plan: [String]) -> String {
        guard let line = plan.first(where: { $0.contains(" Scan ") || $0.hasPrefix("Index") }) else { return "?" }
        var node = line.trimmingCharacters(in: .whitespaces)
        if node.hasPrefix("->") { node = node.dropFirst(2).trimmingCharacters(in: .whitespaces) }
        if let cost = node.range(of: "  (") { node = String(node[..<cost.lowerBound]) }
        if node.contains(" using "), let table = node.range(of: " on ") { node = String(node[..<table.lowerBound]) }
        return node
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
