import Foundation
import Postgres

/// `copy`: 100,000 content rows through the COPY writer vs `psql \copy` of the same rows.
struct CopyBenchmark: Benchmark {
    let name = "copy"
    let rows = ContentRows(count: 100_000)

    func run(in context: BenchContext) async throws -> Figure {
        let connection = try await context.connect()
        try await connection.execute(Query(unsafeSQL: ContentRows.tableDefinition))
        let file = context.scratch + "/rows.copy"
        try writeCopyFile(to: file)
        // Both sides start from rows already in hand: psql from its file, micic from memory.
        let prepared = (0..<rows.count).map { rows.fields($0) }
        let runs = try await RunSeries.measure(name, minimum: 3, maximum: 9, seconds: 180) { _ in
            try await connection.execute("truncate bench_items")
            try await connection.execute("checkpoint")
            let mine = try await seconds {
                let loaded = try await connection.run { connection in
                    try connection.copyFrom("copy bench_items (id, title, body, fields) from stdin") { writer in
                        for row in prepared { try writer.writeRow(row) }
                    }
                }
                precondition(loaded == rows.count)
            }
            try await connection.execute("truncate bench_items")
            try await connection.execute("checkpoint")
            let command = "\\copy bench_items (id, title, body, fields) from '\(file)'"
            let theirs = try context.run(
                context.psql,
                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command, context.connectionString]
            ).seconds
            return [(micic: mine, baseline: theirs)]
        }[0]
        await connection.close()
        return Figure.times(name, micic: runs.micic, baseline: "psql \\copy", runs.baseline)
    }

    /// The same rows in COPY text format, for psql.
    private func writeCopyFile(to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var buffer: [UInt8] = []
        for index in 0..<rows.count {
            for (position, field) in rows.fields(index).enumerated() {
                if position > 0 { buffer.append(9) }
                for byte in field!.utf8 {
                    switch byte {
                    case 92: buffer.append(contentsOf: [92, 92])
                    case 9: buffer.append(contentsOf: [92, 116])
                    case 10: buffer.append(contentsOf: [92, 110])
                    case 13: buffer.append(contentsOf: [92, 114])
                    default: buffer.append(byte)
                    }
                }
            }
            buffer.append(10)
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        try handle.close()
    }
}
