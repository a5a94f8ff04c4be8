internal import Foundation
public import Kernel
public import Postgres

/// The `import_jobs` table: durable imports, their checkpoints, and the advisory lock a
/// session holds while it works on one (released by the server when the session ends, so a
/// killed import's job is seen as interrupted).
public struct ImportJobStore: Sendable {
    /// The advisory-lock namespace of import jobs (the first key of the two-key form).
    static let lockNamespace: Int32 = 1_769_104_755

    /// A job store.
    public init() {}

    /// A job as recorded: the request it runs, on which file, and where it stands.
    struct Record {
        /// Where it stands.
        var job: ImportJob
        var tenantID: Int64
        var request: ImportRequest
        /// The file and the batch size (no report: a resumed job reports nothing again).
        var options: ImportFileOptions
        var fileSize: Int
        var checksum: String
    }

    /// Records a new job in its own transaction and takes its lock.
    func start(
        _ request: ImportRequest,
        _ options: ImportFileOptions,
        tenantID: Int64,
        fileSize: Int,
        checksum: String,
        rows: Int,
        rejected: Int,
        on connection: isolated Connection
    ) throws -> Int64 {
        try connection.withTransaction { connection in
            let map = JSONDocument(text: FieldValue.jsonText(of: request.columnMap.mapValues { .text($0) }))
            let id = try connection.query(
                """
                insert into import_jobs (tenant_id, item_type, file, file_size, file_checksum, format, key, on_error,
                                         column_map, batch_size, connections, message, language, rows_total,
                                         rejected_count)
                values (\(tenantID), \(request.type), \(options.file), \(fileSize), \(checksum),
                        \(request.format.rawValue), \(request.key), \(request.onError.rawValue), \(map),
                        \(options.batchSize), \(options.workers > 1 ? 2 : 1), \(request.message), \(request.language), \(rows),
                        \(rejected))
                returning id
                """
            )[0].decode(Int64.self, at: 0)
            guard try lock(id, on: connection) else {
                throw ImportError("job \(id) is locked by another session")
            }
            return id
        }
    }

    /// Takes the job's lock for this session; `false` when another session holds it.
    func lock(_ id: Int64, on connection: isolated Connection) throws -> Bool {
        try connection.query("select pg_try_advisory_lock(\(Self.lockNamespace), \(Int32(truncatingIfNeeded: id)))")[0]
            .decode(Bool.self, at: 0)
    }

    /// Releases the job's lock.
    func unlock(_ id: Int64, on connection: isolated Connection) {
        _ = try? connection.query(
            "select pg_advisory_unlock(\(Self.lockNamespace), \(Int32(truncatingIfNeeded: id)))"
        )
    }

    /// Moves the checkpoint past a merged batch and adds its counts (in the batch's transaction).
    func advance(
        _ id: Int64,
        tenantID: Int64,
        to line: Int,
        by counts: ImportMerge.Counts,
        on connection: isolated Connection
    ) throws {
        try connection.execute(
            """
            update import_jobs set checkpoint_line = \(line), created_count = created_count + \(counts.created),
                updated_count = updated_count + \(counts.updated),
                unchanged_count = unchanged_count + \(counts.unchanged), updated_at = now()
            where tenant_id = \(tenantID) and id = \(id)
            """
        )
    }

    /// Marks the job finished.
    func finish(_ id: Int64, tenantID: Int64, on connection: isolated Connection) throws {
        try connection.execute(
            """
            update import_jobs set state = 'finished', finished_at = now(), updated_at = now()
            where tenant_id = \(tenantID) and id = \(id)
            """
        )
    }

    /// The job with `id`, as the person connected may see it.
    func record(_ id: Int64, on connection: isolated Connection) throws -> Record {
        let rows = try connection.query(Self.select + " and j.id = \(id)")
        guard let row = rows.first else {
            throw ImportError("there is no import job \(id) you may see (job list shows them)")
        }
        let job = try Self.job(from: row)
        var request = ImportRequest(
            tenant: job.tenant,
            type: job.type,
            format: TransferFormat(rawValue: try row.decode(column: "format")) ?? .ndjson
        )
        request.key = try row.decode(column: "key")
        request.onError = ImportRequest.OnError(rawValue: try row.decode(column: "on_error")) ?? .stop
        request.message = try row.decode(column: "message")
        request.language = try row.decode(column: "language")
        let map = try FieldValue.parseFields(json: try row.decode(String.self, column: "map"))
        request.columnMap = map.compactMapValues(\.textValue)
        return Record(
            job: job,
            tenantID: try row.decode(column: "tenant_id"),
            request: request,
            options: ImportFileOptions(
                file: job.file,
                batchSize: try row.decode(column: "batch_size"),
                workers: try row.decode(column: "connections")
            ),
            fileSize: try row.decode(column: "file_size"),
            checksum: try row.decode(column: "file_checksum")
        )
    }

    /// Jobs with their tenant's code and whether a session holds their lock.
    private static let select: Query = """
        select j.*, t.code, j.column_map::text as map, exists (select 1 from pg_locks l where l.locktype = 'advisory'
            and l.database = (select oid from pg_database where datname = current_database())
            and l.classid = \(Int64(lockNamespace))::oid and l.objid = j.id::oid
            and l.objsubid = 2 and l.granted) as running
        from import_jobs j join tenants t on t.id = j.tenant_id where true
        """

    private static func job(from row: Row) throws -> ImportJob {
        ImportJob(
            id: try row.decode(column: "id"),
            tenant: try row.decode(column: "code"),
            type: try row.decode(column: "item_type"),
            file: try row.decode(column: "file"),
            state: try row.decode(column: "state"),
            isRunning: try row.decode(column: "running"),
            rows: try row.decode(column: "rows_total"),
            checkpoint: try row.decode(column: "checkpoint_line"),
            created: try row.decode(column: "created_count"),
            updated: try row.decode(column: "updated_count"),
            unchanged: try row.decode(column: "unchanged_count"),
            rejected: try row.decode(column: "rejected_count"),
            startedBy: try row.decode(column: "started_by"),
            startedAt: try row.decode(column: "started_at"),
            updatedAt: try row.decode(column: "updated_at")
        )
    }

    /// The jobs the person may see: unfinished ones (or all), of one tenant or every one.
    public func list(tenant: String?, all: Bool, on connection: isolated Connection) throws -> [ImportJob] {
        var sql = Self.select
        if !all { sql.append(" and j.state <> 'finished'") }
        if let tenant { sql.append(" and t.code = \(tenant)") }
        sql.append(" order by j.id")
        return try connection.query(sql).map(Self.job(from:))
    }
}
