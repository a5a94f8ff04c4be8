internal import Foundation
internal import Synchronization

/// A progress line on standard error for work that takes more than a second: count done,
/// rate, and time left. Shown on a terminal only, and only once the work has run a second.
/// Safe to update from the thread the work runs on.
final class Progress: Sendable {
    private struct State {
        var total: Int?
        var lastDrawn = ContinuousClock.now
        var drawn = false
    }

    private let label: String
    private let write: (@Sendable (String) -> Void)?
    private let started = ContinuousClock.now
    private let state: Mutex<State>

    /// A progress line for `total` steps (or an unknown number); `write` is `nil` off a terminal.
    init(_ label: String, total: Int?, write: (@Sendable (String) -> Void)?) {
        self.label = label
        self.write = write
        state = Mutex(State(total: total))
    }

    /// Reports that `done` steps are finished (of `total`, when it became known).
    func update(_ done: Int, total: Int? = nil) {
        guard let write else { return }
        let now = ContinuousClock.now
        guard now - started > .seconds(1) else { return }
        let text: String? = state.withLock { state in
            if let total { state.total = total }
            guard now - state.lastDrawn > .milliseconds(100) else { return nil }
            state.lastDrawn = now
            state.drawn = true
            return line(done, total: state.total, elapsed: seconds(now - started))
        }
        if let text { write("\r\u{1b}[2K" + text) }
    }

    /// Clears the line.
    func finish() {
        if state.withLock({ $0.drawn }) { write?("\r\u{1b}[2K") }
    }

    func line(_ done: Int, elapsed: Double) -> String {
        line(done, total: state.withLock { $0.total }, elapsed: elapsed)
    }

    private func line(_ done: Int, total: Int?, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "\(label) \(done)"
        if let total {
            text += "/\(total)"
            if rate > 0 {
                let left = Double(max(total - done, 0)) / rate
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
