internal import CLibPQ
internal import Synchronization

/// Cancels the statement a ``Connection`` is running, from any thread (for Ctrl-C).
///
/// The statement ends with SQLSTATE `57014` (``SQLState/queryCanceled``) and the connection
/// stays usable. Cancelling while nothing runs does nothing.
///
/// ```swift
/// let token = connection.cancelToken
/// signalSource.setEventHandler { token.cancel() }
/// ```
public final class CancelToken: Sendable {
    /// The libpq cancel object of the current session; `PQcancel` is thread-safe.
    private let handle = Mutex<CancelHandle?>(nil)

    init() {}

    /// Asks the server to cancel the running statement.
    /// - Returns: whether the request was sent (not whether anything was running).
    @discardableResult
    public func cancel() -> Bool {
        handle.withLock { current in
            guard let current else { return false }
            var buffer = [CChar](repeating: 0, count: 256)
            return PQcancel(current.pointer, &buffer, Int32(buffer.count)) == 1
        }
    }

    /// Takes the cancel object of a newly opened (or reset) connection.
    func update(from connection: OpaquePointer?) {
        let fresh = connection.flatMap(PQgetCancel).map(CancelHandle.init)
        handle.withLock { $0 = fresh }
    }
}

/// Owns one `PGcancel` and frees it.
private final class CancelHandle: @unchecked Sendable {
    // Invariant: only used under CancelToken's mutex; PQcancel itself is thread-safe.
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { PQfreeCancel(pointer) }
}
