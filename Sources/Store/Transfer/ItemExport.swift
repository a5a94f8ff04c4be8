internal import Foundation
public import Kernel
public import Postgres
internal import Transfer

/// Streams a tenant's items out as NDJSON or CSV, through a cursor read in batches, so
/// memory stays flat whatever the number of items.
///
/// NDJSON lines are built by the server (one JSON object per item, private fields merged
/// in where the reader may see them, revisions on request); CSV cells are written here,
/// by ``CellText``, from each item's fields. Row-level security decides what is visible:
/// private fields appear only for the tenant's editors and admins.
///
/// ```swift
/// let count = try ItemExport(store: store).run(request, on: connection) { done, total in } write: { bytes in ... }
/// ```
public struct ItemExport: Sendable {
    /// The store whose tenants and rules the export reads.
    public let store: PostgresContentStore
    /// How many items each fetch reads.
    public var batchSize = 1_000

    /// An export over `store`.
    public init(store: PostgresContentStore) {
        self.store = store
    }

    /// Writes every item `request` selects to `write`, in chunks.
    /// - Parameter progress: called after each batch with the items written and the total.
    /// - Returns: the number of items written.
    @discardableResult
    public func run(
        _ request: ExportRequest,
        on connection: isolated Connection,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
        write: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        let record = try store.tenantRecord(request.tenant, on: connection)
        let types = try request.type.map { [try store.rules.type($0)] } ?? store.rules.registry.contentTypes
        for status in request.statuses where !types.contains(where: { $0.workflow.states.contains(status) }) {
            throw ValidationError(issues: [ValidationIssue(field: "status", message: "'\(status)' is not a state")])
        }
        let filter = condition(request, tenantID: record.id)
        let total = try connection.query("select count(*) from items where " + filter)[0].decode(Int.self, at: 0)
        let readsPrivate = record.role == .admin || record.role == .editor
        let destination = Destination(total: total, progress: progress, write: write)
        switch request.format {
        case .ndjson:
            return try connection.withTransaction { connection in
                // PostgreSQL's JIT compiles the line's expressions in the leader and in each
                // parallel worker before their first row: a fixed cost (tenths of a second)
                // that the time it saves per row does not repay here.
                try connection.execute("set local jit = off")
                return try ndjson(request, filter: filter, to: destination, on: connection)
            }
        case .csv:
            let columns = csvColumns(types, readsPrivate: readsPrivate)
            // A cursor lives in a transaction (a savepoint inside the shell's own).
            return try connection.withTransaction { connection in
                try csv(request, columns: columns, filter: filter, to: destination, on: connection)
            }
        }
    }

    /// Writes the items as NDJSON lines built by the server, from one statement whose rows
    /// arrive while the last ones are written (and which the server may read in parallel):
    /// no cursor, no round trip per batch.
    private func ndjson(
        _ request: ExportRequest,
        filter: Query,
        to destination: Destination,
        on connection: isolated Connection
    ) throws -> Int {
        var buffer = ExportBuffer(write: destination.write)
        var writtenCount = 0
        try connection.stream(
            "select " + ndjsonLine(revisions: request.revisions) + " from items" + privateFieldsJoin + " where "
                + filter + " order by items.id"
        ) { row in
            try row.withTextBytes(at: 0) { try buffer.append($0) }
            buffer.append(byte: 0x0A)
            writtenCount += 1
            if writtenCount % batchSize == 0 {
                try buffer.flush()
                destination.progress(writtenCount, destination.total)
            }
        }
        try buffer.flush()
        if writtenCount % batchSize != 0 { destination.progress(writtenCount, destination.total) }
        return writtenCount
    }

    /// Writes the items as CSV lines, through a cursor read in batches.
    private func csv(
        _ request: ExportRequest,
        columns: [String],
        filter: Query,
        to destination: Destination,
        on connection: isolated Connection
    ) throws -> Int {
        var buffer = ExportBuffer(write: destination.write)
        var writtenCount = 0
        try connection.execute(
            "declare micic_export no scroll cursor for select \(ItemColumns.export) from items where " + filter
                + " order by id"
        )
        try buffer.append(CSVText.line(columns))
        let fetch = Query(unsafeSQL: "fetch \(batchSize) from micic_export")
        let dates = ISO8601DateFormatter()
        while true {
            let rows = try connection.query(fetch)
            if rows.isEmpty { break }
            let reader = try ItemRowReader(rows)
            for row in rows {
                let item = try reader.item(from: row, tenant: request.tenant)
                try buffer.append(CSVText.line(try cells(of: item, columns: columns, dates: dates)))
            }
            writtenCount += rows.count
            try buffer.flush()
            destination.progress(writtenCount, destination.total)
        }
        try connection.execute("close micic_export")
        try buffer.flush()
        return writtenCount
    }

