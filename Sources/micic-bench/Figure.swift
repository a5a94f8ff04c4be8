import Foundation

/// One measured comparison. `ratio` is the baseline's time over micic's (above 1: micic is
/// faster), or for throughput figures micic's rate over the baseline's.
struct Figure {
    var name: String
    var value: Double
    var unit: String
    var baseline: String
    var baselineValue: Double
    var ratio: Double
    var extra: String = ""

    /// Compares two sets of timings (seconds) by their medians.
    static func times(_ name: String, micic: [Double], baseline: String, _ other: [Double]) -> Figure {
        let mine = median(micic)
        let theirs = median(other)
        return Figure(
            name: name,
            value: mine,
            unit: "s",
            baseline: baseline,
            baselineValue: theirs,
            ratio: theirs / mine
        )
    }

    /// Compares two series of rates (requests per second) by their medians, noting each run's
    /// rates on standard error, micic's as `mine` and the baseline's as `theirs`.
    static func rates(_ name: String, _ series: RunSeries, mine: String, theirs: String, baseline: String) -> Figure {
        let rates = { (values: [Double]) in values.map { String(format: "%.0f", $0) }.joined(separator: " ") }
        note("  \(name): \(mine) \(rates(series.micic)); \(theirs) \(rates(series.baseline)) req/s")
        return Figure(
            name: name,
            value: median(series.micic),
            unit: "req/s",
            baseline: baseline,
            baselineValue: median(series.baseline),
            ratio: series.ratio
        )
    }

    var line: String {
        "\(name): \(format(value)) \(unit); baseline \(baseline) \(format(baselineValue)) \(unit); ratio \(String(format: "%.2f", ratio))"
            + extra
    }

    private func format(_ number: Double) -> String {
        number >= 100 ? String(format: "%.0f", number) : String(format: "%.4g", number)
    }
}

/// The middle value (mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The value below which `fraction` of the values lie (nearest rank).
func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

/// A duration in milliseconds.
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// Seconds taken by `body`.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try await clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
