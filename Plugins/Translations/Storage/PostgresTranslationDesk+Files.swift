internal import Kernel
public import Postgres
internal import Store
public import Translations

extension PostgresTranslationDesk {
    /// A job with its target item as it now is, the hash of every translatable source
    /// field now, and (for exports) the source's text.
    struct Workpiece {
        let job: TranslationJob
        let target: Item
        let currentHashes: [String: String]
        /// The translatable fields whose source holds text: the units a file must carry.
        let expected: [String]
        /// The source's text per field, when it was read.
        let sourceTexts: [String: String]

        /// One unit per translatable field holding text in the source.
        var units: [TranslationUnit] {
            expected.compactMap { field in
                guard let source = sourceTexts[field] else { return nil }
                let target = field == "title" ? target.title : target.fields[field]?.textValue
                return TranslationUnit(
                    field: field,
                    sourceHash: currentHashes[field] ?? "",
                    source: source,
                    target: target.flatMap { $0.isEmpty ? nil : $0 }
                )
            }
        }
    }

    /// The workpieces of the jobs `query` selects, read in one statement (the source's text
    /// only `withSource`).
    func workpieces(
        _ query: TranslationJobQuery,
        tenant: String,
        lock: Bool = false,
        withSource: Bool,
        on connection: isolated Connection
    ) throws -> [Workpiece] {
        let record = try store.tenantRecord(tenant, on: connection)
        // An export carries each field's hash as its source now is: the job's own for the
        // fields not flagged outdated (the database flags every field whose source changed
        // since the hashes were taken), taken again for the flagged ones. An import checks
        // against hashes all taken again.
        let hashes: Query =
            withSource
            ? "j.source_hashes || micic_field_hashes(s.title, s.fields, j.outdated_fields)"
            : "micic_field_hashes(s.title, s.fields, array(select jsonb_object_keys(j.source_hashes)))"
        var extra: Query = """
            \(hashes) as hashes,
            array(select k from jsonb_object_keys(j.source_hashes) as k
                  where case when k = 'title' then s.title <> '' else jsonb_typeof(s.fields -> k) = 'string'
                        and s.fields ->> k <> '' end) as present,
            \(ItemColumns.columns(of: "t", prefix: "t_"))
            """
        if withSource { extra.append(", s.fields as source_fields") }
        let rows = try connection.query(
            TranslationJobColumns.statement(query, tenantID: record.id, lock: lock, extra: extra)
        )
        let targets = try ItemRowReader(rows, prefix: "t_")
        let sourceFields = withSource ? try rows.columnNumber("source_fields") : nil
        return try rows.map { row in
            let job = try TranslationJobColumns.job(from: row, tenant: tenant)
            let order = try rules.type(job.type).translatableFields
            let present = Set(try row.decode([String].self, column: "present"))
            var texts: [String: String] = [:]
            if let sourceFields {
                let fields = try row.withTextBytes(at: sourceFields, FieldValue.parseFields(validUTF8JSON:))
                texts = (fields ?? [:]).compactMapValues(\.textValue)
                texts["title"] = job.sourceTitle
            }
            return Workpiece(
                job: job,
                target: try targets.item(from: row, tenant: tenant),
                currentHashes: try TranslationJobColumns.strings(of: row, column: "hashes"),
                expected: order.filter(present.contains),
                sourceTexts: texts
            )
        }
    }

    public func packets(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationPacket] {
        try await connection.run { connection in
            try self.workpieces(query, tenant: tenant, withSource: true, on: connection).map { piece in
                TranslationPacket(
                    jobID: piece.job.id,
                    sourceLanguage: piece.job.sourceLanguage,
                    targetLanguage: piece.job.language,
                    type: piece.job.type,
                    sourceID: piece.job.sourceID,
                    units: piece.units
                )
            }
        }
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
            try workpieces(TranslationJobQuery(ids: ids), tenant: tenant, lock: true, withSource: false, on: connection)
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
