internal import Foundation
internal import Kernel

/// The order in which an import's batches commit when two connections merge them: each
/// batch merges whenever its connection is free, but commits only after the batch before
/// it, so the job's checkpoint always ends a run of merged lines and a resumed job merges
/// everything after it exactly once. The first failure ends every turn still waiting.
final class MergeTurns: @unchecked Sendable {
    // Invariant: every stored property but `progress` is read and written only while
    // `condition` is locked.
    private let condition = NSCondition()
    private let progress: @Sendable (ImportProgress) -> Void
    private let total: Int
    /// The index of the batch whose turn it is to commit.
    private var next = 0
    private var done: Int
    private var checkpointLine: Int
    private var failure: (any Error)?

    /// Turns for batches numbered from 0, after `checkpoint` (`done` of `total` rows merged
    /// before them), reporting each commit to `progress`.
    init(checkpoint: Int, done: Int, total: Int, progress: @escaping @Sendable (ImportProgress) -> Void) {
        checkpointLine = checkpoint
        self.done = done
        self.total = total
        self.progress = progress
    }

    /// The last line of the last batch committed.
    var checkpoint: Int {
        condition.lock()
        defer { condition.unlock() }
        return checkpointLine
    }

    /// The first failure of any connection, if one failed.
    var firstFailure: (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Waits until `batch` may commit.
    /// - Throws: ``Stopped`` once another connection failed.
    func waitForTurn(of batch: ImportBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        while next != batch.index && failure == nil { condition.wait() }
        if failure != nil { throw Stopped() }
    }

    /// Records that `batch` committed and passes the turn on.
    func committed(_ batch: ImportBatch) {
        condition.lock()
        next = batch.index + 1
        done += batch.rows
        checkpointLine = batch.through
        let report = ImportProgress(phase: .merging, done: done, total: total)
        condition.broadcast()
        condition.unlock()
        progress(report)
    }

    /// Records a connection's failure (the first one is kept) and wakes every waiting turn.
    func fail(_ error: any Error) {
        condition.lock()
        if failure == nil && !(error is Stopped) { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Thrown to a connection whose turn will not come: another one failed.
    struct Stopped: Error {}
}
