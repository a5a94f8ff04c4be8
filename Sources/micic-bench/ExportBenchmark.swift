import Foundation
import Kernel
import LocalPostgres
import Postgres

/// `export`: 100,000 practices exported to NDJSON by `micic export` vs psql writing
/// `COPY (SELECT ...) TO STDOUT` of the same rows to a file; medians of whole-process times.
struct ExportBenchmark: Benchmark {
    let name = "export"
    let count = 100_000

    func run(in context: BenchContext) async throws -> Figure {
        let tenantID = try await context.prepareContent()
        let micic = try BenchContext.sibling("micic")
        let copyFile = context.scratch + "/practices-\(count).copy"
        try PracticeFile.writeCopy(count, tenantID: tenantID, to: copyFile)
        let connection = try await context.connect()
        try await ImportBenchmark.clear(connection)
        let load = "\\copy \(PracticeFile.copyColumns) from '\(copyFile)'"
        try context.run(context.psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", load, context.connectionString])
        try await connection.execute("vacuum analyze items")
        await connection.close()
        let output = context.scratch + "/export.ndjson"
        let environment = ["DATABASE_URL": context.cluster.url(database: "bench")]
        let command = "export practice --tenant \(BenchContext.contentTenant.code) --to \(output)"
        let select = """
            copy (select id, type, language, translation_of, slug, title, status, version, author, created_at, \
            updated_at, fields from items where tenant_id = \(tenantID) and type = 'practice' and deleted_at is null \
            order by id) to stdout
            """
        var peaks: [Double] = []
        let runs = try await RunSeries.measure(name, minimum: 5, maximum: 15, seconds: 180) { _ in
            let run = try ChildProcess(micic, ["-c", command], environment: environment)
            peaks.append(run.peakMegabytes)
            let lines = try Self.lines(output)
            guard lines == count else { throw BenchError(message: "the export wrote \(lines) lines, not \(count)") }
            let theirs = try ChildProcess(
                context.psql,
                ["-X", "-q", "-c", select, context.connectionString],
                environment: [:]
            ).seconds
            return [(micic: run.seconds, baseline: theirs)]
        }
        try? FileManager.default.removeItem(atPath: output)
        var figure = Figure.times(
            name,
            micic: runs[0].micic,
            baseline: "psql COPY (SELECT) TO STDOUT",
            runs[0].baseline
        )
        figure.extra = String(format: "; peak RSS %.0f MB", peaks.max() ?? 0)
        return figure
    }

    private static func lines(_ path: String) throws -> Int {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var lines = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            lines += chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }
        return lines
    }
}
