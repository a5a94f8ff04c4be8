/// One benchmark: the same work done by micic and by a baseline, measured in one run.
protocol Benchmark: Sendable {
    /// The name given to `Scripts/bench`.
    var name: String { get }
    /// Measures both sides and returns the figure.
    func run(in context: BenchContext) async throws -> Figure
    /// Every figure the benchmark measures (most measure one: ``run(in:)``'s).
    func figures(in context: BenchContext) async throws -> [Figure]
}

extension Benchmark {
    func figures(in context: BenchContext) async throws -> [Figure] {
        [try await run(in: context)]
    }
}
