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

    func importItems(
        _ request: ImportRequest,
        file: String,
        report: String?,
        batchSize: Int?,
        connections: Int,
        progress: @escaping @Sendable (ImportProgress) -> Void,
        stop: @escaping @Sendable () -> Bool
    ) async throws -> ImportSummary {
        let items = ItemImport(store: contentStore)
        let options = ImportFileOptions(file: file, report: report, batchSize: batchSize, workers: connections)
        return try await connection.run { connection in
            try items.run(request, from: options, on: connection, progress: progress, stop: stop)
        }
    }

    func resumeImport(
        job id: Int64,
        progress: @escaping @Sendable (ImportProgress) -> Void,
        stop: @escaping @Sendable () -> Bool
    ) async throws -> ImportSummary {
        let items = ItemImport(store: contentStore)
        return try await connection.run { connection in
            try items.resume(job: id, on: connection, progress: progress, stop: stop)
        }
    }

    func importJobs(tenant: String?, all: Bool) async throws -> [ImportJob] {
        try await connection.run { try ImportJobStore().list(tenant: tenant, all: all, on: $0) }
    }
}
