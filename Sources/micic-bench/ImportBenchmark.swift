import Foundation
import Kernel
import LocalPostgres
import Postgres

/// `import`: 100,000 practices (about 2 KB of text each) imported from NDJSON by
/// `micic import` (validated, staged, merged with revisions and audit entries) vs
/// `psql \copy` of the same rows into `items`; medians of whole-process times. The line also
/// gives the import's peak resident size for 100,000 rows and for 300,000.
struct ImportBenchmark: Benchmark {
    let name = "import"
    let count = 100_000
    let largeCount = 300_000
    let repetitions = 5

    func run(in context: BenchContext) async throws -> Figure {
        let tenantID = try await context.prepareContent()
        let micic = try BenchContext.sibling("micic")
        let file = context.scratch + "/practices-\(count).ndjson"
        let copyFile = context.scratch + "/practices-\(count).copy"
        note("  writing \(count) practices...")
        try PracticeFile.writeNDJSON(count, to: file)
        try PracticeFile.writeCopy(count, tenantID: tenantID, to: copyFile)
        let connection = try await context.connect()
        let environment = ["DATABASE_URL": context.cluster.url(database: "bench")]
        let command = "import practice \(file) --tenant \(BenchContext.contentTenant.code)"
        var mine: [Double] = []
        var theirs: [Double] = []
        var peaks: [Double] = []
        for _ in 0..<repetitions {
            try await Self.clear(connection)
            let run = try ChildProcess(micic, ["-c", command], environment: environment)
            try await Self.expect(count, revisions: true, on: connection)
            mine.append(run.seconds)
            peaks.append(run.peakMegabytes)
            try await Self.clear(connection)
            let copy = "\\copy \(PracticeFile.copyColumns) from '\(copyFile)'"
            theirs.append(
                try context.run(
                    context.psql,
                    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", copy, context.connectionString]
                )
                .seconds
            )
            try await Self.expect(count, revisions: false, on: connection)
        }
        let format = { (times: [Double]) in times.map { String(format: "%.2f", $0) }.joined(separator: " ") }
        note("  micic \(format(mine)) s; psql \(format(theirs)) s; peak RSS \(format(peaks)) MB")

        let large = context.scratch + "/practices-\(largeCount).ndjson"
        note("  writing \(largeCount) practices...")
        try PracticeFile.writeNDJSON(largeCount, to: large)
        try await Self.clear(connection)
        let largeRun = try ChildProcess(
            micic,
            ["-c", "import practice \(large) --tenant \(BenchContext.contentTenant.code)"],
            environment: environment
        )
        try await Self.expect(largeCount, revisions: true, on: connection)
        try? FileManager.default.removeItem(atPath: large)
        note(
            String(format: "  %d rows: %.2f s, peak RSS %.1f MB", largeCount, largeRun.seconds, largeRun.peakMegabytes)
        )
        await connection.close()

        var figure = Figure.times(name, micic: mine, baseline: "psql \\copy", theirs)
        let peak = peaks.max() ?? 0
        figure.extra = String(
            format: "; peak RSS %.0f MB (%d rows), %.0f MB (%d rows, %+.1f%%)",
            peak,
            count,
            largeRun.peakMegabytes,
            largeCount,
            (largeRun.peakMegabytes / peak - 1) * 100
        )
        return figure
    }

    /// Empties the content tables and writes out dirty pages, so each side starts alike.
    static func clear(_ connection: Connection) async throws {
        try await connection.execute("truncate items, item_revisions, workflow_events, audit_log, import_jobs cascade")
        try await connection.execute("checkpoint")
    }

    /// Checks that the items (and, for an import, their revisions) are all there.
    private static func expect(_ count: Int, revisions: Bool, on connection: Connection) async throws {
        let items = try await connection.query("select count(*) from items")[0].decode(Int.self, at: 0)
        let saved = try await connection.query("select count(*) from item_revisions")[0].decode(Int.self, at: 0)
        guard items == count, !revisions || saved == count else {
            throw BenchError(message: "expected \(count) items, found \(items) (and \(saved) revisions)")
        }
    }
}
