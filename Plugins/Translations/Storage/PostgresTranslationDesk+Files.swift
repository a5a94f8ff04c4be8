internal import Kernel
public import Postgres
internal import Store
public import Translations

extension PostgresTranslationDesk {
    /// A job with its target item as it now is and the hash of every translatable source
    /// field now: what an import checks and writes.
    struct Workpiece {
        let job: TranslationJob
        let target: Item
        let currentHashes: [String: String]
        /// The translatable fields whose source holds text: the units a file must carry.
        let expected: [String]
    }

    /// The workpieces of the jobs `query` selects, read in one statement, locked with `lock`.
    func workpieces(
        _ query: TranslationJobQuery,
        tenant: String,
        lock: Bool = false,
        on connection: isolated Connection
    ) throws -> [Workpiece] {
        let record = try store.tenantRecord(tenant, on: connection)
        // An import checks against hashes of the source as it now is.
        let extra: Query = """
            micic_field_hashes(s.title, s.fields, array(select jsonb_object_keys(j.source_hashes))) as hashes,
            array(select k from jsonb_object_keys(j.source_hashes) as k
                  where case when k = 'title' then s.title <> '' else jsonb_typeof(s.fields -> k) = 'string'
                        and s.fields ->> k <> '' end) as present,
            \(ItemColumns.columns(of: "t", prefix: "t_"))
            """
        let rows = try connection.query(
            TranslationJobColumns.statement(query, tenantID: record.id, lock: lock, extra: extra)
        )
        let targets = try ItemRowReader(rows, prefix: "t_")
        return try rows.map { row in
            let job = try TranslationJobColumns.job(from: row, tenant: tenant)
            let present = Set(try row.decode([String].self, column: "present"))
            return Workpiece(
                job: job,
                target: try targets.item(from: row, tenant: tenant),
                currentHashes: try TranslationJobColumns.strings(of: row, column: "hashes"),
                expected: try rules.type(job.type).translatableFields.filter(present.contains)
            )
        }
    }

    /// Reads the jobs with the source's text and the target's of every translatable field:
    /// only those texts, not the items (a file carries nothing else of them).
    public func packets(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationPacket] {
        try await connection.run { connection in
            let record = try self.store.tenantRecord(tenant, on: connection)
            // The translatable fields of every content type, each read as text from the
            // source and the target where it holds a string (plain columns: no subquery per
            // job), and each field's hash as the source now is: the job's own for the fields
            // not flagged outdated (the database flags every field whose source changed
            // since the hashes were taken), taken again for the flagged ones.
            let fields = Set(self.rules.registry.contentTypes.flatMap(\.translatableFields))
                .subtracting(["title"]).sorted()
            let extra: Query = """
                j.source_hashes || micic_field_hashes(s.title, s.fields, j.outdated_fields) as hashes,
                t.title as target_title\(Self.textColumns(fields))
                """
            let rows = try connection.query(TranslationJobColumns.statement(query, tenantID: record.id, extra: extra))
            let targetTitle = try rows.columnNumber("target_title")
            let columns = try fields.indices.map { index in
                (source: try rows.columnNumber("source_\(index)"), target: try rows.columnNumber("target_\(index)"))
            }
            return try rows.map { row in
                let job = try TranslationJobColumns.job(from: row, tenant: tenant)
                let hashes = try TranslationJobColumns.strings(of: row, column: "hashes")
                var texts = ["title": (source: job.sourceTitle, target: try row.decode(String.self, at: targetTitle))]
                for (field, column) in zip(fields, columns) where job.sourceHashes[field] != nil {
                    texts[field] = (try row.decode(at: column.source) ?? "", try row.decode(at: column.target) ?? "")
                }
                // One unit per translatable field of the job holding text in the source.
                let units = try self.rules.type(job.type).translatableFields.compactMap { field -> TranslationUnit? in
                    guard job.sourceHashes[field] != nil, let text = texts[field], !text.source.isEmpty else {
                        return nil
                    }
                    return TranslationUnit(
                        field: field,
                        sourceHash: hashes[field] ?? "",
                        source: text.source,
                        target: text.target.isEmpty ? nil : text.target
                    )
                }
                return TranslationPacket(
                    jobID: job.id,
                    sourceLanguage: job.sourceLanguage,
                    targetLanguage: job.language,
                    type: job.type,
                    sourceID: job.sourceID,
                    units: units
                )
            }
        }
    }

    /// `source_N` and `target_N`: the text of the source's and the target's `fields[N]`, where
    /// it holds a string.
    private static func textColumns(_ fields: [String]) -> Query {
        var columns: Query = ""
        for (index, field) in fields.enumerated() {
            for (item, prefix) in [("s", "source"), ("t", "target")] {
                let fields = Query(unsafeSQL: item + ".fields")
                columns.append(
                    """
                    , case when jsonb_typeof(\(fields) -> \(field)) = 'string' then \(fields) ->> \(field) end \
                    as \(Query(unsafeSQL: "\(prefix)_\(index)"))
                    """
                )
            }
        }
        return columns
    }

