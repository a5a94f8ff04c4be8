public import Kernel

/// Imports and exports, which the platform runs over its storage in bulk (streamed,
/// staged and merged in batches), implemented by the executable over the Store.
public protocol BulkTransfer: Sendable {
    /// Writes the items `request` selects to `write`, in chunks.
    /// - Parameter progress: items written so far, and the total.
    /// - Returns: how many items were written.
    func export(
        _ request: ExportRequest,
        progress: @escaping @Sendable (Int, Int) -> Void,
        write: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int

    /// Imports `file` as `request` says.
    /// - Parameters:
    ///   - file: the file, by absolute path.
    ///   - report: a file to write the rejected rows to, as CSV, by absolute path.
    ///   - batchSize: how many rows each transaction merges; `nil` for the platform's default.
    ///   - connections: how many connections merge the batches (1 or 2).
    ///   - progress: rows read, then rows merged.
    ///   - stop: polled between rows and batches; `true` interrupts the import.
    func importItems(
        _ request: ImportRequest,
        file: String,
        report: String?,
        batchSize: Int?,
        connections: Int,
        progress: @escaping @Sendable (ImportProgress) -> Void,
        stop: @escaping @Sendable () -> Bool
    ) async throws -> ImportSummary

    /// Resumes the unfinished import job `id` after its checkpoint.
    func resumeImport(
        job id: Int64,
        progress: @escaping @Sendable (ImportProgress) -> Void,
        stop: @escaping @Sendable () -> Bool
    ) async throws -> ImportSummary

    /// The import jobs you may see: unfinished ones (or all), of one tenant or every one.
    func importJobs(tenant: String?, all: Bool) async throws -> [ImportJob]
}
