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
}
