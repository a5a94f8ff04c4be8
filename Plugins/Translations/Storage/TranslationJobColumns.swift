internal import Kernel
internal import Postgres
internal import Translations

/// The columns a ``TranslationJob`` is read from (with its source item), and the reading.
enum TranslationJobColumns {
    /// `select … from translation_jobs j join items s` (the source), for `tenantID`.
    static func select(tenantID: Int64, extra: Query? = nil) -> Query {
        var sql: Query = """
            select j.id, j.source_id, j.source_version, j.target_id, j.language, j.translator, j.reviewer,
                   j.due::text as due, j.status, j.source_hashes, j.outdated_fields, j.version, j.updated_at,
                   s.type, s.language as source_language, s.title as source_title
            """
        if let extra { sql.append(", \(extra)") }
        sql.append(" from translation_jobs j join items s on s.tenant_id = j.tenant_id and s.id = j.source_id")
        if extra != nil { sql.append(" join items t on t.tenant_id = j.tenant_id and t.id = j.target_id") }
        sql.append(" where j.tenant_id = \(tenantID)")
        return sql
    }

    /// The jobs `query` selects, overdue and soonest due first; `extra` columns may read
    /// the target item as `t` (then locked too with `lock`).
    static func statement(
        _ query: TranslationJobQuery,
        tenantID: Int64,
        lock: Bool = false,
        extra: Query? = nil
    ) -> Query {
        var sql = select(tenantID: tenantID, extra: extra)
        if !query.ids.isEmpty { sql.append(" and j.id = any(\(query.ids))") }
        if let language = query.language { sql.append(" and j.language = \(language)") }
        if !query.statuses.isEmpty { sql.append(" and j.status = any(\(query.statuses))") }
        if let source = query.sourceID { sql.append(" and j.source_id = \(source)") }
        if let target = query.targetID { sql.append(" and j.target_id = \(target)") }
        if let person = query.waitingFor {
            // Assigned to the person, or unassigned in a language they hold that role in.
            sql.append(
                """
                 and exists (select 1 from memberships m where m.tenant_id = j.tenant_id and m.principal = \(person)
                   and ((j.status in ('requested', 'in_progress', 'changes_requested', 'outdated')
                         and (j.translator = \(person) or (j.translator is null and m.role = 'translator'
                              and j.language = any (m.languages))))
                     or (j.status = 'submitted'
                         and (j.reviewer = \(person) or (j.reviewer is null and m.role = 'reviewer'
                              and j.language = any (m.languages))))))
                """
            )
        }
        sql.append(
            lock
                ? (extra == nil ? " order by j.id for update of j" : " order by j.id for update of j, t")
                : """
                 order by (j.due < current_date and j.status not in ('approved', 'published')) desc,
                          j.due nulls last, j.id
                """
        )
        return sql
    }

    static func job(from row: Row, tenant: String) throws -> TranslationJob {
        TranslationJob(
            id: try row.decode(column: "id"),
            tenant: tenant,
            type: try row.decode(column: "type"),
            sourceID: try row.decode(column: "source_id"),
            sourceVersion: try row.decode(column: "source_version"),
            sourceLanguage: try row.decode(column: "source_language"),
            sourceTitle: try row.decode(column: "source_title"),
            targetID: try row.decode(column: "target_id"),
            language: try row.decode(column: "language"),
            translator: try row.decode(column: "translator"),
            reviewer: try row.decode(column: "reviewer"),
            due: try row.decode(String?.self, column: "due").flatMap(CalendarDate.init),
            status: try row.decode(column: "status"),
            outdatedFields: try row.decode(column: "outdated_fields"),
            sourceHashes: try strings(of: row, column: "source_hashes"),
            version: try row.decode(column: "version"),
            updatedAt: try row.decode(column: "updated_at")
        )
    }

    /// A `jsonb` column holding an object of strings (field hashes), parsed from libpq's
    /// buffer (the server writes valid UTF-8 from a UTF8 database, see ``ItemRowReader``).
    /// - Throws: ``PostgresError/Code/decoding`` for NULL or anything but an object of strings.
    static func strings(of row: Row, column: String) throws -> [String: String] {
        let values = try row.withTextBytes(at: try row.result.columnNumber(column)) { bytes in
            try FieldValue.parseFields(validUTF8JSON: bytes).mapValues { value in
                guard let text = value.textValue else {
                    throw PostgresError(code: .decoding, message: "column \(column) holds a value that is not a string")
                }
                return text
            }
        }
        guard let values else { throw PostgresError(code: .decoding, message: "column \(column) is NULL") }
        return values
    }
}
