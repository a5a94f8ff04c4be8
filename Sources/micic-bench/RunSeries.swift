import Foundation

/// The runs of one comparison, micic's and the baseline's alternating, added until its ratio
/// is steady: until two series measured the same way would give ratios 0.05 apart at most,
/// 19 times in 20 (the spread estimated by resampling the runs so far), or a cap is reached.
///
/// ```swift
/// let series = try await RunSeries.measure("copy", minimum: 3, maximum: 9, seconds: 180) { _ in
///     [(micic: try await micicSeconds(), baseline: try await psqlSeconds())]
/// }
/// return Figure.times("copy", micic: series[0].micic, baseline: "psql \\copy", series[0].baseline)
/// ```
struct RunSeries {
    /// micic's measurements and the baseline's, in the order taken.
    var micic: [Double] = []
    var baseline: [Double] = []
    /// Whether they are rates (higher is faster) rather than times.
    var areRates = false

    /// The ratio of the medians: the baseline's time over micic's, or micic's rate over the
    /// baseline's.
    var ratio: Double {
        Self.ratio(micic, baseline, areRates: areRates)
    }

    /// How far apart the ratios of two series like this one would be, at most, 19 times in
    /// 20: 1.96 × √2 × the standard error of ``ratio`` (estimated by resampling its pairs of
    /// runs, 400 times, with a fixed seed).
    var agreement: Double {
        guard micic.count > 1 else { return .infinity }
        var random = BenchRandom(seed: 19)
        var ratios: [Double] = []
        for _ in 0..<400 {
            let picks = (0..<micic.count).map { _ in random.below(micic.count) }
            ratios.append(Self.ratio(picks.map { micic[$0] }, picks.map { baseline[$0] }, areRates: areRates))
        }
        let mean = ratios.reduce(0, +) / Double(ratios.count)
        let variance = ratios.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(ratios.count - 1)
        return 1.96 * 2.0.squareRoot() * variance.squareRoot()
    }

    /// Two series agree when their ratios are this close.
    static let tolerance = 0.05

    /// One comparison measured as ``measure(_:figures:areRates:minimum:maximum:seconds:_:)``
    /// does, `runs` giving the fewest and most runs.
    static func measure(
        _ name: String,
        runs: ClosedRange<Int>,
        seconds: Double,
        _ pair: (Int) async throws -> (micic: Double, baseline: Double)
    ) async throws -> RunSeries {
        try await measure(name, minimum: runs.lowerBound, maximum: runs.upperBound, seconds: seconds) {
            [try await pair($0)]
        }[0]
    }

    /// Runs `pairs` (given the run's index; it measures micic then the baseline, once for
    /// each of `figures` comparisons) `minimum` times, then again until every comparison's
    /// ratio is steady (``agreement`` within ``tolerance``), `maximum` times, or `seconds`
    /// of running, whichever comes first; notes how many runs it took.
    static func measure(
        _ name: String,
        figures: Int = 1,
        areRates: Bool = false,
        minimum: Int,
        maximum: Int,
        seconds budget: Double,
        _ pairs: (Int) async throws -> [(micic: Double, baseline: Double)]
    ) async throws -> [RunSeries] {
        var series = Array(repeating: RunSeries(areRates: areRates), count: figures)
        let start = ContinuousClock.now
        var run = 0
        while run < maximum {
            let measured = try await pairs(run)
            precondition(measured.count == figures, "\(name) measured \(measured.count) comparisons, not \(figures)")
            for (index, pair) in measured.enumerated() {
                series[index].micic.append(pair.micic)
                series[index].baseline.append(pair.baseline)
            }
            run += 1
            guard run >= minimum else { continue }
            if series.allSatisfy({ $0.agreement <= tolerance }) { break }
            if milliseconds(ContinuousClock.now - start) / 1000 >= budget { break }
        }
        let spreads = series.map { String(format: "%.2f", $0.agreement) }.joined(separator: ", ")
        let steady = series.allSatisfy { $0.agreement <= tolerance }
        note(
            "  \(name): \(run) runs each; two such series' ratios within \(spreads)" + (steady ? "" : " (cap reached)")
        )
        return series
    }

    private static func ratio(_ micic: [Double], _ baseline: [Double], areRates: Bool) -> Double {
        areRates ? median(micic) / median(baseline) : median(baseline) / median(micic)
    }
}
