import Foundation
import LocalPostgres
import Postgres

/// `micic-bench [NAME ...]`: runs the named benchmarks (all when none is named) against a
/// throwaway local server and prints one line per figure:
/// `NAME: <value> <unit>; baseline <what> <value> <unit>; ratio <R>`.
@main
enum BenchMain {
    static let benchmarks: [any Benchmark] = [
        CopyBenchmark(), StatementsBenchmark(), KernelCreateBenchmark(), ListPageBenchmark(), ShellOneShotBenchmark(),
        ShellStartBenchmark(), RLSListBenchmark(), SearchBenchmark(), BulkApproveBenchmark(), XLIFFBenchmark(),
        AdoptPropagateBenchmark(),
        ImportBenchmark(), ExportBenchmark(), ServeBenchmark(), ServeStandbyBenchmark(), ReplicaLagBenchmark(),
    ]

    static func main() async {
        let names = Array(CommandLine.arguments.dropFirst())
        let unknown = names.filter { name in !benchmarks.contains { $0.name == name } }
        guard unknown.isEmpty else {
            let known = benchmarks.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(
                Data("unknown benchmark: \(unknown.joined(separator: ", ")); known: \(known)\n".utf8)
            )
            exit(2)
        }
        let selected = names.isEmpty ? benchmarks : benchmarks.filter { names.contains($0.name) }
        do {
            let context = try await BenchContext.start()
            defer { context.stop() }
            for benchmark in selected {
                note("running \(benchmark.name)...")
                for figure in try await benchmark.figures(in: context) {
                    print(figure.line)
                }
            }
        } catch {
            FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
            exit(1)
        }
    }
}

/// A progress note on standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
