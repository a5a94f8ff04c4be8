import Kernel
import Postgres
import Shell
import Store

extension PostgresShellBackend: BulkTransfer {
    func export(
        _ request: ExportRequest,
        progress: @escaping @Sendable (Int, Int) -> Void,
        write: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int {
        let export = ItemExport(store: contentStore)
        return try await connection.run { connection in
            try export.run(request, on: connection, progress: progress, write: write)
        }
    }
}
