internal import Synchronization

/// Set by Ctrl-C (from the signal handler's thread), read by loops over many items or
/// pages, which stop at the next item instead of going on after a cancelled statement.
public final class Interruption: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Marks the running command as interrupted.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Clears the mark (before each statement).
    func clear() { raised.store(false, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed since the statement started.
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
