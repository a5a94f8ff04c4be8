import Foundation
import Kernel
import Postgres
import Store
import Translations
import TranslationsStore

/// `bulk-approve`: 1,000 submitted translations approved in one bulk transition by a
/// reviewer (permission and version checked for each, a workflow event and an audit entry
/// written for each, under row-level security and the job guard) vs 1,000 bare single-row
/// UPDATEs of the same jobs sent by psql in one transaction.
struct BulkApproveBenchmark: Benchmark {
    let name = "bulk-approve"
    let count = 1_000

    func run(in context: BenchContext) async throws -> Figure {
        let bench = try await TranslationBench.prepare(count, in: context, tag: "approve")
        let (reviewer, desk) = try await bench.desk(as: bench.people[0], in: context)
        let file = context.scratch + "/bulk-approve.sql"
        let updates = bench.jobs.map { id in
            "update translation_jobs set status = 'approved', version = version + 1, updated_at = now() "
                + "where tenant_id = \(bench.tenantID) and id = \(id);\n"
        }
        try ("begin;\n" + updates.joined() + "commit;\n").write(toFile: file, atomically: true, encoding: .utf8)
        let runs = try await RunSeries.measure(name, minimum: 5, maximum: 15, seconds: 120) { repetition in
            try await submitAll(bench)
            var failed = 0
            let mine = try await seconds {
                let outcomes = try await desk.transition(
                    jobs: bench.jobs,
                    name: "approve",
                    comment: nil,
                    expectedVersions: [:],
                    tenant: bench.tenant,
                    author: bench.people[0]
                )
                failed = outcomes.filter { if case .failed = $0 { true } else { false } }.count
            }
            let approvedByMicic = try await bench.count("approved")
            try await submitAll(bench)
            let theirs = try context.run(
                context.psql,
                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, context.connectionString]
            ).seconds
            let approvedByPsql = try await bench.count("approved")
            guard failed == 0, approvedByMicic == count, approvedByPsql == count else {
                throw BenchError(
                    message: "repetition \(repetition + 1): micic approved \(approvedByMicic) (\(failed) failed), "
                        + "psql \(approvedByPsql) of \(count)"
                )
            }
            return [(micic: mine, baseline: theirs)]
        }
        await reviewer.close()
        try await bench.finish()
        let format = { (times: [Double]) in times.map { String(format: "%.3f", $0) }.joined(separator: " ") }
        note("  micic \(format(runs[0].micic)) s; psql \(format(runs[0].baseline)) s")
        return Figure.times(name, micic: runs[0].micic, baseline: "psql single-row UPDATEs", runs[0].baseline)
    }

    /// Puts every job back in `submitted`.
    private func submitAll(_ bench: TranslationBench) async throws {
        try await bench.owner.execute(
            "update translation_jobs set status = 'submitted' where tenant_id = \(bench.tenantID) and id = any(\(bench.jobs))"
        )
        try await bench.owner.execute("checkpoint")
    }
}