    public func outdated(_ query: TranslationJobQuery, tenant: String) async throws -> [OutdatedField] {
        try await connection.run { connection in
            let record = try self.store.tenantRecord(tenant, on: connection)
            var result: [OutdatedField] = []
            for job in try self.jobs(query, tenant: tenant, on: connection) where !job.outdatedFields.isEmpty {
                let then = try connection.query(
                    """
                    select title, fields from item_revisions
                    where tenant_id = \(record.id) and item_id = \(job.sourceID) and version = \(job.sourceVersion)
                    """
                )
                var before: [String: FieldValue] = [:]
                if let row = then.first {
                    before = try FieldValue.parseFields(json: try row.decode(JSONDocument.self, column: "fields").text)
                    before["title"] = .text(try row.decode(column: "title"))
                }
                let source = try self.store.item(id: job.sourceID, tenant: tenant, on: connection)
                for field in job.outdatedFields {
                    let now = field == "title" ? FieldValue.text(source.title) : source.fields[field]
                    result.append(OutdatedField(jobID: job.id, field: field, before: before[field], after: now))
                }
            }
            return result
        }
    }

    public func apply(
        _ packets: [TranslationPacket],
        tenant: String,
        author: String,
        force: Bool
    ) async throws -> [TranslationOutcome] {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try self.apply(packets, tenant: tenant, author: author, force: force, on: connection)
            }
        }
    }

    /// Checks every unit of `packets`, then writes all translations in one statement.
    public func apply(
        _ packets: [TranslationPacket],
        tenant: String,
        author: String,
        force: Bool,
        on connection: isolated Connection
    ) throws -> [TranslationOutcome] {
        let record = try store.tenantRecord(tenant, on: connection)
        try rules.writable(record.tenant)
        let ids = packets.map(\.jobID)
        let pieces = Dictionary(
            try workpieces(TranslationJobQuery(ids: ids), tenant: tenant, lock: true, on: connection)
                .map { ($0.job.id, $0) }
        ) { first, _ in first }
        var problems: [TranslationImportError.Problem] = []
        var changes: [(item: Item, old: Item)] = []
        var changedSources: [Int64: [String]] = [:]
        var seen = Set<Int64>()
        for packet in packets {
            func problem(_ field: String?, _ message: String) {
                problems.append(.init(jobID: packet.jobID, field: field, message: message))
            }
            guard seen.insert(packet.jobID).inserted else {
                problem(nil, "the job appears twice in the file")
                continue
            }
            guard let piece = pieces[packet.jobID] else {
                problem(nil, "there is no translation job \(packet.jobID) in tenant \(tenant)")
                continue
            }
            if packet.targetLanguage != piece.job.language {
                problem(
                    nil,
                    "the file translates into \(packet.targetLanguage), but the job is for \(piece.job.language)"
                )
            }
            if packet.sourceLanguage != piece.job.sourceLanguage {
                problem(
                    nil,
                    "the file translates from \(packet.sourceLanguage), but the source is in \(piece.job.sourceLanguage)"
                )
            }
            if let refusal = piece.job.editRefusal(person: author, role: record.role, languages: record.languages) {
                problem(nil, refusal)
            }
            let expected = Set(piece.expected)
            var target = piece.target
            for unit in packet.units {
                guard piece.job.sourceHashes[unit.field] != nil else {
                    problem(unit.field, "is not a translatable field of \(piece.job.type)")
                    continue
                }
                if unit.sourceHash != piece.currentHashes[unit.field] {
                    if force {
                        changedSources[packet.jobID, default: []].append(unit.field)
                    } else {
                        problem(
                            unit.field,
                            "the source text changed since the file was exported (use --force to import anyway; the job is then marked outdated)"
                        )
                    }
                }
                guard let text = unit.target else { continue }
                if unit.field == "title" { target.title = text } else { target.fields[unit.field] = .text(text) }
            }
            for field in expected.subtracting(packet.units.map(\.field)).sorted() {
                problem(field, "the unit is missing from the file")
            }
            do {
                let checked = try rules.apply(
                    ItemChanges(
                        title: target.title,
                        set: target.fields.filter { piece.target.fields[$0.key] != $0.value }
                    ),
                    to: piece.target,
                    in: record.tenant
                )
                var changed = checked
                changed.author = author
                if changed.title != piece.target.title || changed.fields != piece.target.fields {
                    changes.append((changed, piece.target))
                }
            } catch let error as ValidationError {
                for issue in error.issues { problem(issue.field, issue.message) }
            }
        }
        if !problems.isEmpty { throw TranslationImportError(problems: problems) }
        let saved = try store.saveAll(
            changes,
            tenantID: record.id,
            message: "translation import",
            on: connection
        )
        if saved.count != changes.count {
            throw ContentError(.conflict, "a translation changed while the file was imported; import it again")
        }
        try markOutdated(changedSources, tenantID: record.id, on: connection)
        try startRequested(ids, tenantID: record.id, author: author, on: connection)
        return try jobs(TranslationJobQuery(ids: ids), tenant: tenant, on: connection).map { .done($0) }
    }

    /// Flags the fields whose source changed since export (an import that was forced).
    private func markOutdated(_ fields: [Int64: [String]], tenantID: Int64, on connection: isolated Connection) throws {
        for (job, names) in fields {
            try connection.execute(
                """
                update translation_jobs set status = 'outdated', version = version + 1, updated_at = now(),
                    outdated_fields = array(select distinct unnest(outdated_fields || \(names)) order by 1)
                where tenant_id = \(tenantID) and id = \(job)
                """
            )
        }
    }

    /// Work has begun on requested jobs that received a translation.
    func startRequested(_ ids: [Int64], tenantID: Int64, author: String, on connection: isolated Connection) throws {
        try store.startRequestedJobs("id = any(\(ids))", tenantID: tenantID, author: author, on: connection)
    }
}
