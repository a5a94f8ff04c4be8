internal import Foundation
internal import Kernel
internal import Postgres
internal import Synchronization

/// A second connection, as the same person, that merges some of an import's batches while
/// the first merges the others: the server then spends both of its cores on the merge
/// (the generated search columns and index upkeep of each row), instead of one.
///
/// The first connection's code runs synchronously on that connection's own thread, so it
/// waits for the helper by blocking that thread, never one of Swift's cooperative pool.
final class MergeHelper: Sendable {
    /// The helper's connection.
    let connection: Connection
    private let work = Mutex<Task<ImportMerge.Counts, any Error>?>(nil)

    private init(connection: Connection) {
        self.connection = connection
    }

    /// A connection made as `connection` was, for the same person; `nil` when none can be
    /// opened (the import then merges on one connection).
    static func open(like connection: isolated Connection) -> MergeHelper? {
        let configuration = connection.configuration
        guard let helper = try? blocking({ try await Connection.connect(configuration) }) else { return nil }
        guard (try? blocking({ await helper.user })) == connection.user else {
            try? blocking { await helper.close() }
            return nil
        }
        return MergeHelper(connection: helper)
    }

    /// Starts `body` on the helper's connection; ``wait()`` gives its outcome.
    func start(_ body: @escaping @Sendable (isolated Connection) throws -> ImportMerge.Counts) {
        let connection = connection
        work.withLock { $0 = Task { try await connection.run(body) } }
    }

    /// Waits for the work ``start(_:)`` started, then closes the connection.
    func wait() -> Result<ImportMerge.Counts, any Error> {
        defer { close() }
        guard let task = work.withLock({ $0 }) else { return .success(ImportMerge.Counts()) }
        return Result { try Self.blocking { try await task.value } }
    }

    /// Closes the connection (for a helper that was given no work).
    func close() {
        try? Self.blocking { await self.connection.close() }
    }

    /// Runs `body` and waits for its value, blocking the calling thread.
    private static func blocking<Value: Sendable>(
        _ body: @escaping @Sendable () async throws -> Value
    ) throws -> Value {
        let done = DispatchSemaphore(value: 0)
        let value = Mutex<Result<Value, any Error>?>(nil)
        Task {
            let result: Result<Value, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            value.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try value.withLock { $0 }!.get()
    }
}
