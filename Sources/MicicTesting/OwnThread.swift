internal import Foundation

/// Runs blocking work (a child process waited for, a server started) on a thread of its own,
/// so that a test waiting for it leaves the concurrency pool to the other tests: on two cores
/// the pool has two threads, and two tests blocking them stalled every other test (a Ctrl-C
/// sent by a test task arrived many seconds late).
///
/// ```swift
/// let promoted = try await onOwnThread { try formation.waitForFailover(from: "node-1") }
/// ```
public func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
