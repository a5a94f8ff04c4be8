internal import Foundation

/// A serial executor that runs every job on one dedicated thread.
///
/// Each ``Connection`` owns one, so blocking libpq calls never occupy a thread of Swift's
/// cooperative pool (two threads on a two-core machine), and one `PGconn` is only ever
/// touched by one thread.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // Invariant: `jobs` and `stopping` are read and written only while `condition` is locked;
    // `thread` is written once, before any job can be enqueued.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var thread: Thread?

    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        precondition(Thread.current == thread, "not on the connection's thread")
    }

    /// Lets the thread finish the jobs already queued, then end.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
