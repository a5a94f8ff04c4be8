import Foundation
import Kernel
import Postgres
import Store
import Translations
import TranslationsStore

/// `xliff`: 1,000 jobs (practices of about 2 KB of text) exported to an XLIFF file by a
/// translator and their translations imported back (every unit checked, each target item
/// saved with a revision and an audit entry) vs psql copying the same texts out with
/// `COPY (SELECT ...) TO STDOUT` and the translated texts back into the items table with
/// `COPY ... FROM STDIN` (as new rows: the same indexes, search vectors and triggers).
struct XLIFFBenchmark: Benchmark {
    let name = "xliff"
    let count = 1_000
    let repetitions = 5

    func run(in context: BenchContext) async throws -> Figure {
        try await figures(in: context)[0]
    }

    func figures(in context: BenchContext) async throws -> [Figure] {
        let bench = try await TranslationBench.prepare(count, in: context, tag: "xliff")
        let (translator, desk) = try await bench.desk(as: bench.people[1], in: context)
        let format = XLIFFFormat()
        let query = TranslationJobQuery(ids: bench.jobs)
        let texts = """
            select j.id, s.title, s.fields ->> 'summary', s.fields ->> 'body'
            from translation_jobs j join items s on s.tenant_id = j.tenant_id and s.id = j.source_id
            where j.tenant_id = \(bench.tenantID) and j.id = any('{\(bench.jobs.map(String.init).joined(separator: ","))}')
            """
        let path = context.scratch + "/jobs.xlf"
        var exports: [Double] = []
        var copiesOut: [Double] = []
        var imports: [Double] = []
        var copiesIn: [Double] = []
        for repetition in 0..<repetitions {
            var packets: [TranslationPacket] = []
            exports.append(
                try await seconds {
                    packets = try await desk.packets(query, tenant: bench.tenant)
                    try format.encode(packets).write(to: URL(fileURLWithPath: path))
                }
            )
            let copied = try context.run(
                context.psql,
                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "copy (\(texts)) to stdout", context.connectionString]
            )
            copiesOut.append(copied.seconds)
            guard packets.count == count, packets.allSatisfy({ $0.units.count == 3 }) else {
                throw BenchError(message: "exported \(packets.count) jobs of \(count), some without their 3 units")
            }
            // The translator's tool fills every target (outside the timing).
            let translated = packets.map { packet in
                var packet = packet
                packet.units = packet.units.map { unit in
                    var unit = unit
                    unit.target = "R\(repetition) " + unit.source
                    return unit
                }
                return packet
            }
            try format.encode(translated).write(to: URL(fileURLWithPath: path))
            var written = 0
            imports.append(
                try await seconds {
                    let data = try Data(contentsOf: URL(fileURLWithPath: path))
                    written = try await desk.apply(
                        format.decode(data),
                        tenant: bench.tenant,
                        author: bench.people[1],
                        force: false
                    ).count
                }
            )
            let rowsIn = translated.map { packet in
                var texts: [String: FieldValue] = [:]
                var title = ""
                for unit in packet.units {
                    if unit.field == "title" {
                        title = unit.target ?? ""
                    } else {
                        texts[unit.field] = .text(unit.target ?? "")
                    }
                }
                return [
                    String(bench.tenantID), "practice", "en", String(packet.sourceID),
                    "xliff-copy-\(repetition)-\(packet.jobID)", title, "draft", FieldValue.jsonText(of: texts), "bench",
                ].map(PracticeFile.escape).joined(separator: "\t") + "\n"
            }
            let columns = "items (tenant_id, type, language, translation_of, slug, title, status, fields, author)"
            copiesIn.append(
                try context.run(
                    context.psql,
                    [
                        "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "copy \(columns) from stdin",
                        context.connectionString,
                    ],
                    input: rowsIn.joined()
                ).seconds
            )
            let rows = try await bench.owner.query("select count(*) from items where slug like 'xliff-copy-%'")[0]
                .decode(Int.self, at: 0)
            try await bench.owner.execute("delete from items where slug like 'xliff-copy-%'")
            let stored = try await bench.owner.query(
                """
                select count(*) from items t join translation_jobs j on j.tenant_id = t.tenant_id and j.target_id = t.id
                where j.id = any(\(bench.jobs)) and t.title like \("R\(repetition) %")
                """
            )[0].decode(Int.self, at: 0)
            guard written == count, stored == count, rows == count else {
                throw BenchError(
                    message: "repetition \(repetition + 1): imported \(stored) of \(count), psql copied \(rows)"
                )
            }
        }
        await translator.close()
        try await bench.finish()
        let format3 = { (times: [Double]) in times.map { String(format: "%.3f", $0) }.joined(separator: " ") }
        note("  export \(format3(exports)) s; copy out \(format3(copiesOut)) s")
        note("  import \(format3(imports)) s; copy in \(format3(copiesIn)) s")
        return [
            Figure.times("xliff-export", micic: exports, baseline: "psql COPY TO STDOUT", copiesOut),
            Figure.times("xliff-import", micic: imports, baseline: "psql COPY items FROM STDIN", copiesIn),
        ]
    }
}
