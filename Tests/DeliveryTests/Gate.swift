import Synchronization

/// Holds up one task until the test lets it go: the task calls ``pass()``, the test waits
/// until it is held (``reached()``), does what must happen meanwhile, then calls ``open()``.
final class Gate: Sendable {
    let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)
    func pass() async { await withCheckedContinuation { continuation in waiting.withLock { $0 = continuation } } }
    func reached() async throws {
        while waiting.withLock({ $0 == nil }) { try await Task.sleep(for: .milliseconds(5)) }
    }
    func open() { waiting.withLock { $0?.resume() } }
}