    /// Where an export's bytes go, and whom it tells how far it is.
    private struct Destination {
        let total: Int
        let progress: @Sendable (Int, Int) -> Void
        let write: @Sendable (UnsafeRawBufferPointer) throws -> Void
    }

    /// The rows `request` selects: live items of the tenant, by type, language and state.
    private func condition(_ request: ExportRequest, tenantID: Int64) -> Query {
        var sql: Query = "tenant_id = \(tenantID) and deleted_at is null"
        if let type = request.type { sql.append(" and type = \(type)") }
        if !request.statuses.isEmpty { sql.append(" and status = any(\(request.statuses))") }
        let chain = request.fallbackLanguages
        if !chain.isEmpty {
            // One version per original: the one in the most wanted language.
            return sql + " and id in (select distinct on (coalesce(translation_of, id)) id from items where " + sql
                + " and language = any(\(chain)) order by coalesce(translation_of, id), array_position(\(chain), language))"
        }
        if let language = request.language { sql.append(" and language = \(language)") }
        return sql
    }

    /// The items' private fields (those row-level security lets the reader see), joined once
    /// rather than looked up item by item; named apart from the items' own columns, which the
    /// filter names bare.
    private var privateFieldsJoin: Query {
        """
         left join (select tenant_id as private_tenant_id, item_id as private_item_id, fields as private_fields \
        from item_private_fields) p on p.private_tenant_id = items.tenant_id and p.private_item_id = items.id
        """
    }

    /// One item as a JSON object, built by the server (private fields merged in from
    /// ``privateFieldsJoin``).
    private func ndjsonLine(revisions: Bool) -> Query {
        var sql: Query = """
            json_build_object('type', type, 'id', id, 'language', language, 'translation_of', translation_of, \
            'slug', slug, 'title', title, 'status', status, 'version', version, 'author', author, \
            'created', created_at, 'updated', updated_at, \
            'fields', case when p.private_fields is null then fields else fields || p.private_fields end
            """
        if revisions {
            sql.append(
                """
                , 'revisions', (select coalesce(json_agg(json_build_object('version', r.version, 'title', r.title, \
                'slug', r.slug, 'status', r.status, 'fields', r.fields, 'author', r.author, 'message', r.message, \
                'created', r.created_at) order by r.version), '[]') from item_revisions r \
                where r.tenant_id = items.tenant_id and r.item_id = items.id)
                """
            )
        }
        sql.append(")::text")
        return sql
    }

    /// The CSV header: the items' own columns, then every field of the types (private
    /// ones only for readers who may see them).
    private func csvColumns(_ types: [ContentType], readsPrivate: Bool) -> [String] {
        var columns = ItemColumns.exportNames
        var seen = Set(columns)
        for type in types {
            for field in type.fields where readsPrivate || !field.isPrivate {
                if seen.insert(field.name).inserted { columns.append(field.name) }
            }
        }
        if types.count == 1 { columns.removeAll { $0 == "type" } }
        return columns
    }

    private func cells(of item: Item, columns: [String], dates formatter: ISO8601DateFormatter) throws -> [String] {
        let type = try store.rules.type(item.type)
        return columns.map { column in
            switch column {
            case "id": String(item.id)
            case "type": item.type
            case "language": item.language
            case "translation_of": item.translationOf.map(String.init) ?? ""
            case "slug": item.slug
            case "title": item.title
            case "status": item.status
            case "version": String(item.version)
            case "author": item.author
            case "created": formatter.string(from: item.createdAt)
            case "updated": formatter.string(from: item.updatedAt)
            default:
                item.fields[column].flatMap { value in type.field(column).map { CellText.render(value, as: $0.kind) } }
                    ?? ""
            }
        }
    }
}
