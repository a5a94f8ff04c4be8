internal import Foundation

/// A progress line on standard error for work that takes more than a second: count done,
/// rate, and time left. Shown on a terminal only, and only once the work has run a second.
final class Progress {
    private let label: String
    private let total: Int?
    private let write: (@Sendable (String) -> Void)?
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now
    private var drawn = false

    /// A progress line for `total` steps (or an unknown number); `write` is `nil` off a terminal.
    init(_ label: String, total: Int?, write: (@Sendable (String) -> Void)?) {
        self.label = label
        self.total = total
        self.write = write
    }

    /// Reports that `done` steps are finished.
    func update(_ done: Int) {
        guard let write else { return }
        let now = ContinuousClock.now
        guard now - started > .seconds(1), now - lastDrawn > .milliseconds(100) else { return }
        lastDrawn = now
        drawn = true
        write("\r\u{1b}[2K" + line(done, elapsed: seconds(now - started)))
    }

    /// Clears the line.
    func finish() {
        if drawn { write?("\r\u{1b}[2K") }
    }

    func line(_ done: Int, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "\(label) \(done)"
        if let total {
            text += "/\(total)"
            if rate > 0 {
                let left = Double(total - done) / rate
                text += String(format: "  %.0f/s  %.0fs left", rate, left)
            }
        } else {
            text += String(format: "  %.0f/s", rate)
        }
        return text
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
